/**
 * What the account-level operations share: the authorization (account-level actions have no
 * resource type, so the resource is `*`, Service Authorization Reference, Amazon S3) with the
 * target account as aws:ResourceAccount, so a caller naming another account's id is refused as a
 * cross-account request without a resource policy; and the CloudTrail requestParameters.
 */
import type { Ctx, JsonObject } from '../../core/operation.js';
import type { PublicAccessBlockConfiguration } from './model.gen.js';

export const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

export async function authorizeAccount(ctx: Ctx, action: string, accountId: string): Promise<void> {
  await ctx.authorize({ action, resource: '*', conditions: { 'aws:ResourceAccount': accountId } });
}

// unverified: the member names of AWS's events for these calls (they log the account id and, for
// Put, the configuration as sent).
export const accountParams = (i: { AccountId?: string }, c?: PublicAccessBlockConfiguration): JsonObject => ({
  'x-amz-account-id': i.AccountId ?? '',
  ...(c !== undefined ? { PublicAccessBlockConfiguration: Object.fromEntries(SETTINGS.filter((k) => c[k] !== undefined).map((k) => [k, c[k] === true])) } : {}),
});
