import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildClient, CommitmentPolicy, KMS, KmsKeyringNode } from '@aws-crypto/client-node';
import { DecryptCommand, DescribeKeyCommand, EncryptCommand, KMSClient, ListAliasesCommand } from '@aws-sdk/client-kms';
import { awsJson } from '../../cli.js';
import { startTestWarden, tempDir, TEST_CREDENTIALS, type Running } from '../../harness.js';
import { createKey } from './helpers.js';

describe('kms with the AWS Encryption SDK', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden();
  });
  after(() => w.stop());

  it('encrypts and decrypts a message through a KMS keyring pointed at Warden', async () => {
    const key = await createKey(w.client(KMSClient));
    const clientProvider = (region: string) => new KMS({ region, endpoint: w.url, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    const keyring = new KmsKeyringNode({ generatorKeyId: key.Arn, clientProvider });
    const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const plaintext = Buffer.from('envelope-encrypted through Warden');
    const { result } = await encrypt(keyring, plaintext, { encryptionContext: { stage: 'test' } });
    assert.ok(!result.includes(plaintext));
    const { plaintext: back, messageHeader } = await decrypt(keyring, result);
    assert.deepEqual(back, plaintext);
    assert.equal(messageHeader.encryptionContext['stage'], 'test');
    const ev = await w.lastEvent('GenerateDataKey');
    assert.equal(ev['resources'][0].ARN, key.Arn);
    assert.equal(ev['requestParameters'].encryptionContext.stage, 'test');
  });
});

describe('kms with the aws CLI', () => {
  let w: Running;
  const dir = tempDir('warden-kms-cli-');
  before(async () => {
    w = await startTestWarden();
  });
  after(async () => {
    await w.stop();
    dir.remove();
  });

  const aws = (...args: string[]) => awsJson(w.url, ['kms', ...args]);

  it('creates a key and an alias, encrypts a file (fileb://) and decrypts it', async () => {
    const created = await aws('create-key', '--description', 'from the cli');
    const keyId: string = created.KeyMetadata.KeyId;
    assert.equal(created.KeyMetadata.Description, 'from the cli');
    await aws('create-alias', '--alias-name', 'alias/cli', '--target-key-id', keyId);
    const described = await aws('describe-key', '--key-id', 'alias/cli');
    assert.equal(described.KeyMetadata.KeyId, keyId);
    const plain = join(dir.path, 'plain.bin');
    writeFileSync(plain, 'secret from a file');
    const enc = await aws('encrypt', '--key-id', 'alias/cli', '--plaintext', `fileb://${plain}`, '--encryption-context', 'purpose=cli');
    const blob = join(dir.path, 'blob.bin');
    writeFileSync(blob, Buffer.from(enc.CiphertextBlob, 'base64'));
    const dec = await aws('decrypt', '--ciphertext-blob', `fileb://${blob}`, '--encryption-context', 'purpose=cli');
    assert.equal(Buffer.from(dec.Plaintext, 'base64').toString(), 'secret from a file');
    assert.equal(dec.KeyId, created.KeyMetadata.Arn);
    const ev = await w.lastEvent('Decrypt');
    assert.match(ev['userAgent'], /aws-cli/);
    const aliases = await w.client(KMSClient).send(new ListAliasesCommand({}));
    assert.ok(aliases.Aliases!.some((a) => a.AliasName === 'alias/cli'));
  });
});

describe('kms persistence', () => {
  it('keeps keys, aliases and material across a restart on a sqlite data dir', async () => {
    const dir = tempDir('warden-kms-data-');
    const args = ['--data-dir', dir.path, '--in-memory=false'];
    try {
      let w = await startTestWarden(args);
      let kms = w.client(KMSClient);
      const key = await createKey(kms, { Description: 'durable' });
      const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('survives'), EncryptionContext: { a: 'b' } }));
      await w.stop();
      w = await startTestWarden(args);
      kms = w.client(KMSClient);
      try {
        assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.Description, 'durable');
        const dec = await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { a: 'b' } }));
        assert.equal(Buffer.from(dec.Plaintext!).toString(), 'survives');
        // The material is sealed in the database: the plaintext key bytes never appear there.
        const rows = await w.warden.store.read((tx) => tx.scan('kms/'));
        assert.ok(rows.length >= 1 && rows.every((r) => !Buffer.from(r.value).toString().includes('"secret"')));
      } finally {
        await w.stop();
      }
    } finally {
      dir.remove();
    }
  });
});
