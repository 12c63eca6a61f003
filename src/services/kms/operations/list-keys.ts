// https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
import { defineOperation } from '../../../core/operation.js';
import { isDeleted } from '../keys.js';
import type { KeyListEntry, Operations } from '../model.gen.js';
import { scanKeyRecords } from '../state.js';

type Op = Operations['ListKeys'];

// "If you do not include a value, it defaults to 100." (API reference)
const DEFAULT_LIMIT = 100;

export const listKeys = defineOperation<Op['input'], Op['output']>({
  name: 'ListKeys',
  actions: ['kms:ListKeys'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'kms:ListKeys', resource: '*', conditions: { 'kms:CallerAccount': ctx.account } });
    const limit = input.Limit ?? DEFAULT_LIMIT;
    const now = ctx.clock.now();
    const keys: KeyListEntry[] = [];
    let after = input.Marker;
    let more = false;
    // Keys past their deletion date are skipped, so read pages until the page is full.
    for (;;) {
      const page = await scanKeyRecords(ctx, ctx.account, ctx.region, after, limit + 1);
      for (const rec of page) {
        if (isDeleted(rec, now)) continue;
        if (keys.length === limit) {
          more = true;
          break;
        }
        keys.push({ KeyId: rec.keyId, KeyArn: rec.arn });
      }
      if (more || page.length <= limit) break;
      after = page[page.length - 1]!.keyId;
    }
    // The marker is the last key id returned; Warden scans after it.
    return more ? { Keys: keys, NextMarker: keys[keys.length - 1]!.KeyId!, Truncated: true } : { Keys: keys, Truncated: false };
  },
});
