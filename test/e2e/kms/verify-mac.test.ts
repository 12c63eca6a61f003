import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GenerateMacCommand, VerifyMacCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, assertNoSecrets, createKey, rejects, useWarden } from './helpers.js';

const Message = Buffer.from('some important message');

describe('kms VerifyMac', () => {
  const t = useWarden();

  it('confirms a MAC it generated; a wrong MAC or message is KMSInvalidMacException', async () => {
    const k = await createKey(t.kms, { KeySpec: 'HMAC_384', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const { Mac } = await t.kms.send(new GenerateMacCommand({ KeyId: k.KeyId, Message, MacAlgorithm: 'HMAC_SHA_384' }));
    const v = await t.kms.send(new VerifyMacCommand({ KeyId: k.KeyId, Message, MacAlgorithm: 'HMAC_SHA_384', Mac }));
    assert.deepEqual([v.KeyId, v.MacValid, v.MacAlgorithm], [k.Arn, true, 'HMAC_SHA_384']);
    // LocalStack's AWS recordings: no message.
    await rejects(t.kms.send(new VerifyMacCommand({ KeyId: k.KeyId, Message: Buffer.from('some different important message'), MacAlgorithm: 'HMAC_SHA_384', Mac })), 'KMSInvalidMacException');
    await rejects(t.kms.send(new VerifyMacCommand({ KeyId: k.KeyId, Message, MacAlgorithm: 'HMAC_SHA_384', Mac: Buffer.from(Mac!).subarray(1) })), 'KMSInvalidMacException');
    await rejects(t.kms.send(new VerifyMacCommand({ KeyId: k.KeyId, Message, MacAlgorithm: 'HMAC_SHA_512', Mac })), 'InvalidKeyUsageException', 'Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_384.');
    const ev = await t.w.eventFor(v.$metadata.requestId!);
    assertKmsEvent(ev, 'VerifyMac', true, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, macAlgorithm: 'HMAC_SHA_384' });
    assertNoSecrets(ev, Message, Mac!);
  });

  it("refuses another account's root", async () => {
    const k = await createKey(t.kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    await rejects(t.other.send(new VerifyMacCommand({ KeyId: k.Arn, Message, MacAlgorithm: 'HMAC_SHA_256', Mac: Buffer.alloc(32) })), 'AccessDeniedException', /kms:VerifyMac on resource/);
  });
});
