// https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { assertNotReplica, syncReplicas } from '../multi-region.js';
import { assertRotatable, DAY_MS, DEFAULT_ROTATION_DAYS, newRotationSeed } from '../rotation.js';
import { putKeyRecord } from '../state.js';

type Op = Operations['EnableKeyRotation'];

export const enableKeyRotation = defineOperation<Op['input'], Op['output']>({
  name: 'EnableKeyRotation',
  actions: ['kms:EnableKeyRotation'],
  readOnly: false,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    const period = input.RotationPeriodInDays ?? key.rec.rotation.periodDays ?? DEFAULT_ROTATION_DAYS;
    await authorizeKey(ctx, 'kms:EnableKeyRotation', key, { 'kms:RotationPeriodInDays': String(period) });
    assertKeyState(key.rec, 'EnableKeyRotation');
    assertNotReplica(key.rec, 'EnableKeyRotation');
    assertRotatable(key.rec);
    // The first rotation is due one period after rotation is enabled (rotate-keys.html);
    // re-enabling with the same period keeps the schedule.
    const r = key.rec.rotation;
    const nextMs = r.enabled && r.periodDays === period && r.nextMs !== undefined ? r.nextMs : ctx.clock.now() + period * DAY_MS;
    const seed = r.seed ?? newRotationSeed(ctx, key.path);
    const stored = { ...key.rec, rotation: { enabled: true, periodDays: period, nextMs, seed } };
    putKeyRecord(ctx, stored, key.version);
    await syncReplicas(ctx, { ...key, rec: stored }); // replicas share the material and rotation settings
    return {};
  },
});
