// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html
import { defineOperation } from '../../../core/operation.js';
import type { Filter, Operations, SecretListEntry } from '../model.gen.js';
import { page } from '../paging.js';
import { describe, isGone } from '../secrets.js';
import { scanSecrets, type SecretRecord } from '../state.js';

type Op = Operations['ListSecrets'];

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
    'primary-region': () => pre(rec.region),
    'owning-service': () => false,
  };
  const hit = key === 'all' ? ['name', 'description', 'tag-key', 'tag-value'].some((k) => attrs[k]!()) : (attrs[key]?.() ?? false);
  return negate ? !hit : hit;
}

/** Filters are ANDed; the values of one filter ORed (negated values ANDed). */
function matches(rec: SecretRecord, filters: readonly Filter[]): boolean {
  return filters.every((f) => {
    const values = f.Values ?? [];
    const pos = values.filter((v) => !v.startsWith('!'));
    const neg = values.filter((v) => v.startsWith('!'));
    return (pos.length === 0 || pos.some((v) => matchesValue(rec, f.Key ?? '', v))) && neg.every((v) => matchesValue(rec, f.Key ?? '', v));
  });
}

function entry(rec: SecretRecord): SecretListEntry {
  const { VersionIdsToStages, ...d } = describe(rec);
  return { ...d, ...(VersionIdsToStages !== undefined ? { SecretVersionsToStages: VersionIdsToStages } : {}) };
}

export const listSecrets = defineOperation<Op['input'], Op['output']>({
  name: 'ListSecrets',
  actions: ['secretsmanager:ListSecrets'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'secretsmanager:ListSecrets', resource: '*' });
    const now = ctx.clock.now();
    const all = (await scanSecrets(ctx, ctx.account, ctx.region)).filter(
      (r) => !isGone(r, now) && (input.IncludePlannedDeletion === true || r.deletedMs === undefined) && matches(r, input.Filters ?? []),
    );
    // Ordered by creation date (SortBy default created-date); SortOrder asc|desc (default desc). // unverified default
    const dir = input.SortOrder === 'asc' ? 1 : -1;
    const key = (r: SecretRecord): string | number => (input.SortBy === 'name' ? r.name : input.SortBy === 'last-accessed-date' || input.SortBy === 'last-changed-date' ? r.lastChangedMs : r.createdMs);
    all.sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : a.name < b.name ? -1 : 1));
    const p = page(all, input.MaxResults, input.NextToken);
    return { SecretList: p.items.map(entry), ...(p.next !== undefined ? { NextToken: p.next } : {}) };
  },
});
