// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html
import { defineOperation } from '../../../core/operation.js';
import { matches } from '../filters.js';
import type { Operations, SecretListEntry } from '../model.gen.js';
import { page } from '../paging.js';
import { describe, isGone, resolveViews } from '../secrets.js';
import { scanSecrets, type SecretRecord } from '../state.js';

type Op = Operations['ListSecrets'];

function entry(rec: SecretRecord): SecretListEntry {
  const { VersionIdsToStages, ReplicationStatus: _r, ...d } = describe(rec);
  return { ...d, ...(VersionIdsToStages !== undefined ? { SecretVersionsToStages: VersionIdsToStages } : {}) };
}

export const listSecrets = defineOperation<Op['input'], Op['output']>({
  name: 'ListSecrets',
  actions: ['secretsmanager:ListSecrets'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'secretsmanager:ListSecrets', resource: '*' });
    const now = ctx.clock.now();
    const all = (await resolveViews(ctx, await scanSecrets(ctx, ctx.account, ctx.region))).filter(
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
