/**
 * Grants: which operations a grant may give for each kind of key, grant tokens, constraints, and
 * the check that lets a grant allow what the policies alone do not.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
 */
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../core/operation.js';
import { InvalidGrantIdException, InvalidGrantTokenException, NotFoundException, ValidationException } from './errors.js';
import { isKeyId } from './keys.js';
import type { GrantConstraints, GrantListEntry, GrantOperation } from './model.gen.js';
import { scanGrants, type GrantRecord, type KeyRecord } from './state.js';

const COMMON: readonly GrantOperation[] = ['CreateGrant', 'DescribeKey', 'RetireGrant'];

/** "Grant operations" by key type (grants.html#terms-grant-operations). */
export function grantOperationsFor(rec: KeyRecord): readonly GrantOperation[] {
  const own: readonly GrantOperation[] = (() => {
    switch (rec.keyUsage) {
      case 'ENCRYPT_DECRYPT':
        return rec.keySpec === 'SYMMETRIC_DEFAULT'
          ? ['Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo']
          : ['Decrypt', 'Encrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey'];
      case 'SIGN_VERIFY':
        return ['Sign', 'Verify', 'GetPublicKey'];
      case 'GENERATE_VERIFY_MAC':
        return ['GenerateMac', 'VerifyMac'];
      case 'KEY_AGREEMENT':
        return ['DeriveSharedSecret', 'GetPublicKey'];
      default:
        return [];
    }
  })();
  return [...own, ...COMMON];
}

/** Operations that take an encryption context, the only ones a grant constraint restricts (grant-constraints). */
const CONTEXT_OPERATIONS: ReadonlySet<string> = new Set([
  'Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo',
]);

/**
 * CreateGrant's checks the model cannot express. Messages are Warden's. // unverified
 */
export function checkGrantRequest(rec: KeyRecord, operations: readonly string[], constraints: GrantConstraints | undefined): void {
  if (operations.length === 0) throw new ValidationException('Operations must not be empty.'); // unverified
  const allowed = grantOperationsFor(rec);
  const invalid = operations.filter((o) => !allowed.includes(o as GrantOperation));
  if (invalid.length > 0) throw new ValidationException(`Grant operations ${invalid.join(', ')} are not valid for key spec ${rec.keySpec} with key usage ${rec.keyUsage}.`); // unverified
  if (constraints !== undefined && (constraints.EncryptionContextEquals !== undefined || constraints.EncryptionContextSubset !== undefined)) {
    // "Encryption context grant constraints … are supported only … for symmetric encryption KMS keys" (grants.html)
    if (rec.keySpec !== 'SYMMETRIC_DEFAULT') throw new ValidationException('Encryption context grant constraints are supported only on symmetric encryption KMS keys.'); // unverified
    if (constraints.EncryptionContextEquals !== undefined && constraints.EncryptionContextSubset !== undefined) {
      throw new ValidationException('A grant can have either an EncryptionContextEquals or an EncryptionContextSubset constraint, not both.'); // unverified
    }
  }
}

const GRANT_ID = /^[0-9a-f]{64}$/;

export const newGrantId = (): string => randomBytes(32).toString('hex');
export const newTokenSecret = (): string => randomBytes(16).toString('hex');

/** InvalidGrantIdException for an id KMS could not have issued (message Warden's). // unverified */
export function assertGrantId(id: string): void {
  if (!GRANT_ID.test(id)) throw new InvalidGrantIdException(`Invalid grant ID: ${id}`);
}

export interface TokenRef {
  readonly account: string;
  readonly region: string;
  readonly keyId: string;
  readonly grantId: string;
  readonly secret: string;
}

/**
 * A grant token: opaque to clients, base64url of `1:<account>:<region>:<key id>:<grant id>:<secret>`.
 * Grants are strongly consistent here, so a token adds no permission of its own: it is checked
 * for form and, for RetireGrant, names the grant.
 */
export const grantToken = (rec: GrantRecord, account: string, region: string): string =>
  Buffer.from(`1:${account}:${region}:${rec.keyId}:${rec.grantId}:${rec.tokenSecret}`, 'utf8').toString('base64url');

/** The grant a token names; InvalidGrantTokenException when it is not one Warden issued. */
export function parseGrantToken(token: string): TokenRef {
  const invalid = () => new InvalidGrantTokenException('Grant token is invalid'); // unverified
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
  const parts = Buffer.from(token, 'base64url').toString('utf8').split(':');
  if (parts.length !== 6 || parts[0] !== '1') throw invalid();
  const [, account, region, keyId, grantId, secret] = parts as [string, string, string, string, string, string];
  if (!/^\d{12}$/.test(account) || !/^[a-z0-9-]+$/.test(region) || !isKeyId(keyId) || !GRANT_ID.test(grantId) || !/^[0-9a-f]{32}$/.test(secret)) throw invalid();
  return { account, region, keyId, grantId, secret };
}

/** Every token of a request must be well formed ("usable immediately": nothing more to wait for). */
export function checkGrantTokens(tokens: readonly string[] | undefined): void {
  if (tokens !== undefined) for (const t of tokens) parseGrantToken(t);
}

/** True when the principal of this request is the grant's grantee (a role's sessions are the role). */
export function isGrantee(ctx: Ctx, principal: string): boolean {
  return principal === ctx.principal.arn || (ctx.principal.type === 'AssumedRole' && principal === ctx.principal.sessionIssuer?.arn);
}

export function isRetiree(ctx: Ctx, principal: string | undefined): boolean {
  return principal !== undefined && isGrantee(ctx, principal);
}

type Context = Readonly<Record<string, string>> | undefined;

/** Whether a grant's constraints admit a request's encryption context (grant-constraints). */
export function constraintsAdmit(g: GrantRecord, operation: string, context: Context): boolean {
  const c = g.constraints;
  if (c === undefined || !CONTEXT_OPERATIONS.has(operation)) return true;
  const ctx = context ?? {};
  if (c.EncryptionContextEquals !== undefined) {
    const want = c.EncryptionContextEquals;
    const keys = Object.keys(ctx);
    return keys.length === Object.keys(want).length && keys.every((k) => want[k] === ctx[k]);
  }
  if (c.EncryptionContextSubset !== undefined) return Object.entries(c.EncryptionContextSubset).every(([k, v]) => ctx[k] === v);
  return true;
}

/** The first grant on the key that lets this request's principal perform `action`, if any. */
export async function grantAllowing(ctx: Ctx, rec: KeyRecord, action: string, context: Context): Promise<GrantRecord | undefined> {
  const operation = action.startsWith('kms:') ? action.slice(4) : action;
  let after: string | undefined;
  for (;;) {
    const page = await scanGrants(ctx, rec.account, rec.region, rec.keyId, after, 256);
    for (const g of page) {
      if (isGrantee(ctx, g.granteePrincipal) && g.operations.includes(operation) && constraintsAdmit(g, operation, context)) return g;
    }
    if (page.length < 256) return undefined;
    after = page[page.length - 1]!.grantId;
  }
}

/** A grant as ListGrants and ListRetirableGrants answer it. */
export function grantEntry(g: GrantRecord, keyArn: string): GrantListEntry {
  return {
    KeyId: keyArn,
    GrantId: g.grantId,
    ...(g.name !== undefined ? { Name: g.name } : {}),
    CreationDate: new Date(g.createdMs),
    GranteePrincipal: g.granteePrincipal,
    ...(g.retiringPrincipal !== undefined ? { RetiringPrincipal: g.retiringPrincipal } : {}),
    IssuingAccount: g.issuingAccount,
    Operations: [...g.operations] as GrantOperation[],
    ...(g.constraints !== undefined ? { Constraints: { ...g.constraints } } : {}),
  };
}

const PRINCIPAL = /^(arn:aws:iam::\d{12}:(root|user\/.+|role\/.+)|arn:aws:sts::\d{12}:(assumed-role|federated-user)\/.+|[a-z0-9.-]+\.amazonaws\.com)$/;

/**
 * GranteePrincipal and RetiringPrincipal: an IAM principal ARN or an AWS service principal.
 * Message Warden's. // unverified
 */
export function assertPrincipal(value: string | undefined, member: string): void {
  if (value !== undefined && !PRINCIPAL.test(value)) throw new ValidationException(`${member} ${value} is not a valid principal.`);
}

/** A grant id that names no grant of the key: NotFoundException, message Warden's. // unverified */
export const grantNotFound = (grantId: string): NotFoundException => new NotFoundException(`Grant ID ${grantId} not found`);
