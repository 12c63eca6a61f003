import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecryptCommand, DescribeKeyCommand, DisableKeyCommand, EncryptCommand, GetKeyRotationStatusCommand, ListKeyRotationsCommand, RotateKeyOnDemandCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms RotateKeyOnDemand', () => {
  const t = useWarden();

  it('rotates now: new ciphertexts use the new material, old ones still decrypt', async () => {
    const k = await createKey(t.kms);
    const before = (await t.kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!.CurrentKeyMaterialId!;
    const old = await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('before'), EncryptionContext: { a: 'b' } }));
    const r = await t.kms.send(new RotateKeyOnDemandCommand({ KeyId: k.Arn }));
    assert.equal(r.KeyId, k.KeyId);
    const after = (await t.kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!.CurrentKeyMaterialId!;
    assert.match(after, /^[0-9a-f]{64}$/);
    assert.notEqual(after, before);
    const dec = await t.kms.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob, EncryptionContext: { a: 'b' } }));
    assert.equal(Buffer.from(dec.Plaintext!).toString(), 'before');
    assert.equal(dec.KeyMaterialId, before);
    const neu = await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('after') }));
    assert.equal((await t.kms.send(new DecryptCommand({ CiphertextBlob: neu.CiphertextBlob }))).KeyMaterialId, after);
    const list = await t.kms.send(new ListKeyRotationsCommand({ KeyId: k.KeyId }));
    assert.equal(list.Rotations!.length, 1);
    assert.deepEqual({ ...list.Rotations![0], RotationDate: undefined }, { KeyId: k.KeyId, KeyMaterialId: after, KeyMaterialState: 'CURRENT', RotationDate: undefined, RotationType: 'ON_DEMAND' });
    assert.ok(Math.abs(list.Rotations![0]!.RotationDate!.getTime() - Date.now()) < 60_000);
    // On-demand rotation leaves automatic rotation as it was (off) and completes within the request.
    const s = await t.kms.send(new GetKeyRotationStatusCommand({ KeyId: k.KeyId }));
    assert.deepEqual([s.KeyRotationEnabled, s.OnDemandRotationStartDate], [false, undefined]);
    const ev = await t.w.eventFor(r.$metadata.requestId!);
    assertKmsEvent(ev, 'RotateKeyOnDemand', false, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.Arn });
  });

  it('allows 25 on-demand rotations per key, then LimitExceededException', async () => {
    const k = await createKey(t.kms);
    for (let i = 0; i < 25; i++) await t.kms.send(new RotateKeyOnDemandCommand({ KeyId: k.KeyId }));
    const id = (await t.kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!.CurrentKeyMaterialId;
    await rejects(t.kms.send(new RotateKeyOnDemandCommand({ KeyId: k.KeyId })), 'LimitExceededException');
    assert.equal((await t.kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!.CurrentKeyMaterialId, id);
    assert.equal((await t.w.lastEvent('RotateKeyOnDemand'))['errorCode'], 'LimitExceededException');
  });

  it('refuses asymmetric, HMAC and imported keys, disabled keys and unknown keys', async () => {
    const rsa = await createKey(t.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    await rejects(t.kms.send(new RotateKeyOnDemandCommand({ KeyId: rsa.KeyId })), 'UnsupportedOperationException');
    const hmac = await createKey(t.kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    await rejects(t.kms.send(new RotateKeyOnDemandCommand({ KeyId: hmac.KeyId })), 'UnsupportedOperationException');
    const ext = await createKey(t.kms, { Origin: 'EXTERNAL' });
    await rejects(t.kms.send(new RotateKeyOnDemandCommand({ KeyId: ext.KeyId })), 'UnsupportedOperationException', `${ext.Arn} origin is EXTERNAL which is not valid for this operation.`);
    const k = await createKey(t.kms);
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await rejects(t.kms.send(new RotateKeyOnDemandCommand({ KeyId: k.KeyId })), 'DisabledException', `${k.Arn} is disabled.`);
    assert.deepEqual((await t.kms.send(new ListKeyRotationsCommand({ KeyId: k.KeyId }))).Rotations, []);
    await rejects(t.kms.send(new RotateKeyOnDemandCommand({ KeyId: '00000000-0000-0000-0000-000000000000' })), 'NotFoundException');
  });

  it("refuses another account's root", async () => {
    const k = await createKey(t.kms);
    await rejects(t.other.send(new RotateKeyOnDemandCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:RotateKeyOnDemand on resource/);
    assert.deepEqual((await t.kms.send(new ListKeyRotationsCommand({ KeyId: k.KeyId }))).Rotations, []);
  });
});
