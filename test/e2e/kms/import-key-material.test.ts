import assert from 'node:assert/strict';
import { constants, createCipheriv, createPublicKey, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  DecryptCommand, DeleteImportedKeyMaterialCommand, DescribeKeyCommand, EncryptCommand, GetParametersForImportCommand, ImportKeyMaterialCommand, SignCommand, VerifyCommand, type AlgorithmSpec,
} from '@aws-sdk/client-kms';
import { assertKmsEvent, assertNoSecrets, createKey, lateClient, OffsetClock, rejects, useWarden } from './helpers.js';

const DAY = 86_400_000;

/** What a client does with node:crypto: wrap under the public key KMS returned. */
function wrap(publicKey: Uint8Array, algorithm: AlgorithmSpec, material: Buffer): Buffer {
  const key = createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' });
  const oaepHash = algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
  if (algorithm.startsWith('RSAES_OAEP')) return publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, material);
  const aes = randomBytes(32);
  const kw = createCipheriv('id-aes256-wrap-pad', aes, Buffer.from('A65959A6', 'hex'));
  return Buffer.concat([publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, aes), kw.update(material), kw.final()]);
}

describe('kms GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial', () => {
  const clock = new OffsetClock();
  const t = useWarden([], { clock });
  const state = async (KeyId: string) => (await t.kms.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!;

  for (const algorithm of ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256'] as const) {
    it(`imports symmetric material wrapped with ${algorithm}; it encrypts and decrypts`, async () => {
      const k = await createKey(t.kms, { Origin: 'EXTERNAL' });
      const p = await t.kms.send(new GetParametersForImportCommand({ KeyId: k.KeyId, WrappingAlgorithm: algorithm, WrappingKeySpec: 'RSA_2048' }));
      assert.equal(p.KeyId, k.Arn);
      assert.ok(Math.abs(p.ParametersValidTo!.getTime() - (Date.now() + DAY)) < 60_000);
      const material = randomBytes(32);
      const out = await t.kms.send(new ImportKeyMaterialCommand({ KeyId: k.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: wrap(p.PublicKey!, algorithm, material), ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }));
      assert.equal(out.KeyId, k.Arn);
      const m = await state(k.KeyId);
      assert.deepEqual([m.KeyState, m.Enabled, m.ExpirationModel], ['Enabled', true, 'KEY_MATERIAL_DOES_NOT_EXPIRE']);
      const enc = await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('byok') }));
      assert.equal(Buffer.from((await t.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }))).Plaintext!).toString(), 'byok');
      const ev = await t.w.eventFor(out.$metadata.requestId!);
      assertKmsEvent(ev, 'ImportKeyMaterial', false, k.Arn);
      assertNoSecrets(ev, material);
      assertKmsEvent(await t.w.eventFor(p.$metadata.requestId!), 'GetParametersForImport', true, k.Arn);
    });
  }

  it('imports an ECC private key that then signs', async () => {
    const k = await createKey(t.kms, { Origin: 'EXTERNAL', KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const p = await t.kms.send(new GetParametersForImportCommand({ KeyId: k.KeyId, WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256', WrappingKeySpec: 'RSA_3072' }));
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const der = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
    await t.kms.send(new ImportKeyMaterialCommand({ KeyId: k.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: wrap(p.PublicKey!, 'RSA_AES_KEY_WRAP_SHA_256', der), ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }));
    const s = await t.kms.send(new SignCommand({ KeyId: k.KeyId, Message: Buffer.from('m'), SigningAlgorithm: 'ECDSA_SHA_256' }));
    assert.ok((await t.kms.send(new VerifyCommand({ KeyId: k.KeyId, Message: Buffer.from('m'), Signature: s.Signature, SigningAlgorithm: 'ECDSA_SHA_256' }))).SignatureValid);
  });

  it('deletes material (PendingImport); the same material re-imported decrypts old ciphertexts; other material is refused', async () => {
    const k = await createKey(t.kms, { Origin: 'EXTERNAL' });
    const material = randomBytes(32);
    const load = async (m: Buffer, extra: Record<string, unknown> = { ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }) => {
      const p = await t.kms.send(new GetParametersForImportCommand({ KeyId: k.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
      return t.kms.send(new ImportKeyMaterialCommand({ KeyId: k.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: wrap(p.PublicKey!, 'RSAES_OAEP_SHA_256', m), ...extra }));
    };
    await load(material);
    const enc = await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('kept') }));
    const del = await t.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: k.KeyId }));
    assert.equal(del.KeyId, k.Arn);
    assertKmsEvent(await t.w.eventFor(del.$metadata.requestId!), 'DeleteImportedKeyMaterial', false, k.Arn);
    assert.equal((await state(k.KeyId)).KeyState, 'PendingImport');
    await rejects(t.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })), 'KMSInvalidStateException', `${k.Arn} is pending import.`);
    await rejects(load(randomBytes(32)), 'IncorrectKeyMaterialException');
    await rejects(load(randomBytes(16)), 'IncorrectKeyMaterialException');
    assert.equal((await state(k.KeyId)).KeyState, 'PendingImport');
    await load(material);
    assert.equal(Buffer.from((await t.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }))).Plaintext!).toString(), 'kept');
  });

  it('material that expires makes the key PendingImport once ValidTo passes', async () => {
    const k = await createKey(t.kms, { Origin: 'EXTERNAL' });
    const p = await t.kms.send(new GetParametersForImportCommand({ KeyId: k.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_1', WrappingKeySpec: 'RSA_2048' }));
    const validTo = new Date(Date.now() + 2 * DAY);
    await t.kms.send(new ImportKeyMaterialCommand({ KeyId: k.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: wrap(p.PublicKey!, 'RSAES_OAEP_SHA_1', randomBytes(32)), ValidTo: validTo }));
    const m = await state(k.KeyId);
    assert.deepEqual([m.KeyState, m.ExpirationModel, Math.floor(m.ValidTo!.getTime() / 1000)], ['Enabled', 'KEY_MATERIAL_EXPIRES', Math.floor(validTo.getTime() / 1000)]);
    clock.offset = 3 * DAY;
    try {
      const late = lateClient(t.w, clock);
      assert.equal((await late.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!.KeyState, 'PendingImport');
      await rejects(late.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', `${k.Arn} is pending import.`);
      // The token has expired too (24 hours).
      await rejects(late.send(new ImportKeyMaterialCommand({ KeyId: k.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: Buffer.alloc(256), ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' })), 'ExpiredImportTokenException');
    } finally {
      clock.offset = 0;
    }
  });

  it('refuses tokens of another key, bad ciphertext, bad ValidTo, AWS_KMS keys and another account; the key stays PendingImport', async () => {
    const k = await createKey(t.kms, { Origin: 'EXTERNAL' });
    const other = await createKey(t.kms, { Origin: 'EXTERNAL' });
    const p = await t.kms.send(new GetParametersForImportCommand({ KeyId: other.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }));
    const blob = wrap(p.PublicKey!, 'RSAES_OAEP_SHA_256', randomBytes(32));
    await rejects(t.kms.send(new ImportKeyMaterialCommand({ KeyId: k.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: blob, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' })), 'InvalidImportTokenException');
    await rejects(t.kms.send(new ImportKeyMaterialCommand({ KeyId: other.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: Buffer.alloc(256, 1), ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' })), 'InvalidCiphertextException');
    await rejects(t.kms.send(new ImportKeyMaterialCommand({ KeyId: other.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: blob })), 'ValidationException');
    await rejects(t.kms.send(new ImportKeyMaterialCommand({ KeyId: other.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: blob, ValidTo: new Date(Date.now() + 400 * DAY) })), 'ValidationException');
    await rejects(t.kms.send(new ImportKeyMaterialCommand({ KeyId: other.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: blob, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE', ValidTo: new Date(Date.now() + DAY) })), 'ValidationException');
    const aws = await createKey(t.kms);
    await rejects(t.kms.send(new GetParametersForImportCommand({ KeyId: aws.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' })), 'UnsupportedOperationException', `${aws.Arn} origin is AWS_KMS which is not valid for this operation.`);
    await rejects(t.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: aws.KeyId })), 'UnsupportedOperationException');
    await rejects(t.kms.send(new GetParametersForImportCommand({ KeyId: k.KeyId, WrappingAlgorithm: 'RSAES_PKCS1_V1_5', WrappingKeySpec: 'RSA_2048' })), 'UnsupportedOperationException');
    await rejects(t.other.send(new GetParametersForImportCommand({ KeyId: k.Arn, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' })), 'AccessDeniedException', /kms:GetParametersForImport on resource/);
    await rejects(t.other.send(new ImportKeyMaterialCommand({ KeyId: other.Arn, ImportToken: p.ImportToken, EncryptedKeyMaterial: blob, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' })), 'AccessDeniedException');
    assert.deepEqual([(await state(k.KeyId)).KeyState, (await state(other.KeyId)).KeyState], ['PendingImport', 'PendingImport']);
  });
});
