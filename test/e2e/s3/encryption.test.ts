import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CopyObjectCommand, CreateBucketCommand, GetBucketPolicyCommand, GetObjectCommand, HeadObjectCommand, PutBucketEncryptionCommand, PutBucketPolicyCommand,
  PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { startTestWarden, type Running } from '../../harness.js';
import { rejects, userClient } from './helpers.js';

const text = async (b: { transformToString(): Promise<string> } | undefined): Promise<string> => b!.transformToString();

describe('s3 encryption at rest', () => {
  let w: Running;
  let s3: S3Client;
  let kms: KMSClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-s3-'));
    w = await startTestWarden(['--data-dir', dir, '--in-memory=false']);
    s3 = w.client(S3Client, { forcePathStyle: true });
    kms = w.client(KMSClient);
    await s3.send(new CreateBucketCommand({ Bucket: 'enc-at-rest' }));
  });
  after(async () => {
    await w.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores bodies as AES-256-GCM files under <dataDir>/s3, never in clear', async () => {
    const secret = 'TOP-SECRET-PLAINTEXT-'.repeat(20);
    await s3.send(new PutObjectCommand({ Bucket: 'enc-at-rest', Key: 'plain-check', Body: secret }));
    const files = readdirSync(join(dir, 's3'));
    assert.ok(files.length >= 1);
    for (const f of files) {
      const bytes = readFileSync(join(dir, 's3', f));
      assert.ok(!bytes.includes(Buffer.from('TOP-SECRET')), `${f} holds plaintext`);
      assert.equal(bytes.length, 16 + secret.length + 16); // segmented format: header, one segment and its tag
    }
    const sqlite = readdirSync(dir).filter((f) => !f.startsWith('s3')).map((f) => join(dir, f));
    for (const f of sqlite) {
      try {
        assert.ok(!readFileSync(f).includes(Buffer.from('TOP-SECRET')), `${f} holds plaintext`);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EISDIR') throw err;
      }
    }
    assert.equal(await text((await s3.send(new GetObjectCommand({ Bucket: 'enc-at-rest', Key: 'plain-check' }))).Body), secret);
  });

  it('SSE-KMS with a customer key: put, get, head; the KMS key ARN in the answer; KMS failures as S3 errors', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const put = await s3.send(new PutObjectCommand({ Bucket: 'enc-at-rest', Key: 'kms-obj', Body: 'kms body', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KeyMetadata!.KeyId }));
    assert.equal(put.ServerSideEncryption, 'aws:kms');
    assert.equal(put.SSEKMSKeyId, KeyMetadata!.Arn);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'enc-at-rest', Key: 'kms-obj' }));
    assert.equal(await text(got.Body), 'kms body');
    assert.equal(got.SSEKMSKeyId, KeyMetadata!.Arn);
    const ev = await w.lastEvent('PutObject');
    assert.equal(ev['additionalEventData']['SSEApplied'], 'SSE_KMS');
    const decisions = ev['additionalEventData']['warden']['authorization'] as { action: string }[];
    assert.deepEqual(decisions.map((d) => d.action), ['s3:PutObject', 'kms:GenerateDataKey']);
    await rejects(s3.send(new PutObjectCommand({ Bucket: 'enc-at-rest', Key: 'kms-missing', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: '11111111-2222-3333-4444-555555555555' })), 'KMS.NotFoundException', undefined, 400);
    await rejects(s3.send(new HeadObjectCommand({ Bucket: 'enc-at-rest', Key: 'kms-missing' })), 'NotFound');
  });

  it('SSE-KMS without a key id uses the AWS managed key aws/s3; a bucket default applies', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'enc-at-rest', Key: 'managed', Body: 'm', ServerSideEncryption: 'aws:kms' }));
    assert.match(put.SSEKMSKeyId!, /^arn:aws:kms:us-east-1:000000000000:key\//);
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await s3.send(new CreateBucketCommand({ Bucket: 'kms-default' }));
    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'kms-default', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KeyMetadata!.Arn } }] } }));
    const d = await s3.send(new PutObjectCommand({ Bucket: 'kms-default', Key: 'k', Body: 'default kms' }));
    assert.equal(d.ServerSideEncryption, 'aws:kms');
    assert.equal(d.SSEKMSKeyId, KeyMetadata!.Arn);
    assert.equal((await w.lastEvent('PutObject'))['additionalEventData']['SSEApplied'], 'Default_SSE_KMS');
    const cp = await s3.send(new CopyObjectCommand({ Bucket: 'enc-at-rest', Key: 'copied-to-sse-s3', CopySource: 'kms-default/k' }));
    assert.equal(cp.ServerSideEncryption, 'AES256');
    assert.equal(await text((await s3.send(new GetObjectCommand({ Bucket: 'enc-at-rest', Key: 'copied-to-sse-s3' }))).Body), 'default kms');
  });

  it('a caller with s3:GetObject but without kms:Decrypt cannot read an SSE-KMS object', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await s3.send(new PutObjectCommand({ Bucket: 'enc-at-rest', Key: 'kms-guarded', Body: 'guarded', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KeyMetadata!.Arn }));
    const s3Only = await userClient(w, 's3-only', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::enc-at-rest/*' }] });
    await rejects(s3Only.s3.send(new GetObjectCommand({ Bucket: 'enc-at-rest', Key: 'kms-guarded' })), 'AccessDenied', /kms:Decrypt/, 403);
    assert.equal(await text((await s3Only.s3.send(new GetObjectCommand({ Bucket: 'enc-at-rest', Key: 'plain-check' }))).Body).then((s) => s.length), 420);
    await rejects(s3Only.s3.send(new PutObjectCommand({ Bucket: 'enc-at-rest', Key: 'kms-new', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KeyMetadata!.Arn })), 'AccessDenied', /kms:GenerateDataKey/, 403);
    await rejects(s3.send(new HeadObjectCommand({ Bucket: 'enc-at-rest', Key: 'kms-new' })), 'NotFound');
    const withKms = await userClient(w, 's3-kms', { Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::enc-at-rest/*' },
      { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: KeyMetadata!.Arn, Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::enc-at-rest/kms-guarded' } } },
    ] });
    assert.equal(await text((await withKms.s3.send(new GetObjectCommand({ Bucket: 'enc-at-rest', Key: 'kms-guarded' }))).Body), 'guarded');
  });

  it('a bucket policy denying unencrypted (non-KMS) uploads is enforced', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'kms-only' }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'kms-only', Policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'DenyNonKms', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::kms-only/*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } },
        { Sid: 'DenyMissing', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::kms-only/*', Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } } }],
    }) }));
    await rejects(s3.send(new PutObjectCommand({ Bucket: 'kms-only', Key: 'plain', Body: 'x' })), 'AccessDenied', /explicit deny in a resource-based policy/, 403);
    await rejects(s3.send(new PutObjectCommand({ Bucket: 'kms-only', Key: 'aes', Body: 'x', ServerSideEncryption: 'AES256' })), 'AccessDenied', undefined, 403);
    const ok = await s3.send(new PutObjectCommand({ Bucket: 'kms-only', Key: 'kms', Body: 'x', ServerSideEncryption: 'aws:kms' }));
    assert.equal(ok.ServerSideEncryption, 'aws:kms');
    await rejects(s3.send(new HeadObjectCommand({ Bucket: 'kms-only', Key: 'plain' })), 'NotFound');
  });

  it('a bucket policy requiring aws:SecureTransport refuses plain HTTP', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'tls-only' }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'tls-only', Policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::tls-only', 'arn:aws:s3:::tls-only/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    }) }));
    await rejects(s3.send(new PutObjectCommand({ Bucket: 'tls-only', Key: 'k', Body: 'x' })), 'AccessDenied', /explicit deny in a resource-based policy/, 403);
    await rejects(s3.send(new GetBucketPolicyCommand({ Bucket: 'tls-only' })), 'AccessDenied', undefined, 403);
  });

  it('objects survive a restart on the same data dir (bodies and sealed keys are durable)', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'enc-at-rest', Key: 'durable', Body: 'still here' }));
    await w.stop();
    w = await startTestWarden(['--data-dir', dir, '--in-memory=false']);
    s3 = w.client(S3Client, { forcePathStyle: true });
    kms = w.client(KMSClient);
    assert.equal(await text((await s3.send(new GetObjectCommand({ Bucket: 'enc-at-rest', Key: 'durable' }))).Body), 'still here');
    assert.equal(await text((await s3.send(new GetObjectCommand({ Bucket: 'enc-at-rest', Key: 'kms-obj' }))).Body), 'kms body');
  });

  it('SSE-C is refused over plain HTTP', async () => {
    await rejects(s3.send(new PutObjectCommand({ Bucket: 'enc-at-rest', Key: 'ssec', Body: 'x', SSECustomerAlgorithm: 'AES256', SSECustomerKey: Buffer.alloc(32, 1).toString('base64') })),
      'InvalidRequest', 'Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.', 400);
  });
});
