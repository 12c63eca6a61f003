// https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html
import { defineOperation } from '../../../core/operation.js';
import { isAsymmetricSpec, isHmacSpec } from '../../../crypto/kms-keygen.js';
import { aliasNotFound, checkAliasName, checkAliasQuota, checkTargetKeyId, liveAlias, withAlias, withoutAlias } from '../aliases.js';
import { authorizeKey } from '../common.js';
import { ValidationException } from '../errors.js';
import { aliasArn, assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { putAlias, putKeyRecord, type KeyRecord } from '../state.js';

type Op = Operations['UpdateAlias'];

const keyType = (rec: KeyRecord) => (isHmacSpec(rec.keySpec) ? 'HMAC' : isAsymmetricSpec(rec.keySpec) ? 'asymmetric' : 'symmetric');

export const updateAlias = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateAlias',
  // kms:UpdateAlias on the alias, on the current key and on the new key (API reference).
  actions: ['kms:UpdateAlias'],
  readOnly: false,
  async handler(input, ctx) {
    checkAliasName(input.AliasName);
    checkTargetKeyId(input.TargetKeyId);
    const arn = aliasArn(ctx.account, ctx.region, input.AliasName);
    await ctx.authorize({ action: 'kms:UpdateAlias', resource: arn, conditions: { 'kms:CallerAccount': ctx.account } });
    ctx.audit.addResource(arn);
    const live = await liveAlias(ctx, input.AliasName);
    if (live === undefined) throw aliasNotFound(ctx, input.AliasName);
    const current = await loadKey(ctx, live.key.keyId, { purge: true });
    await authorizeKey(ctx, 'kms:UpdateAlias', current);
    const next = await loadKey(ctx, input.TargetKeyId, { purge: true });
    await authorizeKey(ctx, 'kms:UpdateAlias', next);
    // The source key may be pending deletion, the destination may not (key-state.html, note 10).
    assertKeyState(next.rec, 'CreateAlias');
    if (keyType(current.rec) !== keyType(next.rec) || current.rec.keyUsage !== next.rec.keyUsage) {
      throw new ValidationException(`${input.AliasName} cannot be updated: the new key must have the same key type and key usage as ${current.rec.arn}.`); // unverified
    }
    putAlias(ctx, ctx.account, ctx.region, { ...live.alias, targetKeyId: next.rec.keyId, updatedMs: ctx.clock.now() });
    if (next.rec.keyId !== current.rec.keyId) {
      checkAliasQuota(next.rec);
      putKeyRecord(ctx, withoutAlias(current.rec, input.AliasName), current.version);
      putKeyRecord(ctx, withAlias(next.rec, input.AliasName), next.version);
    }
    return {};
  },
});
