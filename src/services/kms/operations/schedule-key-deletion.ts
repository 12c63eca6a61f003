// https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey, trailDate } from '../common.js';
import { ValidationException } from '../errors.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { isPrimary, mrkInfo } from '../multi-region.js';
import { putDeletionIndex, putKeyRecord } from '../state.js';

type Op = Operations['ScheduleKeyDeletion'];

const DAY_MS = 86_400_000;
// "This value is optional. If you include a value, it must be between 7 and 30, inclusive. If you
// do not include a value, it defaults to 30." (API reference; the model allows 1–365.)
const MIN_DAYS = 7;
const MAX_DAYS = 30;
const DEFAULT_DAYS = 30;

export const scheduleKeyDeletion = defineOperation<Op['input'], Op['output']>({
  name: 'ScheduleKeyDeletion',
  actions: ['kms:ScheduleKeyDeletion'],
  readOnly: false,
  audit: {
    response: (out) => ({
      keyId: out.KeyId ?? null,
      deletionDate: out.DeletionDate ? trailDate(out.DeletionDate.getTime()) : null,
      keyState: out.KeyState ?? null,
      pendingWindowInDays: out.PendingWindowInDays ?? null,
    }),
  },
  async handler(input, ctx) {
    const days = input.PendingWindowInDays ?? DEFAULT_DAYS;
    if (days < MIN_DAYS || days > MAX_DAYS) {
      throw new ValidationException(`PendingWindowInDays should be between ${MIN_DAYS} and ${MAX_DAYS}, but it is ${days}`); // LocalStack's provider // unverified
    }
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    await authorizeKey(ctx, 'kms:ScheduleKeyDeletion', key, { 'kms:ScheduleKeyDeletionPendingWindowInDays': String(days) });
    assertKeyState(key.rec, 'ScheduleKeyDeletion');
    // "If you schedule deletion of a multi-Region primary key with replica keys, its key state
    // changes to PendingReplicaDeletion … When all of its replica keys are deleted, its key state
    // changes to PendingDeletion and its waiting period begins" (multi-region-keys-delete.html).
    if (isPrimary(key.rec) && mrkInfo(key.rec).replicaRegions.length > 0) {
      putKeyRecord(ctx, { ...key.rec, state: 'PendingReplicaDeletion', pendingWindowDays: days }, key.version);
      return { KeyId: key.rec.arn, KeyState: 'PendingReplicaDeletion', PendingWindowInDays: days };
    }
    const deletionMs = ctx.clock.now() + days * DAY_MS;
    const rec = { ...key.rec, state: 'PendingDeletion' as const, deletionMs, pendingWindowDays: days };
    putKeyRecord(ctx, rec, key.version);
    putDeletionIndex(ctx, rec);
    return { KeyId: rec.arn, DeletionDate: new Date(deletionMs), KeyState: 'PendingDeletion', PendingWindowInDays: days };
  },
});
