/**
 * Tag rules for CreateKey and TagResource beyond the model's lengths: no `aws:` prefix (any case),
 * unique keys per request, at most 50 tags per key. Messages follow LocalStack's provider, which
 * is checked against AWS for these cases (test_kms.py create_key_with_invalid_tag_key,
 * too_many_tags, duplicate_tag_keys). // unverified: the recordings themselves were not read
 * https://docs.aws.amazon.com/kms/latest/developerguide/tagging-keys.html
 */
import { TagException } from './errors.js';
import type { Tag } from './model.gen.js';

export const MAX_TAGS = 50;

/** Checks `add` and returns the key's tags with it applied (new keys appended, values replaced). */
export function validateTags(add: readonly Tag[] | undefined, existing: readonly Tag[]): Tag[] {
  const out = existing.map((t) => ({ ...t }));
  if (add === undefined || add.length === 0) return out;
  const seen = new Set<string>();
  for (const t of add) {
    if (t.TagKey.toLowerCase().startsWith('aws:')) throw new TagException('Tags beginning with aws: are reserved');
    if (seen.has(t.TagKey)) throw new TagException('Duplicate tag keys');
    seen.add(t.TagKey);
  }
  for (const t of add) {
    const at = out.findIndex((x) => x.TagKey === t.TagKey);
    if (at >= 0) out[at] = { TagKey: t.TagKey, TagValue: t.TagValue };
    else out.push({ TagKey: t.TagKey, TagValue: t.TagValue });
  }
  if (out.length > MAX_TAGS) throw new TagException('Too many tags');
  return out;
}
