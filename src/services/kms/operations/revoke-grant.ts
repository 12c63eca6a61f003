// https://docs.aws.amazon.com/kms/latest/APIReference/API_RevokeGrant.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey, dryRun } from '../common.js';
import { assertGrantId, grantNotFound } from '../grants.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { deleteGrant, readGrant } from '../state.js';

type Op = Operations['RevokeGrant'];

export const revokeGrant = defineOperation<Op['input'], Op['output']>({
  name: 'RevokeGrant',
  actions: ['kms:RevokeGrant'],
  readOnly: false,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    await authorizeKey(ctx, 'kms:RevokeGrant', key);
    assertKeyState(key.rec, 'RevokeGrant');
    assertGrantId(input.GrantId);
    const grant = await readGrant(ctx, key.rec.account, key.rec.region, key.rec.keyId, input.GrantId);
    if (grant === undefined) throw grantNotFound(input.GrantId);
    dryRun(input);
    deleteGrant(ctx, key.rec.account, key.rec.region, grant);
    return {};
  },
});
