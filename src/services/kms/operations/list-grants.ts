// https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { InvalidMarkerException } from '../errors.js';
import { assertGrantId, grantEntry } from '../grants.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { GrantListEntry, Operations } from '../model.gen.js';
import { scanGrants } from '../state.js';

type Op = Operations['ListGrants'];

// "must be between 1 and 100, inclusive. If you do not include a value, it defaults to 50." (API reference)
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

export const listGrants = defineOperation<Op['input'], Op['output']>({
  name: 'ListGrants',
  actions: ['kms:ListGrants'],
  readOnly: true,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId);
    await authorizeKey(ctx, 'kms:ListGrants', key);
    assertKeyState(key.rec, 'ListGrants');
    if (input.GrantId !== undefined) assertGrantId(input.GrantId);
    // Markers are grant ids (what this Warden hands out as NextMarker).
    if (input.Marker !== undefined && !/^[0-9a-f]{64}$/.test(input.Marker)) throw new InvalidMarkerException('Invalid marker'); // unverified
    const rec = key.rec;
    const limit = Math.min(input.Limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    const out: GrantListEntry[] = [];
    let after = input.Marker;
    for (;;) {
      const page = await scanGrants(ctx, rec.account, rec.region, rec.keyId, after, limit + 1);
      for (const g of page) {
        if (input.GrantId !== undefined && g.grantId !== input.GrantId) continue;
        if (input.GranteePrincipal !== undefined && g.granteePrincipal !== input.GranteePrincipal) continue;
        if (out.length === limit) return { Grants: out, NextMarker: out[out.length - 1]!.GrantId!, Truncated: true };
        out.push(grantEntry(g, rec.arn));
      }
      if (page.length <= limit) return { Grants: out, Truncated: false };
      after = page[page.length - 1]!.grantId;
    }
  },
});
