import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelKeyDeletionCommand, EnableKeyRotationCommand, GetKeyRotationStatusCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms GetKeyRotationStatus', () => {
  const t = useWarden();
  const status = (KeyId: string) => t.kms.send(new GetKeyRotationStatusCommand({ KeyId }));

  it('reads false by default, the period and next date once enabled, false while pending deletion', async () => {
    const k = await createKey(t.kms);
    const first = await status(k.KeyId);
    assert.deepEqual([first.KeyId, first.KeyRotationEnabled], [k.KeyId, false]);
    assertKmsEvent(await t.w.eventFor(first.$metadata.requestId!), 'GetKeyRotationStatus', true, k.Arn);
    await t.kms.send(new EnableKeyRotationCommand({ KeyId: k.KeyId, RotationPeriodInDays: 180 }));
    const on = await status(k.Arn);
    assert.deepEqual([on.KeyRotationEnabled, on.RotationPeriodInDays], [true, 180]);
    assert.ok(on.NextRotationDate instanceof Date);
    // "While a KMS key is pending deletion, its key rotation status is false" (rotate-keys.html); restored on cancel.
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId }));
    assert.equal((await status(k.KeyId)).KeyRotationEnabled, false);
    await t.kms.send(new CancelKeyDeletionCommand({ KeyId: k.KeyId }));
    assert.equal((await status(k.KeyId)).KeyRotationEnabled, true);
  });

  it('refuses asymmetric, HMAC and imported keys, and another account', async () => {
    const hmac = await createKey(t.kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    await rejects(status(hmac.KeyId), 'UnsupportedOperationException');
    const ext = await createKey(t.kms, { Origin: 'EXTERNAL' });
    await rejects(status(ext.KeyId), 'UnsupportedOperationException', `${ext.Arn} origin is EXTERNAL which is not valid for this operation.`);
    const k = await createKey(t.kms);
    await rejects(t.other.send(new GetKeyRotationStatusCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:GetKeyRotationStatus on resource/);
  });
});
