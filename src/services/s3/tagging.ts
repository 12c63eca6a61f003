/**
 * Object tags (S3 User Guide, object-tagging): at most 10 per object, keys ≤ 128 and values
 * ≤ 256 characters, unique keys, none under `aws:`; the `x-amz-tagging` header is URL-encoded
 * `k=v&k2=v2`. Condition keys s3:RequestObjectTag/<key>, s3:RequestObjectTagKeys and
 * s3:ExistingObjectTag/<key> (list_amazons3).
 */
import type { ConditionValue } from '../../core/operation.js';
import { InvalidTag } from './errors.js';
import type { Tag } from './model.gen.js';

// Texts as S3 answers them (reported by users). // unverified word for word
export function checkObjectTags(tags: readonly Tag[]): Tag[] {
  if (tags.length > 10) throw new InvalidTag('Object tags cannot be greater than 10');
  const seen = new Set<string>();
  for (const t of tags) {
    if (t.Key.length === 0 || t.Key.length > 128) throw new InvalidTag('The TagKey you have provided is invalid', { TagKey: t.Key });
    if (t.Value.length > 256) throw new InvalidTag('The TagValue you have provided is invalid', { TagKey: t.Key, TagValue: t.Value });
    if (t.Key.toLowerCase().startsWith('aws:')) throw new InvalidTag('Your TagKey cannot be prefixed with aws:', { TagKey: t.Key });
    if (seen.has(t.Key)) throw new InvalidTag('Cannot provide multiple Tags with the same key', { TagKey: t.Key });
    seen.add(t.Key);
  }
  return tags.map((t) => ({ Key: t.Key, Value: t.Value }));
}

export function parseTaggingHeader(header: string | undefined): Tag[] | undefined {
  if (header === undefined) return undefined;
  const tags: Tag[] = [];
  for (const [Key, Value] of new URLSearchParams(header)) tags.push({ Key, Value });
  return checkObjectTags(tags);
}

export function requestTagConditions(tags: readonly Tag[] | undefined): Record<string, ConditionValue> {
  if (tags === undefined) return {};
  const c: Record<string, ConditionValue> = { 's3:RequestObjectTagKeys': tags.map((t) => t.Key) };
  for (const t of tags) c[`s3:RequestObjectTag/${t.Key}`] = t.Value;
  return c;
}

export function existingTagConditions(tags: readonly Tag[] | undefined): Record<string, ConditionValue> {
  const c: Record<string, ConditionValue> = {};
  for (const t of tags ?? []) c[`s3:ExistingObjectTag/${t.Key}`] = t.Value;
  return c;
}
