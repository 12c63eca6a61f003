// https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKeyRotation.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { assertNotReplica, syncReplicas } from '../multi-region.js';
import { assertRotatable } from '../rotation.js';
import { putKeyRecord } from '../state.js';

type Op = Operations['DisableKeyRotation'];

export const disableKeyRotation = defineOperation<Op['input'], Op['output']>({
  name: 'DisableKeyRotation',
  actions: ['kms:DisableKeyRotation'],
  readOnly: false,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    await authorizeKey(ctx, 'kms:DisableKeyRotation', key);
    assertKeyState(key.rec, 'DisableKeyRotation');
    assertNotReplica(key.rec, 'DisableKeyRotation');
    assertRotatable(key.rec);
    const stored = { ...key.rec, rotation: { enabled: false, periodDays: key.rec.rotation.periodDays, ...(key.rec.rotation.seed !== undefined ? { seed: key.rec.rotation.seed } : {}) } };
    putKeyRecord(ctx, stored, key.version);
    await syncReplicas(ctx, { ...key, rec: stored }); // replicas share the material and rotation settings
    return {};
  },
});
