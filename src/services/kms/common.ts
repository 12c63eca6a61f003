/** What many KMS operations share: authorizing on a key, usage checks, DryRun, audit values. */
import type { Ctx, JsonObject } from '../../core/operation.js';
import { contextConditions, keyConditions, type Conditions } from './conditions.js';
import { DryRunOperationException, InvalidKeyUsageException, UnsupportedOperationException } from './errors.js';
import { checkGrantTokens, grantAllowing } from './grants.js';
import type { ResolvedKey } from './keys.js';
import type { KeyUsageType } from './model.gen.js';
import type { GrantRecord, KeyRecord } from './state.js';

/**
 * Authorizes `action` on a key with its key policy as the resource policy and KMS's condition
 * keys, then names the key in the audit event's resources (CloudTrail lists it with its owner).
 * Returns the grant that allowed the request, if a grant did.
 *
 * Grants add permissions (grants.html): the policy engine does not know them, so when it refuses
 * for want of an allowing statement, a grant on the key that names the caller as grantee, lists
 * the operation and whose constraints admit the encryption context allows the request. An
 * explicit deny still wins. The grant that allowed is recorded as additionalEventData.grantId.
 * Grant tokens must be well formed (InvalidGrantTokenException) whether or not a grant is needed.
 */
export async function authorizeKey(
  ctx: Ctx,
  action: string,
  key: ResolvedKey,
  extra?: Conditions,
  context?: Readonly<Record<string, string>>,
  grantTokens?: readonly string[],
): Promise<GrantRecord | undefined> {
  checkGrantTokens(grantTokens);
  const conditions = keyConditions(ctx, key.rec, key.requestAlias);
  if (extra !== undefined) Object.assign(conditions, extra);
  const allowedBy = await authorizeWithGrants(ctx, action, key, conditions, context);
  if (allowedBy !== undefined) ctx.audit.additionalEventData({ grantId: allowedBy.grantId });
  ctx.audit.addResource(key.rec.arn, 'AWS::KMS::Key', key.rec.account);
  return allowedBy;
}

/**
 * ctx.authorize on the key with its key policy and `conditions` (the encryption context's keys
 * added); on an implicit deny, a grant of the key that admits the caller, the operation and the
 * context allows. Returns that grant. Shared by KMS's own operations and calls on a caller's
 * behalf (internal.ts).
 */
export async function authorizeWithGrants(
  ctx: Ctx,
  action: string,
  key: ResolvedKey,
  conditions: Conditions,
  context?: Readonly<Record<string, string>>,
): Promise<GrantRecord | undefined> {
  if (context !== undefined) contextConditions(context, conditions);
  let allowedBy: GrantRecord | undefined;
  await ctx.authorize({
    action,
    resource: key.rec.arn,
    resourcePolicy: key.rec.policy,
    conditions,
    implicitDenyFallback: async () => {
      allowedBy = await grantAllowing(ctx, key.rec, action, context);
      return allowedBy === undefined ? undefined : { grantId: allowedBy.grantId };
    },
  });
  return allowedBy;
}

/**
 * The policies alone, without the key's grants: the key's conditions, then the key among the
 * event's resources. `fallback` may admit an implicit deny on other grounds (RetireGrant's own grant).
 */
export async function authorizeByPolicies(ctx: Ctx, action: string, key: ResolvedKey, fallback?: () => Promise<JsonObject | undefined>): Promise<void> {
  await ctx.authorize({
    action,
    resource: key.rec.arn,
    resourcePolicy: key.rec.policy,
    conditions: keyConditions(ctx, key.rec, key.requestAlias),
    ...(fallback !== undefined ? { implicitDenyFallback: fallback } : {}),
  });
  ctx.audit.addResource(key.rec.arn, 'AWS::KMS::Key', key.rec.account);
}

/** InvalidKeyUsageException unless the key's usage is `usage` (LocalStack's AWS recordings). */
export function assertUsage(rec: KeyRecord, usage: KeyUsageType, operation: string): void {
  if (rec.keyUsage !== usage) throw new InvalidKeyUsageException(`${rec.arn} key usage is ${rec.keyUsage} which is not valid for ${operation}.`);
}

/** InvalidKeyUsageException for an algorithm the key spec does not offer (the recorded MAC wording). */
export function incompatibleAlgorithm(algorithm: string, rec: KeyRecord): InvalidKeyUsageException {
  return new InvalidKeyUsageException(`Algorithm ${algorithm} is incompatible with key spec ${rec.keySpec}.`); // unverified beyond MAC algorithms
}

/** After every check passed: a DryRun request ends here. */
export function dryRun(input: { DryRun?: boolean }): void {
  if (input.DryRun === true) throw new DryRunOperationException('The request would have succeeded, but the DryRun option is set.'); // unverified
}

/** The Recipient parameter (AWS Nitro Enclaves attestation). */
// Differs from AWS: Recipient is refused with UnsupportedOperationException.
export function refuseRecipient(input: { Recipient?: unknown }): void {
  if (input.Recipient !== undefined) throw new UnsupportedOperationException('Warden does not support the Recipient parameter (AWS Nitro Enclaves attestation).');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Dates inside KMS's CloudTrail responseElements are rendered like Java's medium format in UTC:
 * `Aug 10, 2022, 10:38:27 PM` (ct-createkey.html).
 */
export function trailDate(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** CloudTrail's requestParameters member names: the first letter lower-cased. */
export function lowerFirstKeys(obj: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k[0]!.toLowerCase() + k.slice(1)] = v as JsonObject[string];
  return out;
}
