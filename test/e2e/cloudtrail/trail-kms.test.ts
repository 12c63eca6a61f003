// SSE-KMS for trail log files (issue #7): CreateTrail/UpdateTrail check the key for CloudTrail,
// deliveries are encrypted with it, readers need kms:Decrypt, KMS records CloudTrail's own calls.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  CloudTrailClient, CreateTrailCommand, GetTrailCommand, GetTrailStatusCommand, InsufficientEncryptionPolicyException, InvalidKmsKeyIdException, KmsException,
  KmsKeyNotFoundException, ListPublicKeysCommand, LookupEventsCommand, StartLoggingCommand, StopLoggingCommand, TrailNotFoundException, UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateAliasCommand, CreateKeyCommand, DisableKeyCommand, EnableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetObjectCommand, HeadObjectCommand, PutBucketEncryptionCommand, type S3Client } from '@aws-sdk/client-s3';
import { validateChain } from '../../../src/audit/trail-validate.js';
import { startTestWarden, type Running } from '../../harness.js';
import { rejects, userClient } from '../s3/helpers.js';
import { ACCOUNT, keysOf, s3Of, s3Reader, trailBucket, until } from './buckets.js';

const REGION = 'us-east-1';
const trailArn = (name: string): string => `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${name}`;

/** A key policy with AWS's documented statements for CloudTrail (create-kms-key-policy-for-cloudtrail). */
const cloudTrailKeyPolicy = (trailName: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'Allow CloudTrail to encrypt logs',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': trailArn(trailName) }, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` } },
      },
      { Sid: 'Allow CloudTrail to describe key', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:DescribeKey', Resource: '*' },
    ],
  });

describe('cloudtrail SSE-KMS log files', () => {
  let w: Running;
  let ct: CloudTrailClient;
  let kms: KMSClient;
  let s3: S3Client;
  before(async () => {
    w = await startTestWarden(['--trail-interval', '1', '--digest-interval', '2']);
    ct = w.client(CloudTrailClient);
    kms = w.client(KMSClient);
    s3 = s3Of(w);
  });
  after(() => w.stop());

  it('CreateTrail refuses a key CloudTrail could not use, with AWS\'s errors, and stores nothing', async () => {
    await trailBucket(w, 'kms-refusals', { trailName: 'refused' });
    const plain = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const create = (KmsKeyId: string) => ct.send(new CreateTrailCommand({ Name: 'refused', S3BucketName: 'kms-refusals', KmsKeyId }));
    // The default key policy delegates to the account's IAM policies, which cannot name a service.
    await assert.rejects(create(plain.KeyId!), (e: unknown) => {
      assert.ok(e instanceof InsufficientEncryptionPolicyException);
      assert.equal(e.message, `Insufficient permissions to access S3 bucket kms-refusals or KMS key ${plain.Arn}.`);
      return true;
    });
    await assert.rejects(create('11111111-2222-3333-4444-555555555555'), KmsKeyNotFoundException);
    await assert.rejects(create('alias/no-such-alias'), KmsKeyNotFoundException);
    await assert.rejects(create('not a key id'), InvalidKmsKeyIdException);
    // A key of another Region: not found in the trail's.
    await assert.rejects(create(`arn:aws:kms:eu-west-1:${ACCOUNT}:key/${plain.KeyId}`), KmsKeyNotFoundException);
    const disabled = (await kms.send(new CreateKeyCommand({ Policy: cloudTrailKeyPolicy('refused') }))).KeyMetadata!;
    await kms.send(new DisableKeyCommand({ KeyId: disabled.KeyId }));
    await assert.rejects(create(disabled.KeyId!), KmsException);
    const signing = (await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', Policy: cloudTrailKeyPolicy('refused') }))).KeyMetadata!;
    await assert.rejects(create(signing.KeyId!), KmsException);
    await assert.rejects(ct.send(new GetTrailCommand({ Name: 'refused' })), TrailNotFoundException);
    // The policy names the trail by aws:SourceArn: another trail's name is refused.
    const other = (await kms.send(new CreateKeyCommand({ Policy: cloudTrailKeyPolicy('some-other-trail') }))).KeyMetadata!;
    await assert.rejects(create(other.KeyId!), InsufficientEncryptionPolicyException);
  });

  it('encrypts log and digest files with the trail\'s key; readers need kms:Decrypt; KMS records CloudTrail\'s calls; the chain validates', async () => {
    await trailBucket(w, 'kms-trail-bucket', { trailName: 'encrypted' });
    const key = (await kms.send(new CreateKeyCommand({ Policy: cloudTrailKeyPolicy('encrypted') }))).KeyMetadata!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/trail-logs', TargetKeyId: key.KeyId }));
    const created = await ct.send(new CreateTrailCommand({ Name: 'encrypted', S3BucketName: 'kms-trail-bucket', KmsKeyId: 'alias/trail-logs', EnableLogFileValidation: true }));
    assert.equal(created.KmsKeyId, key.Arn, 'the trail keeps the key ARN');
    assert.equal((await ct.send(new GetTrailCommand({ Name: 'encrypted' }))).Trail?.KmsKeyId, key.Arn);
    await new Promise((r) => setTimeout(r, 1100));
    await ct.send(new StartLoggingCommand({ Name: 'encrypted' }));
    await kms.send(new CreateKeyCommand({ Description: 'an event to deliver' }));
    await until('a digest after a log file', async () => {
      const s = await ct.send(new GetTrailStatusCommand({ Name: 'encrypted' }));
      return s.LatestDigestDeliveryTime !== undefined && s.LatestDeliveryTime !== undefined && s.LatestDigestDeliveryTime >= s.LatestDeliveryTime ? s : undefined;
    });
    const status = await ct.send(new GetTrailStatusCommand({ Name: 'encrypted' }));
    assert.equal(status.LatestDeliveryError, undefined);
    assert.equal(status.LatestDigestDeliveryError, undefined);

    const logs = await keysOf(s3, 'kms-trail-bucket', `AWSLogs/${ACCOUNT}/CloudTrail/`);
    const digests = await keysOf(s3, 'kms-trail-bucket', `AWSLogs/${ACCOUNT}/CloudTrail-Digest/`);
    assert.ok(logs.length >= 1 && digests.length >= 1);
    for (const k of [logs[0]!, digests[0]!]) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'kms-trail-bucket', Key: k }));
      assert.equal(head.ServerSideEncryption, 'aws:kms', k);
      assert.equal(head.SSEKMSKeyId, key.Arn, k);
    }
    const body = await (await s3.send(new GetObjectCommand({ Bucket: 'kms-trail-bucket', Key: logs[0]! }))).Body!.transformToByteArray();
    assert.ok(Array.isArray((JSON.parse(gunzipSync(body).toString()) as { Records: unknown[] }).Records));

    // A reader with s3:GetObject but no kms:Decrypt: S3 refuses, naming the KMS permission.
    const reader = await userClient(w, 'log-reader', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::kms-trail-bucket/*' }] });
    await rejects(reader.s3.send(new GetObjectCommand({ Bucket: 'kms-trail-bucket', Key: logs[0]! })), 'AccessDenied', /kms:Decrypt/, 403);

    // KMS's events for CloudTrail's own GenerateDataKey calls.
    const events = await until('a GenerateDataKey event by CloudTrail', async () => {
      const out = await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'GenerateDataKey' }] }));
      const mine = (out.Events ?? []).map((e) => JSON.parse(e.CloudTrailEvent!) as Record<string, any>).filter((e) => e.userIdentity?.invokedBy === 'cloudtrail.amazonaws.com');
      return mine.length > 0 ? mine : undefined;
    });
    const ev = events[0]!;
    assert.deepEqual(ev.userIdentity, { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' });
    assert.equal(ev.eventSource, 'kms.amazonaws.com');
    assert.equal(ev.sourceIPAddress, 'cloudtrail.amazonaws.com');
    assert.equal(ev.requestParameters.keyId, key.Arn);
    assert.equal(ev.requestParameters.keySpec, 'AES_256');
    assert.equal(ev.requestParameters.encryptionContext['aws:cloudtrail:arn'], trailArn('encrypted'));
    assert.match(ev.requestParameters.encryptionContext['aws:s3:arn'], /^arn:aws:s3:::kms-trail-bucket\/AWSLogs\//);
    assert.deepEqual(ev.resources, [{ ARN: key.Arn, accountId: ACCOUNT, type: 'AWS::KMS::Key' }]);
    assert.equal(ev.recipientAccountId, ACCOUNT);

    // The chain validates through GetObject (which decrypts for a caller with kms:Decrypt), as
    // `aws cloudtrail validate-logs` reads it.
    await ct.send(new StopLoggingCommand({ Name: 'encrypted' }));
    const pub = (await ct.send(new ListPublicKeysCommand({}))).PublicKeyList!;
    const all = await keysOf(s3, 'kms-trail-bucket', `AWSLogs/${ACCOUNT}/CloudTrail-Digest/`);
    const report = await validateChain(s3Reader(s3), { bucket: 'kms-trail-bucket', key: all[all.length - 1]! }, new Map(pub.map((k) => [k.Fingerprint!, k.Value!])));
    assert.deepEqual(report.problems, []);
    assert.equal(report.validDigests, all.length);
    assert.ok(report.validLogs >= 1);
  });

  it('a key disabled after CreateTrail stops delivery, with the reason in GetTrailStatus; enabling it resumes delivery', async () => {
    await trailBucket(w, 'kms-disabled-later', { trailName: 'key-goes-away' });
    const key = (await kms.send(new CreateKeyCommand({ Policy: cloudTrailKeyPolicy('key-goes-away') }))).KeyMetadata!;
    await ct.send(new CreateTrailCommand({ Name: 'key-goes-away', S3BucketName: 'kms-disabled-later', KmsKeyId: key.Arn }));
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await new Promise((r) => setTimeout(r, 1100));
    await ct.send(new StartLoggingCommand({ Name: 'key-goes-away' }));
    await kms.send(new CreateKeyCommand({ Description: 'to deliver' }));
    const failed = await until('a delivery error', async () => (await ct.send(new GetTrailStatusCommand({ Name: 'key-goes-away' }))).LatestDeliveryError);
    assert.match(failed, /KMS/);
    assert.match(failed, /DisabledException/);
    assert.deepEqual(await keysOf(s3, 'kms-disabled-later', 'AWSLogs/'), []);
    // KMS recorded the refused call, with its error.
    const refused = await until('the refused GenerateDataKey event', async () => {
      const out = await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: key.Arn! }] }));
      return (out.Events ?? []).map((e) => JSON.parse(e.CloudTrailEvent!) as Record<string, any>).find((e) => e.eventName === 'GenerateDataKey' && e.errorCode !== undefined);
    });
    assert.equal(refused.errorCode, 'DisabledException');
    assert.equal(refused.userIdentity.invokedBy, 'cloudtrail.amazonaws.com');
    await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    await until('a delivery', async () => {
      const s = await ct.send(new GetTrailStatusCommand({ Name: 'key-goes-away' }));
      return s.LatestDeliveryError === undefined && s.LatestDeliveryTime !== undefined ? s : undefined;
    });
    const logs = await keysOf(s3, 'kms-disabled-later', `AWSLogs/${ACCOUNT}/CloudTrail/`);
    assert.ok(logs.length >= 1);
    assert.equal((await s3.send(new HeadObjectCommand({ Bucket: 'kms-disabled-later', Key: logs[0]! }))).SSEKMSKeyId, key.Arn);
    await ct.send(new StopLoggingCommand({ Name: 'key-goes-away' }));
  });

  it('UpdateTrail adds a key (checked like CreateTrail) and an empty KmsKeyId removes it', async () => {
    await trailBucket(w, 'kms-update', { trailName: 'updated' });
    await ct.send(new CreateTrailCommand({ Name: 'updated', S3BucketName: 'kms-update' }));
    const plain = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await assert.rejects(ct.send(new UpdateTrailCommand({ Name: 'updated', KmsKeyId: plain.KeyId })), InsufficientEncryptionPolicyException);
    assert.equal((await ct.send(new GetTrailCommand({ Name: 'updated' }))).Trail?.KmsKeyId, undefined, 'a refused update changes nothing');
    const key = (await kms.send(new CreateKeyCommand({ Policy: cloudTrailKeyPolicy('updated') }))).KeyMetadata!;
    const added = await ct.send(new UpdateTrailCommand({ Name: 'updated', KmsKeyId: key.KeyId }));
    assert.equal(added.KmsKeyId, key.Arn);
    const removed = await ct.send(new UpdateTrailCommand({ Name: 'updated', KmsKeyId: '' }));
    assert.equal(removed.KmsKeyId, undefined);
    assert.equal((await ct.send(new GetTrailCommand({ Name: 'updated' }))).Trail?.KmsKeyId, undefined);
  });

  it('delivers into a bucket whose default encryption is SSE-KMS with a key that allows CloudTrail', async () => {
    await trailBucket(w, 'kms-default-bucket', { trailName: 'into-kms-bucket' });
    // S3 asks KMS for CloudTrail, with aws:s3:arn alone as the encryption context: the trail's
    // documented statement (conditioned on aws:cloudtrail:arn) does not cover it, and delivery fails.
    const policy = JSON.parse(cloudTrailKeyPolicy('into-kms-bucket')) as { Statement: { Sid: string; Condition?: Record<string, Record<string, string>> }[] };
    const trailOnly = (await kms.send(new CreateKeyCommand({ Policy: JSON.stringify(policy) }))).KeyMetadata!;
    const encryptWith = (arn: string) =>
      s3.send(new PutBucketEncryptionCommand({ Bucket: 'kms-default-bucket', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arn } }] } }));
    await encryptWith(trailOnly.Arn!);
    await ct.send(new CreateTrailCommand({ Name: 'into-kms-bucket', S3BucketName: 'kms-default-bucket' }));
    await new Promise((r) => setTimeout(r, 1100));
    await ct.send(new StartLoggingCommand({ Name: 'into-kms-bucket' }));
    await kms.send(new CreateKeyCommand({ Description: 'to deliver' }));
    const error = await until('a delivery error', async () => (await ct.send(new GetTrailStatusCommand({ Name: 'into-kms-bucket' }))).LatestDeliveryError);
    assert.match(error, /AccessDeniedException/);
    await ct.send(new StopLoggingCommand({ Name: 'into-kms-bucket' }));
    // A statement for the object ARNs instead: delivered, SSE-KMS with the bucket's key.
    policy.Statement.find((x) => x.Sid === 'Allow CloudTrail to encrypt logs')!.Condition = {
      StringEquals: { 'aws:SourceArn': trailArn('into-kms-bucket') },
      StringLike: { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::kms-default-bucket/AWSLogs/${ACCOUNT}/*` },
    };
    const key = (await kms.send(new CreateKeyCommand({ Policy: JSON.stringify(policy) }))).KeyMetadata!;
    await encryptWith(key.Arn!);
    await ct.send(new StartLoggingCommand({ Name: 'into-kms-bucket' }));
    await kms.send(new CreateKeyCommand({ Description: 'to deliver' }));
    await until('a delivery', async () => {
      const st = await ct.send(new GetTrailStatusCommand({ Name: 'into-kms-bucket' }));
      return st.LatestDeliveryError === undefined && st.LatestDeliveryTime !== undefined ? st : undefined;
    });
    const logs = await keysOf(s3, 'kms-default-bucket', `AWSLogs/${ACCOUNT}/CloudTrail/`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'kms-default-bucket', Key: logs[0]! }));
    assert.equal(head.ServerSideEncryption, 'aws:kms');
    assert.equal(head.SSEKMSKeyId, key.Arn);
    await ct.send(new StopLoggingCommand({ Name: 'into-kms-bucket' }));
  });
});
