/** Secret tags (TagResource API reference: at most 50 per secret; keys case-sensitive). */
import type { ConditionValue } from '../../core/operation.js';
import { InvalidParameterException } from './errors.js';
import type { Tag } from './model.gen.js';

const MAX_TAGS = 50;

/** The request's tags; one key twice is refused. // unverified text */
export function checkTags(tags: readonly Tag[] | undefined): Tag[] {
  const seen = new Set<string>();
  for (const t of tags ?? []) {
    if (seen.has(t.Key ?? '')) throw new InvalidParameterException('You cannot use the same tag key more than once per request.');
    seen.add(t.Key ?? '');
  }
  if ((tags?.length ?? 0) > MAX_TAGS) throw tooMany();
  return (tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
}

const tooMany = () => new InvalidParameterException('Number of tags exceeds Secrets Manager limit of 50.'); // unverified

export function mergeTags(existing: readonly Tag[], add: readonly Tag[]): Tag[] {
  const out = existing.map((t) => ({ ...t }));
  for (const t of checkTags(add)) {
    const i = out.findIndex((o) => o.Key === t.Key);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  if (out.length > MAX_TAGS) throw tooMany();
  return out;
}

export function requestTagConditions(tags: readonly Tag[]): Record<string, ConditionValue> {
  if (tags.length === 0) return {};
  const out: Record<string, ConditionValue> = { 'aws:TagKeys': tags.map((t) => t.Key ?? '') };
  for (const t of tags) out[`aws:RequestTag/${t.Key}`] = t.Value ?? '';
  return out;
}
