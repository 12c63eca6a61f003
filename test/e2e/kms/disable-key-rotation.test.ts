import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DisableKeyCommand, DisableKeyRotationCommand, EnableKeyRotationCommand, GetKeyRotationStatusCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms DisableKeyRotation', () => {
  const t = useWarden();
  const status = (KeyId: string) => t.kms.send(new GetKeyRotationStatusCommand({ KeyId }));

  it('turns rotation off', async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new EnableKeyRotationCommand({ KeyId: k.KeyId }));
    const off = await t.kms.send(new DisableKeyRotationCommand({ KeyId: k.KeyId }));
    const s = await status(k.KeyId);
    assert.deepEqual([s.KeyRotationEnabled, s.RotationPeriodInDays, s.NextRotationDate], [false, undefined, undefined]);
    assertKmsEvent(await t.w.eventFor(off.$metadata.requestId!), 'DisableKeyRotation', false, k.Arn);
  });

  it('refuses disabled, HMAC and other accounts’ keys', async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new EnableKeyRotationCommand({ KeyId: k.KeyId }));
    await rejects(t.other.send(new DisableKeyRotationCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:DisableKeyRotation on resource/);
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await rejects(t.kms.send(new DisableKeyRotationCommand({ KeyId: k.KeyId })), 'DisabledException', `${k.Arn} is disabled.`);
    assert.equal((await status(k.KeyId)).KeyRotationEnabled, true);
    const hmac = await createKey(t.kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    await rejects(t.kms.send(new DisableKeyRotationCommand({ KeyId: hmac.KeyId })), 'UnsupportedOperationException');
  });
});
