import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecryptCommand, DescribeKeyCommand, EnableKeyRotationCommand, EncryptCommand, GetKeyRotationStatusCommand, ListKeyRotationsCommand, RotateKeyOnDemandCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, lateClient, OffsetClock, rejects, useWarden } from './helpers.js';

const DAY = 86_400_000;

describe('kms ListKeyRotations and automatic rotation', () => {
  const clock = new OffsetClock();
  const t = useWarden([], { clock });

  it('pages through rotations; ALL_KEY_MATERIAL adds the first material', async () => {
    const k = await createKey(t.kms);
    const first = (await t.kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!.CurrentKeyMaterialId;
    for (let i = 0; i < 3; i++) await t.kms.send(new RotateKeyOnDemandCommand({ KeyId: k.KeyId }));
    const p1 = await t.kms.send(new ListKeyRotationsCommand({ KeyId: k.Arn, Limit: 2 }));
    assert.deepEqual([p1.Rotations!.length, p1.Truncated, typeof p1.NextMarker], [2, true, 'string']);
    assert.deepEqual(p1.Rotations!.map((r) => r.KeyMaterialState), ['NON_CURRENT', 'NON_CURRENT']);
    const p2 = await t.kms.send(new ListKeyRotationsCommand({ KeyId: k.Arn, Limit: 2, Marker: p1.NextMarker }));
    assert.deepEqual([p2.Rotations!.length, p2.Truncated, p2.NextMarker, p2.Rotations![0]!.KeyMaterialState], [1, false, undefined, 'CURRENT']);
    const all = await t.kms.send(new ListKeyRotationsCommand({ KeyId: k.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }));
    assert.equal(all.Rotations!.length, 4);
    assert.deepEqual(all.Rotations![0], { KeyId: k.KeyId, KeyMaterialId: first, KeyMaterialState: 'NON_CURRENT' });
    assertKmsEvent(await t.w.eventFor(all.$metadata.requestId!), 'ListKeyRotations', true, k.Arn);
    await rejects(t.kms.send(new ListKeyRotationsCommand({ KeyId: k.KeyId, Marker: 'nonsense' })), 'InvalidMarkerException');
  });

  it('rotates automatically once NextRotationDate passes; old ciphertexts still decrypt', async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new EnableKeyRotationCommand({ KeyId: k.KeyId, RotationPeriodInDays: 90 }));
    const due = (await t.kms.send(new GetKeyRotationStatusCommand({ KeyId: k.KeyId }))).NextRotationDate!.getTime();
    const before = (await t.kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!.CurrentKeyMaterialId;
    const old = await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('old') }));
    clock.offset = 91 * DAY;
    try {
      const late = lateClient(t.w, clock);
      // Read-only requests see the rotation, and agree with each other before any write stores it.
      const m1 = (await late.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!.CurrentKeyMaterialId;
      const enc = await late.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('new') }));
      assert.notEqual(m1, before);
      const s = await late.send(new GetKeyRotationStatusCommand({ KeyId: k.KeyId }));
      assert.equal(s.NextRotationDate!.getTime(), due + 90 * DAY);
      const list = await late.send(new ListKeyRotationsCommand({ KeyId: k.KeyId }));
      assert.deepEqual(list.Rotations!.map((r) => [r.RotationType, r.RotationDate!.getTime(), r.KeyMaterialId]), [['AUTOMATIC', due, m1]]);
      // A write stores the same rotation; both ciphertexts decrypt.
      await late.send(new RotateKeyOnDemandCommand({ KeyId: k.KeyId }));
      assert.equal(Buffer.from((await late.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }))).Plaintext!).toString(), 'new');
      assert.equal(Buffer.from((await late.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob }))).Plaintext!).toString(), 'old');
      const types = (await late.send(new ListKeyRotationsCommand({ KeyId: k.KeyId }))).Rotations!.map((r) => [r.RotationType, r.KeyMaterialId === m1]);
      assert.deepEqual(types, [['AUTOMATIC', true], ['ON_DEMAND', false]]);
    } finally {
      clock.offset = 0;
    }
  });

  it('refuses asymmetric keys and another account', async () => {
    const rsa = await createKey(t.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    await rejects(t.kms.send(new ListKeyRotationsCommand({ KeyId: rsa.KeyId })), 'UnsupportedOperationException');
    const k = await createKey(t.kms);
    await rejects(t.other.send(new ListKeyRotationsCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:ListKeyRotations on resource/);
  });
});
