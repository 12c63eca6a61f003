/**
 * KMS's condition keys, supplied with every ctx.authorize call so key policies and IAM policies
 * can use them. https://docs.aws.amazon.com/kms/latest/developerguide/policy-conditions.html
 * Not supplied yet: kms:ViaService (no Warden service calls KMS on a caller's behalf yet),
 * kms:GrantIsForAWSResource and the grant keys (phase 2).
 */
import type { ConditionValue, Ctx } from '../../core/operation.js';
import type { KeyRecord } from './state.js';

export type Conditions = Record<string, ConditionValue>;

/** kms:EncryptionContext:<key> for each pair and kms:EncryptionContextKeys. */
export function contextConditions(context: Readonly<Record<string, string>> | undefined, into: Conditions = {}): Conditions {
  if (context === undefined) return into;
  const keys = Object.keys(context);
  if (keys.length === 0) return into;
  for (const k of keys) into[`kms:EncryptionContext:${k}`] = context[k]!;
  into['kms:EncryptionContextKeys'] = keys;
  return into;
}

/** The keys every request on an existing key carries. */
export function keyConditions(ctx: Ctx, rec: KeyRecord, requestAlias?: string): Conditions {
  const c: Conditions = {
    'kms:CallerAccount': ctx.account,
    'kms:KeySpec': rec.keySpec,
    'kms:KeyUsage': rec.keyUsage,
    'kms:KeyOrigin': rec.origin,
    'kms:MultiRegion': String(rec.multiRegion),
  };
  if (rec.multiRegion) c['kms:MultiRegionKeyType'] = (rec.mrk?.primaryRegion ?? rec.region) === rec.region ? 'PRIMARY' : 'REPLICA';
  if (rec.aliases.length > 0) c['kms:ResourceAliases'] = rec.aliases;
  if (requestAlias !== undefined) c['kms:RequestAlias'] = requestAlias;
  return c;
}

/** aws:RequestTag/<key> and aws:TagKeys for requests that add tags. */
export function tagConditions(tags: readonly { TagKey: string; TagValue: string }[] | undefined, into: Conditions): Conditions {
  if (tags === undefined || tags.length === 0) return into;
  for (const t of tags) into[`aws:RequestTag/${t.TagKey}`] = t.TagValue;
  into['aws:TagKeys'] = tags.map((t) => t.TagKey);
  return into;
}
