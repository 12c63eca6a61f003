// https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
import { defineOperation } from '../../../core/operation.js';
import { checkAliasName, checkAliasQuota, checkTargetKeyId, liveAlias, withAlias } from '../aliases.js';
import { authorizeKey } from '../common.js';
import { AlreadyExistsException } from '../errors.js';
import { aliasArn, assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { newAlias, putAlias, putKeyRecord } from '../state.js';

type Op = Operations['CreateAlias'];

export const createAlias = defineOperation<Op['input'], Op['output']>({
  name: 'CreateAlias',
  // "kms:CreateAlias on the alias (IAM policy)" and "kms:CreateAlias on the KMS key (key policy)" (API reference).
  actions: ['kms:CreateAlias'],
  readOnly: false,
  async handler(input, ctx) {
    checkAliasName(input.AliasName);
    checkTargetKeyId(input.TargetKeyId);
    const arn = aliasArn(ctx.account, ctx.region, input.AliasName);
    await ctx.authorize({ action: 'kms:CreateAlias', resource: arn, conditions: { 'kms:CallerAccount': ctx.account } });
    ctx.audit.addResource(arn);
    const key = await loadKey(ctx, input.TargetKeyId, { purge: true });
    await authorizeKey(ctx, 'kms:CreateAlias', key);
    // LocalStack's, moto's and local-kms's wording: AWS names the alias ARN. // unverified
    if ((await liveAlias(ctx, input.AliasName)) !== undefined) throw new AlreadyExistsException(`An alias with the name ${arn} already exists`);
    assertKeyState(key.rec, 'CreateAlias');
    checkAliasQuota(key.rec);
    const now = ctx.clock.now();
    putAlias(ctx, ctx.account, ctx.region, newAlias(input.AliasName, key.rec.keyId, now));
    putKeyRecord(ctx, withAlias(key.rec, input.AliasName), key.version);
    return {};
  },
});
