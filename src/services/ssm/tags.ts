/**
 * Parameter tags (AddTagsToResource API reference: "Most resources can have a maximum of 50 tags";
 * tag keys and values case-sensitive; keys beginning with `aws:` are reserved for AWS — tagging
 * best practices, "Tag naming limits and requirements").
 */
import type { ConditionValue } from '../../core/operation.js';
import { InvalidParameters, TooManyTagsError } from './model.gen.js';
import type { Tag } from './model.gen.js';
import type { StoredTag } from './state.js';

export const MAX_TAGS = 50;

// Texts are Warden's: AWS's exact wording for these refusals was not found. // unverified
const TOO_MANY = 'The Tags list exceeds the limit of 50 tags per resource.';
const RESERVED = 'Tag keys beginning with "aws:" are reserved for AWS use and cannot be added or removed.';

/** The request's tags, validated (pattern and lengths are the model's, checked by the decoder). */
export function checkTags(tags: readonly Tag[]): StoredTag[] {
  for (const t of tags) if (/^aws:/i.test(t.Key)) throw new InvalidParameters(RESERVED);
  // One key twice in a request: the last value wins. // unverified
  const byKey = new Map<string, string>();
  for (const t of tags) byKey.set(t.Key, t.Value);
  if (byKey.size > MAX_TAGS) throw new TooManyTagsError(TOO_MANY);
  return [...byKey].map(([Key, Value]) => ({ Key, Value }));
}

/** Adds or overwrites; the result must stay within 50 tags. */
export function mergeTags(existing: readonly StoredTag[], add: readonly Tag[]): StoredTag[] {
  const out = new Map(existing.map((t) => [t.Key, t.Value] as const));
  for (const t of checkTags(add)) out.set(t.Key, t.Value);
  if (out.size > MAX_TAGS) throw new TooManyTagsError(TOO_MANY);
  return [...out].map(([Key, Value]) => ({ Key, Value }));
}

export function removeTags(existing: readonly StoredTag[], keys: readonly string[]): StoredTag[] {
  for (const k of keys) if (/^aws:/i.test(k)) throw new InvalidParameters(RESERVED);
  return existing.filter((t) => !keys.includes(t.Key));
}

/** aws:RequestTag/<key> and aws:TagKeys of a request that adds tags. */
export function requestTagConditions(tags: readonly Tag[]): Record<string, ConditionValue> {
  if (tags.length === 0) return {};
  const out: Record<string, ConditionValue> = { 'aws:TagKeys': tags.map((t) => t.Key) };
  for (const t of tags) out[`aws:RequestTag/${t.Key}`] = t.Value;
  return out;
}

/** aws:ResourceTag/<key> (and ssm:resourceTag/<key>, SSM's own key) of an existing parameter. */
export function resourceTagConditions(tags: readonly StoredTag[] | undefined): Record<string, ConditionValue> {
  const out: Record<string, ConditionValue> = {};
  for (const t of tags ?? []) {
    out[`aws:ResourceTag/${t.Key}`] = t.Value;
    out[`ssm:resourceTag/${t.Key}`] = t.Value;
  }
  return out;
}
