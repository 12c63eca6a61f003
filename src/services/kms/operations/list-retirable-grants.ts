// https://docs.aws.amazon.com/kms/latest/APIReference/API_ListRetirableGrants.html
import { defineOperation } from '../../../core/operation.js';
import { InvalidMarkerException } from '../errors.js';
import { assertPrincipal, grantEntry } from '../grants.js';
import { keyArn } from '../keys.js';
import type { GrantListEntry, Operations } from '../model.gen.js';
import { scanAllGrants } from '../state.js';

type Op = Operations['ListRetirableGrants'];

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;
const MARKER = /^[0-9a-f-]{36}\/[0-9a-f]{64}$|^mrk-[0-9a-f]{32}\/[0-9a-f]{64}$/;

export const listRetirableGrants = defineOperation<Op['input'], Op['output']>({
  name: 'ListRetirableGrants',
  actions: ['kms:ListRetirableGrants'],
  readOnly: true,
  async handler(input, ctx) {
    // "Required permissions: kms:ListRetirableGrants (IAM policy) in your AWS account" — no key, so resource "*".
    await ctx.authorize({ action: 'kms:ListRetirableGrants', resource: '*', conditions: { 'kms:CallerAccount': ctx.account } });
    assertPrincipal(input.RetiringPrincipal, 'RetiringPrincipal');
    if (input.Marker !== undefined && !MARKER.test(input.Marker)) throw new InvalidMarkerException('Invalid marker'); // unverified
    const limit = Math.min(input.Limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    const out: GrantListEntry[] = [];
    let after = input.Marker;
    let last = '';
    // Differs from AWS: only grants on keys of the caller's account and Region are listed.
    for (;;) {
      const page = await scanAllGrants(ctx, ctx.account, ctx.region, after, 256);
      for (const g of page) {
        if (g.retiringPrincipal !== input.RetiringPrincipal) continue;
        if (out.length === limit) return { Grants: out, NextMarker: last, Truncated: true };
        out.push(grantEntry(g, keyArn(ctx.account, ctx.region, g.keyId)));
        last = `${g.keyId}/${g.grantId}`;
      }
      if (page.length < 256) return { Grants: out, Truncated: false };
      after = `${page[page.length - 1]!.keyId}/${page[page.length - 1]!.grantId}`;
    }
  },
});
