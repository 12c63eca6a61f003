// https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteAlias.html
import { defineOperation } from '../../../core/operation.js';
import { aliasNotFound, checkAliasName, liveAlias, withoutAlias } from '../aliases.js';
import { authorizeKey } from '../common.js';
import { aliasArn, assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { deleteAlias as removeAlias, putKeyRecord } from '../state.js';

type Op = Operations['DeleteAlias'];

export const deleteAlias = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteAlias',
  // kms:DeleteAlias on the alias (IAM policy) and on the key (key policy) (API reference).
  actions: ['kms:DeleteAlias'],
  readOnly: false,
  async handler(input, ctx) {
    checkAliasName(input.AliasName);
    const arn = aliasArn(ctx.account, ctx.region, input.AliasName);
    await ctx.authorize({ action: 'kms:DeleteAlias', resource: arn, conditions: { 'kms:CallerAccount': ctx.account } });
    ctx.audit.addResource(arn);
    const live = await liveAlias(ctx, input.AliasName);
    if (live === undefined) throw aliasNotFound(ctx, input.AliasName);
    const key = await loadKey(ctx, live.key.keyId, { purge: true });
    await authorizeKey(ctx, 'kms:DeleteAlias', key);
    assertKeyState(key.rec, 'DeleteAlias');
    removeAlias(ctx, ctx.account, ctx.region, input.AliasName);
    putKeyRecord(ctx, withoutAlias(key.rec, input.AliasName), key.version);
    return {};
  },
});
