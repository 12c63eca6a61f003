import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DisableKeyCommand, EnableKeyRotationCommand, GetKeyRotationStatusCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

const DAY = 86_400_000;

describe('kms EnableKeyRotation', () => {
  const t = useWarden();
  const status = (KeyId: string) => t.kms.send(new GetKeyRotationStatusCommand({ KeyId }));

  it('turns rotation on with the default period of 365 days, or the one given', async () => {
    const k = await createKey(t.kms);
    const on = await t.kms.send(new EnableKeyRotationCommand({ KeyId: k.KeyId }));
    const s = await status(k.KeyId);
    assert.deepEqual([s.KeyRotationEnabled, s.RotationPeriodInDays], [true, 365]);
    assert.ok(Math.abs(s.NextRotationDate!.getTime() - (Date.now() + 365 * DAY)) < 60_000);
    assertKmsEvent(await t.w.eventFor(on.$metadata.requestId!), 'EnableKeyRotation', false, k.Arn);
    const again = await t.kms.send(new EnableKeyRotationCommand({ KeyId: k.Arn, RotationPeriodInDays: 90 }));
    assert.equal((await status(k.KeyId)).RotationPeriodInDays, 90);
    assert.deepEqual((await t.w.eventFor(again.$metadata.requestId!))['requestParameters'], { keyId: k.Arn, rotationPeriodInDays: 90 });
  });

  it('refuses periods outside 90–2560, asymmetric and imported keys, and disabled keys', async () => {
    const k = await createKey(t.kms);
    await rejects(t.kms.send(new EnableKeyRotationCommand({ KeyId: k.KeyId, RotationPeriodInDays: 89 })), 'ValidationException', "1 validation error detected: Value '89' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 90");
    await rejects(t.kms.send(new EnableKeyRotationCommand({ KeyId: k.KeyId, RotationPeriodInDays: 2561 })), 'ValidationException', /Member must have value less than or equal to 2560$/);
    assert.equal((await status(k.KeyId)).KeyRotationEnabled, false);
    const rsa = await createKey(t.kms, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    await rejects(t.kms.send(new EnableKeyRotationCommand({ KeyId: rsa.KeyId })), 'UnsupportedOperationException');
    const ext = await createKey(t.kms, { Origin: 'EXTERNAL' });
    await rejects(t.kms.send(new EnableKeyRotationCommand({ KeyId: ext.KeyId })), 'UnsupportedOperationException', `${ext.Arn} origin is EXTERNAL which is not valid for this operation.`);
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await rejects(t.kms.send(new EnableKeyRotationCommand({ KeyId: k.KeyId })), 'DisabledException', `${k.Arn} is disabled.`);
  });

  it("refuses another account's root", async () => {
    const k = await createKey(t.kms);
    await rejects(t.other.send(new EnableKeyRotationCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:EnableKeyRotation on resource/);
    assert.equal((await status(k.KeyId)).KeyRotationEnabled, false);
  });
});
