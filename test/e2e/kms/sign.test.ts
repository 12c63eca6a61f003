import assert from 'node:assert/strict';
import { constants, createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, it } from 'node:test';
import { GetPublicKeyCommand, SignCommand, type SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { assertKmsEvent, assertNoSecrets, createKey, rejects, useWarden } from './helpers.js';

const hashOf = (alg: string) => (alg.endsWith('256') ? 'sha256' : alg.endsWith('384') ? 'sha384' : 'sha512');
const message = Buffer.from('a message to sign');

/** node:crypto's verdict on a KMS signature, with the public key GetPublicKey gave. */
function verifiesLocally(publicKeyDer: Uint8Array, alg: string, msg: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
  const hash = hashOf(alg);
  if (alg.startsWith('ECDSA')) return nodeVerify(hash, msg, { key, dsaEncoding: 'der' }, signature);
  if (alg.startsWith('RSASSA_PSS')) return nodeVerify(hash, msg, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: createHash(hash).digest().length }, signature);
  return nodeVerify(hash, msg, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
}

const RSA_ALGS = ['RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512', 'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512'];

describe('kms Sign', () => {
  const t = useWarden();

  for (const [KeySpec, algorithms] of [['RSA_2048', RSA_ALGS], ['ECC_NIST_P256', ['ECDSA_SHA_256']], ['ECC_NIST_P384', ['ECDSA_SHA_384']], ['ECC_NIST_P521', ['ECDSA_SHA_512']], ['ECC_SECG_P256K1', ['ECDSA_SHA_256']]] as const) {
    it(`signs RAW and DIGEST messages with ${KeySpec}; node:crypto verifies them against GetPublicKey`, async () => {
      const k = await createKey(t.kms, { KeySpec, KeyUsage: 'SIGN_VERIFY' });
      const pub = (await t.kms.send(new GetPublicKeyCommand({ KeyId: k.KeyId }))).PublicKey!;
      for (const alg of algorithms) {
        const SigningAlgorithm = alg as SigningAlgorithmSpec;
        const digest = createHash(hashOf(alg)).update(message).digest();
        for (const [MessageType, Message] of [['RAW', message], ['DIGEST', digest]] as const) {
          const s = await t.kms.send(new SignCommand({ KeyId: k.KeyId, Message, MessageType, SigningAlgorithm }));
          assert.deepEqual([s.KeyId, s.SigningAlgorithm], [k.Arn, alg]);
          assert.ok(verifiesLocally(pub, alg, message, s.Signature!), `${alg} ${MessageType}`);
        }
        // LocalStack's AWS recording.
        await rejects(t.kms.send(new SignCommand({ KeyId: k.KeyId, Message: Buffer.alloc(5), MessageType: 'DIGEST', SigningAlgorithm })), 'ValidationException', `Digest is invalid length for algorithm ${alg}.`);
      }
    });
  }

  it('refuses algorithms the spec lacks and keys of another usage (LocalStack-recorded text)', async () => {
    const ec = await createKey(t.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    await rejects(t.kms.send(new SignCommand({ KeyId: ec.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_384' })), 'InvalidKeyUsageException', 'Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.');
    const mac = await createKey(t.kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    await rejects(t.kms.send(new SignCommand({ KeyId: mac.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' })), 'InvalidKeyUsageException', `${mac.Arn} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`);
    await rejects(t.kms.send(new SignCommand({ KeyId: ec.KeyId, Message: Buffer.alloc(4097), SigningAlgorithm: 'ECDSA_SHA_256' })), 'ValidationException', "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length less than or equal to 4096");
  });

  it('audits without the message or signature, and refuses another account', async () => {
    const k = await createKey(t.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const s = await t.kms.send(new SignCommand({ KeyId: k.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }));
    const ev = await t.w.eventFor(s.$metadata.requestId!);
    assertKmsEvent(ev, 'Sign', true, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, signingAlgorithm: 'ECDSA_SHA_256', messageType: 'RAW' });
    assertNoSecrets(ev, message, s.Signature!);
    await rejects(t.other.send(new SignCommand({ KeyId: k.Arn, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' })), 'AccessDeniedException', /kms:Sign on resource/);
  });
});
