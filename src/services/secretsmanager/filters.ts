/** ListSecrets' and BatchGetSecretValue's Filters. */
import type { Filter } from './model.gen.js';
import type { SecretRecord } from './state.js';

/**
 * One filter value against a secret: prefix match, not case-sensitive; `!` negates; `all` matches
 * any attribute (ListSecrets API reference, Filter keys). // unverified: word splitting of `all`
 */
function matchesValue(rec: SecretRecord, key: string, raw: string): boolean {
  const negate = raw.startsWith('!');
  const v = (negate ? raw.slice(1) : raw).toLowerCase();
  const pre = (s: string | undefined) => s !== undefined && s.toLowerCase().startsWith(v);
  const attrs: Record<string, () => boolean> = {
    name: () => pre(rec.name),
    description: () => pre(rec.description),
    'tag-key': () => rec.tags.some((t) => pre(t.Key)),
    'tag-value': () => rec.tags.some((t) => pre(t.Value)),
    'primary-region': () => pre(rec.primaryRegion ?? rec.region),
    'owning-service': () => false,
  };
  const hit = key === 'all' ? ['name', 'description', 'tag-key', 'tag-value'].some((k) => attrs[k]!()) : (attrs[key]?.() ?? false);
  return negate ? !hit : hit;
}

/** Filters are ANDed; the values of one filter ORed (negated values ANDed). */
export function matches(rec: SecretRecord, filters: readonly Filter[]): boolean {
  return filters.every((f) => {
    const values = f.Values ?? [];
    const pos = values.filter((v) => !v.startsWith('!'));
    const neg = values.filter((v) => v.startsWith('!'));
    return (pos.length === 0 || pos.some((v) => matchesValue(rec, f.Key ?? '', v))) && neg.every((v) => matchesValue(rec, f.Key ?? '', v));
  });
}

