/**
 * IAM OpenID Connect identity providers (IAM UG, id_roles_providers_create_oidc), stored apart
 * from the other IAM entities:
 *
 *   iam/<account>/global/oidc-provider/<host/path>   OidcProviderRecord
 *
 * The provider's ARN is `arn:aws:iam::<account>:oidc-provider/<host/path>` (its URL without
 * `https://`). The keys that verify its tokens are not part of AWS's API (STS fetches them from
 * the issuer's JWKS endpoint); Warden, which cannot reach the internet, keeps them per issuer in
 * auth/oidc-jwks.ts.
 *
 * AWS's texts below were recorded against AWS in LocalStack's snapshot tests
 * (localstack/localstack, tests/aws/services/iam/test_iam_oidc.snapshot.json, 2026-02) unless noted.
 */
import type { ConditionValue, Ctx } from '../../core/operation.js';
import type { ReadTx, WriteTx } from '../../store/store.js';
import { EntityAlreadyExistsException, InvalidInputException, LimitExceededException, NoSuchEntityException, ValidationError } from './errors.js';
import type { Tag } from './model.gen.js';
import { resourceTagConditions } from './tags.js';

export interface OidcProviderRecord {
  readonly v: 1;
  readonly arn: string;
  /** Host and path, without `https://` (GetOpenIDConnectProvider's Url). */
  readonly url: string;
  readonly clientIds: readonly string[];
  readonly thumbprints: readonly string[];
  readonly createdMs: number;
  readonly tags: readonly Tag[];
}

const prefix = (account: string) => `iam/${account}/global/oidc-provider/`;
const ARN = /^arn:aws:iam::(\d{12}):oidc-provider\/(.+)$/;

export const oidcProviderArn = (account: string, url: string): string => `arn:aws:iam::${account}:oidc-provider/${url}`;

export const MAX_THUMBPRINTS = 5;
export const MAX_CLIENT_IDS = 100;
const MAX_PROVIDERS = 100;
const MAX_TAGS = 50;

export const invalidUrl = (): ValidationError => new ValidationError('Invalid Open ID Connect Provider URL');
export const tooManyThumbprints = (): InvalidInputException => new InvalidInputException('Thumbprint list must contain fewer than 5 entries.');
export const tooManyClientIds = (): LimitExceededException => new LimitExceededException('Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100');
// unverified: the provider quota's text, by analogy with the client id quota's.
const tooManyProviders = (): LimitExceededException => new LimitExceededException('Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100');
export const tooManyTags = (): LimitExceededException => new LimitExceededException('The number of tags has reached the maximum limit.');
export const providerExists = (url: string): EntityAlreadyExistsException => new EntityAlreadyExistsException(`Provider with url https://${url} already exists.`);
/** Get…, Add/RemoveClientID…, UpdateThumbprint, tags (the Get text; the others' are unverified). */
export const providerNotFound = (arn: string): NoSuchEntityException => new NoSuchEntityException(`OpenIDConnect Provider not found for arn ${arn}`);
/** DeleteOpenIDConnectProvider's own text. */
export const providerNotFoundForDelete = (arn: string): NoSuchEntityException => new NoSuchEntityException(`OpenId connect Provider ${arn} cannot be found.`);

/** `https://host[:port][/path]` → `host[/path]`; undefined when it is not such a URL. */
export function providerUrl(url: string): string | undefined {
  if (!url.startsWith('https://')) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.hostname === '' || u.search !== '' || u.hash !== '' || u.username !== '') return undefined;
  const path = u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '');
  return `${u.host}${path}`;
}

export async function readProvider(tx: ReadTx, arn: string): Promise<OidcProviderRecord | undefined> {
  const m = ARN.exec(arn);
  if (m === null) return undefined;
  const e = await tx.get(`${prefix(m[1]!)}${m[2]!}`);
  return e === undefined ? undefined : (JSON.parse(Buffer.from(e.value).toString('utf8')) as OidcProviderRecord);
}

/** The provider for a token's `iss` (`https://host/path`) in `account`. */
export async function providerForIssuer(tx: ReadTx, account: string, iss: string): Promise<OidcProviderRecord | undefined> {
  const url = providerUrl(iss);
  return url === undefined ? undefined : readProvider(tx, oidcProviderArn(account, url));
}

export async function listProviders(tx: ReadTx, account: string): Promise<OidcProviderRecord[]> {
  return (await tx.scan(prefix(account))).map((e) => JSON.parse(Buffer.from(e.value).toString('utf8')) as OidcProviderRecord);
}

export function putProvider(tx: WriteTx, account: string, rec: OidcProviderRecord): void {
  tx.put(`${prefix(account)}${rec.url}`, Buffer.from(JSON.stringify(rec), 'utf8'));
}

export function deleteProvider(tx: WriteTx, account: string, rec: OidcProviderRecord): void {
  tx.delete(`${prefix(account)}${rec.url}`);
}

export async function checkProviderQuota(tx: ReadTx, account: string): Promise<void> {
  if ((await listProviders(tx, account)).length >= MAX_PROVIDERS) throw tooManyProviders();
}

/**
 * Authorizes `action` on the provider named by `arn` (with its tags as aws:ResourceTag/*), then
 * returns it; a provider that does not exist is reported after the decision, as IAM does for
 * other entities.
 */
export async function authorizedProvider(ctx: Ctx, arn: string, action: string, extra: Record<string, ConditionValue> = {}, missing = providerNotFound): Promise<OidcProviderRecord> {
  const rec = ARN.exec(arn)?.[1] === ctx.account ? await readProvider(ctx.tx, arn) : undefined;
  await ctx.authorize({ action, resource: arn, conditions: { ...resourceTagConditions(rec?.tags), ...extra } });
  if (rec === undefined) throw missing(arn);
  return rec;
}

/** Tags merged as TagOpenIDConnectProvider does (keys case-sensitive, unverified), at most 50. */
export function mergeProviderTags(existing: readonly Tag[], add: readonly Tag[]): Tag[] {
  const out = existing.map((t) => ({ ...t }));
  for (const t of add) {
    const i = out.findIndex((o) => o.Key === t.Key);
    if (i === -1) out.push({ Key: t.Key, Value: t.Value });
    else out[i] = { Key: t.Key, Value: t.Value };
  }
  if (out.length > MAX_TAGS) throw tooManyTags();
  return out;
}
