/**
 * IAM SAML identity providers (IAM UG, id_roles_providers_create_saml), stored apart from the
 * other IAM entities:
 *
 *   iam/<account>/global/saml-provider/<name>   SamlProviderRecord
 *
 * The metadata document is checked when stored: an EntityDescriptor with an IDPSSODescriptor and
 * at least one signing certificate (X509Certificate) that Node can read. The certificates are
 * what AssumeRoleWithSAML would verify assertions with (not built yet: see docs/ARCHITECTURE.md).
 *
 * Texts: "Manifest not found for arn <arn>" recorded against AWS (LocalStack,
 * tests/aws/services/iam/test_iam_saml_providers.snapshot.json, 2026-02); others marked.
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import type { ConditionValue, Ctx } from '../../core/operation.js';
import type { ReadTx, WriteTx } from '../../store/store.js';
import { EntityAlreadyExistsException, InvalidInputException, LimitExceededException, NoSuchEntityException } from './errors.js';
import type { Tag } from './model.gen.js';
import { resourceTagConditions } from './tags.js';
import { childrenNamed, descendantsNamed, parseXml, textOf, XmlError } from './xml.js';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

export interface SamlProviderRecord {
  readonly v: 1;
  readonly arn: string;
  readonly name: string;
  /** SAMLProviderUUID. */
  readonly uuid: string;
  readonly metadata: string;
  readonly entityId: string;
  /** DER of each signing certificate, base64. */
  readonly certificates: readonly string[];
  readonly validUntilMs: number;
  readonly createdMs: number;
  readonly assertionEncryptionMode: 'Required' | 'Allowed';
  readonly tags: readonly Tag[];
}

const prefix = (account: string) => `iam/${account}/global/saml-provider/`;
const ARN = /^arn:aws:iam::(\d{12}):saml-provider\/([\w._-]+)$/;
export const samlProviderArn = (account: string, name: string): string => `arn:aws:iam::${account}:saml-provider/${name}`;

const MAX_PROVIDERS = 100;
/** When the metadata names no validUntil. */
// unverified: AWS's ValidUntil for metadata without validUntil (Warden: 100 years after creation).
const DEFAULT_VALIDITY_MS = 100 * 365.25 * 24 * 3600 * 1000;

// "Could not parse metadata", as users report AWS's InvalidInput for unreadable metadata.
export const badMetadata = (): InvalidInputException => new InvalidInputException('Could not parse metadata');
export const samlNotFound = (arn: string): NoSuchEntityException => new NoSuchEntityException(`Manifest not found for arn ${arn}`);
// unverified: the duplicate-name and quota texts.
export const samlExists = (name: string): EntityAlreadyExistsException => new EntityAlreadyExistsException(`SAMLProvider ${name} already exists`);
const tooManyProviders = (): LimitExceededException => new LimitExceededException('Cannot exceed quota for SamlProvidersPerAccount: 100');

export interface ParsedMetadata {
  readonly entityId: string;
  readonly certificates: string[];
  readonly validUntilMs?: number;
}

/** The IdP's entity id, signing certificates and validUntil, or InvalidInput. */
export function parseMetadata(doc: string): ParsedMetadata {
  let root;
  try {
    root = parseXml(doc);
  } catch (e) {
    if (e instanceof XmlError) throw badMetadata();
    throw e;
  }
  if (root.ns !== MD || root.local !== 'EntityDescriptor') throw badMetadata();
  const entityId = root.attributes.get('entityID');
  const idp = childrenNamed(root, MD, 'IDPSSODescriptor')[0];
  if (entityId === undefined || entityId === '' || idp === undefined) throw badMetadata();
  const certificates: string[] = [];
  for (const kd of childrenNamed(idp, MD, 'KeyDescriptor')) {
    const use = kd.attributes.get('use');
    if (use !== undefined && use !== 'signing') continue;
    for (const c of descendantsNamed(kd, DS, 'X509Certificate')) {
      const der = Buffer.from(textOf(c).replace(/\s+/g, ''), 'base64');
      try {
        new X509Certificate(der);
      } catch {
        throw badMetadata();
      }
      certificates.push(der.toString('base64'));
    }
  }
  if (certificates.length === 0) throw badMetadata();
  const validUntil = root.attributes.get('validUntil') ?? idp.attributes.get('validUntil');
  const validUntilMs = validUntil === undefined ? undefined : Date.parse(validUntil);
  if (validUntilMs !== undefined && Number.isNaN(validUntilMs)) throw badMetadata();
  return { entityId, certificates, ...(validUntilMs !== undefined ? { validUntilMs } : {}) };
}

export const validUntil = (parsed: ParsedMetadata, nowMs: number): number => parsed.validUntilMs ?? nowMs + DEFAULT_VALIDITY_MS;

/** SAMLProviderUUID: 22–64 characters of [A-Z0-9] (the model's privateKeyIdType). */
export const samlProviderUuid = (): string => randomBytes(16).toString('hex').toUpperCase();

export async function readSamlProvider(tx: ReadTx, arn: string): Promise<SamlProviderRecord | undefined> {
  const m = ARN.exec(arn);
  if (m === null) return undefined;
  const e = await tx.get(`${prefix(m[1]!)}${m[2]!}`);
  return e === undefined ? undefined : (JSON.parse(Buffer.from(e.value).toString('utf8')) as SamlProviderRecord);
}

export async function listSamlProviders(tx: ReadTx, account: string): Promise<SamlProviderRecord[]> {
  return (await tx.scan(prefix(account))).map((e) => JSON.parse(Buffer.from(e.value).toString('utf8')) as SamlProviderRecord);
}

export function putSamlProvider(tx: WriteTx, account: string, rec: SamlProviderRecord): void {
  tx.put(`${prefix(account)}${rec.name}`, Buffer.from(JSON.stringify(rec), 'utf8'));
}

export function deleteSamlProvider(tx: WriteTx, account: string, rec: SamlProviderRecord): void {
  tx.delete(`${prefix(account)}${rec.name}`);
}

export async function checkSamlQuota(tx: ReadTx, account: string): Promise<void> {
  if ((await listSamlProviders(tx, account)).length >= MAX_PROVIDERS) throw tooManyProviders();
}

/** Authorizes `action` on the provider (its tags as aws:ResourceTag/*), then returns it or NoSuchEntity. */
export async function authorizedSamlProvider(ctx: Ctx, arn: string, action: string, extra: Record<string, ConditionValue> = {}): Promise<SamlProviderRecord> {
  const rec = ARN.exec(arn)?.[1] === ctx.account ? await readSamlProvider(ctx.tx, arn) : undefined;
  await ctx.authorize({ action, resource: arn, conditions: { ...resourceTagConditions(rec?.tags), ...extra } });
  if (rec === undefined) throw samlNotFound(arn);
  return rec;
}
