/**
 * Tags on users, roles and managed policies (IAM UG, id_tags): at most 50 per entity; key lengths,
 * characters and the 50-per-request limit are the model's (the pipeline validates them). Users' and
 * roles' keys are case-insensitive (a duplicate in another case is refused, and tagging an existing
 * key in another case replaces it); policies' keys are case-sensitive — both recorded against AWS
 * (LocalStack test_iam_roles / test_iam_policies snapshots).
 */
import type { ConditionValue, Ctx } from '../../core/operation.js';
import { duplicateTags, tooManyTags } from './errors.js';
import type { Tag } from './model.gen.js';

const MAX_TAGS = 50;

export interface TagRules {
  readonly caseInsensitive: boolean;
  /** `User`, `Role`, `Policy`: names the quota in the LimitExceeded text. */
  readonly kind: string;
}
export const USER_TAGS: TagRules = { caseInsensitive: true, kind: 'User' };
export const ROLE_TAGS: TagRules = { caseInsensitive: true, kind: 'Role' };
export const POLICY_TAGS: TagRules = { caseInsensitive: false, kind: 'Policy' };
// unverified: whether MFA device and instance profile tag keys are case-insensitive like users' and roles'.
export const MFA_TAGS: TagRules = { caseInsensitive: true, kind: 'MFADevice' };
export const INSTANCE_PROFILE_TAGS: TagRules = { caseInsensitive: true, kind: 'InstanceProfile' };

const norm = (key: string, r: TagRules) => (r.caseInsensitive ? key.toLowerCase() : key);

/** Refuses a request that names one key twice. */
export function checkTags(tags: readonly Tag[] | undefined, r: TagRules): readonly Tag[] {
  const seen = new Set<string>();
  for (const t of tags ?? []) {
    const k = norm(t.Key, r);
    if (seen.has(k)) throw duplicateTags(r.caseInsensitive);
    seen.add(k);
  }
  return tags ?? [];
}

/** TagX: new keys are added, existing keys get the new value (and spelling). */
export function mergeTags(existing: readonly Tag[], add: readonly Tag[], r: TagRules): Tag[] {
  checkTags(add, r);
  const out = existing.map((t) => ({ Key: t.Key, Value: t.Value }));
  for (const t of add) {
    const i = out.findIndex((o) => norm(o.Key, r) === norm(t.Key, r));
    if (i >= 0) out[i] = { Key: t.Key, Value: t.Value };
    else out.push({ Key: t.Key, Value: t.Value });
  }
  if (out.length > MAX_TAGS) throw tooManyTags(r.kind);
  return out;
}

/** UntagX: keys that are not there are ignored. */
export function removeTags(existing: readonly Tag[], keys: readonly string[], r: TagRules): Tag[] {
  const drop = new Set(keys.map((k) => norm(k, r)));
  return existing.filter((t) => !drop.has(norm(t.Key, r)));
}

/** ListXTags answers in key order (recordings list `A` before `a`). */
export function sortedTags(tags: readonly Tag[]): Tag[] {
  return [...tags].sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
}

/** aws:RequestTag/<key> and aws:TagKeys for a request that adds tags. */
export function requestTagConditions(tags: readonly Tag[] | undefined): Record<string, ConditionValue> {
  if (tags === undefined || tags.length === 0) return {};
  const out: Record<string, ConditionValue> = { 'aws:TagKeys': tags.map((t) => t.Key) };
  for (const t of tags) out[`aws:RequestTag/${t.Key}`] = t.Value;
  return out;
}

/**
 * CreateX: the create action and, when the request tags the new resource, the tag action as well
 * (IAM UG, id_tags_users / id_tags_roles), both with the request's tag keys and `extra` conditions.
 */
export async function authorizeCreate(ctx: Ctx, create: string, tag: string, arn: string, tags: readonly Tag[] | undefined, extra: Readonly<Record<string, ConditionValue>> = {}): Promise<void> {
  const conditions = { ...requestTagConditions(tags), ...extra };
  await ctx.authorize({ action: create, resource: arn, conditions });
  if (tags !== undefined && tags.length > 0) await ctx.authorize({ action: tag, resource: arn, conditions });
}

/** aws:ResourceTag/<key> (and iam:ResourceTag/<key>) of an existing user or role. */
export function resourceTagConditions(tags: readonly Tag[] | undefined): Record<string, ConditionValue> {
  const out: Record<string, ConditionValue> = {};
  for (const t of tags ?? []) {
    out[`aws:ResourceTag/${t.Key}`] = t.Value;
    out[`iam:ResourceTag/${t.Key}`] = t.Value;
  }
  return out;
}
