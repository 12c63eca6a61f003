// https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html
import { defineOperation } from '../../../core/operation.js';
import { aliasArn, isDeleted, loadKey } from '../keys.js';
import type { AliasListEntry, Operations } from '../model.gen.js';
import { readKeyRecord, scanAliases } from '../state.js';

type Op = Operations['ListAliases'];

// "must be between 1 and 100, inclusive. If you do not include a value, it defaults to 50." (API reference)
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

export const listAliases = defineOperation<Op['input'], Op['output']>({
  name: 'ListAliases',
  actions: ['kms:ListAliases'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'kms:ListAliases', resource: '*', conditions: { 'kms:CallerAccount': ctx.account } });
    const keyId = input.KeyId === undefined ? undefined : (await loadKey(ctx, input.KeyId)).rec.keyId;
    const limit = Math.min(input.Limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    const now = ctx.clock.now();
    const out: AliasListEntry[] = [];
    let after = input.Marker;
    let more = false;
    // Differs from AWS: AWS also lists the aliases of AWS managed keys (alias/aws/…); Warden has none yet.
    for (;;) {
      const page = await scanAliases(ctx, ctx.account, ctx.region, after, limit + 1);
      for (const a of page) {
        if (keyId !== undefined && a.targetKeyId !== keyId) continue;
        const target = await readKeyRecord(ctx, ctx.account, ctx.region, a.targetKeyId);
        if (target === undefined || isDeleted(target.rec, now)) continue; // an alias dies with its key
        if (out.length === limit) {
          more = true;
          break;
        }
        out.push({
          AliasName: a.name,
          AliasArn: aliasArn(ctx.account, ctx.region, a.name),
          TargetKeyId: a.targetKeyId,
          CreationDate: new Date(a.createdMs),
          LastUpdatedDate: new Date(a.updatedMs),
        });
      }
      if (more || page.length <= limit) break;
      after = page[page.length - 1]!.name;
    }
    return more ? { Aliases: out, NextMarker: out[out.length - 1]!.AliasName!, Truncated: true } : { Aliases: out, Truncated: false };
  },
});
