import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { SignCommand, VerifyCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, assertNoSecrets, createKey, rejects, useWarden } from './helpers.js';

const message = Buffer.from('a message to verify');

describe('kms Verify', () => {
  const t = useWarden();

  for (const [KeySpec, SigningAlgorithm] of [['RSA_3072', 'RSASSA_PSS_SHA_384'], ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_512'], ['ECC_NIST_P521', 'ECDSA_SHA_512'], ['ECC_SECG_P256K1', 'ECDSA_SHA_256']] as const) {
    it(`verifies ${SigningAlgorithm} signatures of ${KeySpec} keys, RAW and DIGEST; a bad one is KMSInvalidSignatureException`, async () => {
      const k = await createKey(t.kms, { KeySpec, KeyUsage: 'SIGN_VERIFY' });
      const digest = createHash(SigningAlgorithm.endsWith('256') ? 'sha256' : SigningAlgorithm.endsWith('384') ? 'sha384' : 'sha512').update(message).digest();
      for (const [MessageType, Message] of [['RAW', message], ['DIGEST', digest]] as const) {
        const s = await t.kms.send(new SignCommand({ KeyId: k.KeyId, Message, MessageType, SigningAlgorithm }));
        const v = await t.kms.send(new VerifyCommand({ KeyId: k.KeyId, Message, MessageType, Signature: s.Signature, SigningAlgorithm }));
        assert.deepEqual([v.KeyId, v.SignatureValid, v.SigningAlgorithm], [k.Arn, true, SigningAlgorithm]);
        const bad = Buffer.from(s.Signature!);
        bad[bad.length - 2]! ^= 1;
        // No message (LocalStack's AWS recording).
        await rejects(t.kms.send(new VerifyCommand({ KeyId: k.KeyId, Message, MessageType, Signature: bad, SigningAlgorithm })), 'KMSInvalidSignatureException');
      }
      const s = await t.kms.send(new SignCommand({ KeyId: k.KeyId, Message: message, SigningAlgorithm }));
      await rejects(t.kms.send(new VerifyCommand({ KeyId: k.KeyId, Message: Buffer.from('another'), Signature: s.Signature, SigningAlgorithm })), 'KMSInvalidSignatureException');
    });
  }

  it('refuses keys of another usage (LocalStack-recorded text)', async () => {
    const sym = await createKey(t.kms);
    await rejects(t.kms.send(new VerifyCommand({ KeyId: sym.KeyId, Message: message, Signature: Buffer.alloc(64), SigningAlgorithm: 'ECDSA_SHA_256' })), 'InvalidKeyUsageException', `${sym.Arn} key usage is ENCRYPT_DECRYPT which is not valid for Verify.`);
  });

  it('audits without the message or signature, and refuses another account', async () => {
    const k = await createKey(t.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const s = await t.kms.send(new SignCommand({ KeyId: k.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }));
    const v = await t.kms.send(new VerifyCommand({ KeyId: k.KeyId, Message: message, Signature: s.Signature, SigningAlgorithm: 'ECDSA_SHA_256' }));
    const ev = await t.w.eventFor(v.$metadata.requestId!);
    assertKmsEvent(ev, 'Verify', true, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, signingAlgorithm: 'ECDSA_SHA_256', messageType: 'RAW' });
    assertNoSecrets(ev, message, s.Signature!);
    await rejects(t.other.send(new VerifyCommand({ KeyId: k.Arn, Message: message, Signature: s.Signature, SigningAlgorithm: 'ECDSA_SHA_256' })), 'AccessDeniedException', /kms:Verify on resource/);
  });
});
