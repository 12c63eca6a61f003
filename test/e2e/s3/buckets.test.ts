import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateBucketCommand, DeleteBucketCommand, DeleteBucketEncryptionCommand, DeleteBucketPolicyCommand, DeleteBucketTaggingCommand,
  GetBucketEncryptionCommand, GetBucketLocationCommand, GetBucketPolicyCommand, GetBucketTaggingCommand, GetBucketVersioningCommand,
  HeadBucketCommand, ListBucketsCommand, PutBucketEncryptionCommand, PutBucketPolicyCommand, PutBucketTaggingCommand,
  PutBucketVersioningCommand, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { ACCOUNT, rawS3, rejects, userClient, useWarden } from './helpers.js';

describe('s3 buckets', () => {
  const t = useWarden();

  it('CreateBucket, ListBuckets, HeadBucket, GetBucketLocation, DeleteBucket', async () => {
    const c = await t.s3.send(new CreateBucketCommand({ Bucket: 'alpha-bucket' }));
    assert.equal(c.Location, '/alpha-bucket');
    const ev = await t.w.lastEvent('CreateBucket');
    assert.equal(ev['eventSource'], 's3.amazonaws.com');
    assert.equal(ev['eventCategory'], 'Management');
    assert.deepEqual(ev['requestParameters'], { bucketName: 'alpha-bucket' });
    assert.deepEqual(ev['resources'], [{ ARN: 'arn:aws:s3:::alpha-bucket', accountId: ACCOUNT, type: 'AWS::S3::Bucket' }]);
    const list = await t.s3.send(new ListBucketsCommand({}));
    assert.ok(list.Buckets!.some((b) => b.Name === 'alpha-bucket' && b.CreationDate instanceof Date));
    assert.match(list.Owner!.ID!, /^[0-9a-f]{64}$/);
    const head = await t.s3.send(new HeadBucketCommand({ Bucket: 'alpha-bucket' }));
    assert.equal(head.BucketRegion, 'us-east-1');
    const loc = await t.s3.send(new GetBucketLocationCommand({ Bucket: 'alpha-bucket' }));
    assert.equal(loc.LocationConstraint, undefined); // us-east-1: null
    await t.s3.send(new DeleteBucketCommand({ Bucket: 'alpha-bucket' }));
    await rejects(t.s3.send(new HeadBucketCommand({ Bucket: 'alpha-bucket' })), 'NotFound', undefined, 404);
    await rejects(t.s3.send(new DeleteBucketCommand({ Bucket: 'alpha-bucket' })), 'NoSuchBucket', 'The specified bucket does not exist', 404);
  });

  it('applies the LocationConstraint rules per Region', async () => {
    const eu = t.w.client(S3Client, { forcePathStyle: true, region: 'eu-west-1' });
    // (The SDK adds LocationConstraint = its Region by itself outside us-east-1.)
    await rejects(eu.send(new CreateBucketCommand({ Bucket: 'eu-wronglc', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } })), 'IllegalLocationConstraintException',
      'The us-west-2 location constraint is incompatible for the region specific endpoint this request was sent to.', 400);
    await eu.send(new CreateBucketCommand({ Bucket: 'eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    const loc = await eu.send(new GetBucketLocationCommand({ Bucket: 'eu-bucket' }));
    assert.equal(loc.LocationConstraint, 'eu-west-1');
    await rejects(eu.send(new CreateBucketCommand({ Bucket: 'eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })),
      'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409);
    await rejects(t.s3.send(new CreateBucketCommand({ Bucket: 'use1-explicit', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never } })),
      'InvalidLocationConstraint', 'The specified location-constraint is not valid', 400);
    await rejects(t.s3.send(new CreateBucketCommand({ Bucket: 'use1-other', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })),
      'IllegalLocationConstraintException', /The eu-west-1 location constraint is incompatible/, 400);
    assert.ok(!(await t.s3.send(new ListBucketsCommand({}))).Buckets!.some((b) => b.Name?.startsWith('use1-')));
  });

  it('answers 200 to its owner in us-east-1 and BucketAlreadyExists to another account', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'taken-bucket' }));
    await t.s3.send(new CreateBucketCommand({ Bucket: 'taken-bucket' }));
    await rejects(t.other.send(new CreateBucketCommand({ Bucket: 'taken-bucket' })), 'BucketAlreadyExists', /The requested bucket name is not available/, 409);
    const others = await t.other.send(new ListBucketsCommand({}));
    assert.ok(!(others.Buckets ?? []).some((b) => b.Name === 'taken-bucket'));
  });

  it('refuses invalid bucket names and writes nothing', async () => {
    for (const name of ['ab', 'Upper-Case', 'bad..dots', '192.168.5.4', '-start', 'xn--punycode', 'a'.repeat(64), 'under_score']) {
      await rejects(t.s3.send(new CreateBucketCommand({ Bucket: name })), 'InvalidBucketName', 'The specified bucket is not valid.', 400);
    }
    const ev = await t.w.lastEvent('CreateBucket');
    assert.equal(ev['errorCode'], 'InvalidBucketName');
    const list = await t.s3.send(new ListBucketsCommand({}));
    assert.ok(!(list.Buckets ?? []).some((b) => b.Name === 'under_score' || b.Name === 'ab'));
  });

  it('DeleteBucket refuses a bucket that is not empty', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'full-bucket' }));
    await t.s3.send(new PutObjectCommand({ Bucket: 'full-bucket', Key: 'k', Body: 'x' }));
    await rejects(t.s3.send(new DeleteBucketCommand({ Bucket: 'full-bucket' })), 'BucketNotEmpty', 'The bucket you tried to delete is not empty', 409);
    await t.s3.send(new HeadBucketCommand({ Bucket: 'full-bucket' }));
  });

  it('bucket policies: put, get, delete, MalformedPolicy, NoSuchBucketPolicy', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'policy-bucket' }));
    await rejects(t.s3.send(new GetBucketPolicyCommand({ Bucket: 'policy-bucket' })), 'NoSuchBucketPolicy', 'The bucket policy does not exist', 404);
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::policy-bucket/*' }] });
    await t.s3.send(new PutBucketPolicyCommand({ Bucket: 'policy-bucket', Policy: policy }));
    assert.equal((await t.s3.send(new GetBucketPolicyCommand({ Bucket: 'policy-bucket' }))).Policy, policy);
    await rejects(t.s3.send(new PutBucketPolicyCommand({ Bucket: 'policy-bucket', Policy: 'nope' })), 'MalformedPolicy', "Policies must be valid JSON and the first byte must be '{'", 400);
    const otherBucket = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::someone-else/*' }] });
    await rejects(t.s3.send(new PutBucketPolicyCommand({ Bucket: 'policy-bucket', Policy: otherBucket })), 'MalformedPolicy', 'Policy has invalid resource', 400);
    const noPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::policy-bucket/*' }] });
    await rejects(t.s3.send(new PutBucketPolicyCommand({ Bucket: 'policy-bucket', Policy: noPrincipal })), 'MalformedPolicy', 'Missing required field Principal', 400);
    assert.equal((await t.s3.send(new GetBucketPolicyCommand({ Bucket: 'policy-bucket' }))).Policy, policy, 'a refused policy changes nothing');
    await t.s3.send(new DeleteBucketPolicyCommand({ Bucket: 'policy-bucket' }));
    await rejects(t.s3.send(new GetBucketPolicyCommand({ Bucket: 'policy-bucket' })), 'NoSuchBucketPolicy');
  });

  it('encryption: SSE-S3 by default, put/get/delete a KMS default', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'enc-bucket' }));
    const def = await t.s3.send(new GetBucketEncryptionCommand({ Bucket: 'enc-bucket' }));
    assert.equal(def.ServerSideEncryptionConfiguration!.Rules![0]!.ApplyServerSideEncryptionByDefault!.SSEAlgorithm, 'AES256');
    await t.s3.send(new PutBucketEncryptionCommand({ Bucket: 'enc-bucket', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/some-key' }, BucketKeyEnabled: true }] } }));
    const got = await t.s3.send(new GetBucketEncryptionCommand({ Bucket: 'enc-bucket' }));
    assert.deepEqual(got.ServerSideEncryptionConfiguration!.Rules![0], { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/some-key' }, BucketKeyEnabled: true });
    await t.s3.send(new DeleteBucketEncryptionCommand({ Bucket: 'enc-bucket' }));
    const back = await t.s3.send(new GetBucketEncryptionCommand({ Bucket: 'enc-bucket' }));
    assert.equal(back.ServerSideEncryptionConfiguration!.Rules![0]!.ApplyServerSideEncryptionByDefault!.SSEAlgorithm, 'AES256');
  });

  it('versioning and tagging', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'tag-bucket' }));
    assert.equal((await t.s3.send(new GetBucketVersioningCommand({ Bucket: 'tag-bucket' }))).Status, undefined);
    await t.s3.send(new PutBucketVersioningCommand({ Bucket: 'tag-bucket', VersioningConfiguration: { Status: 'Enabled' } }));
    assert.equal((await t.s3.send(new GetBucketVersioningCommand({ Bucket: 'tag-bucket' }))).Status, 'Enabled');
    await rejects(t.s3.send(new GetBucketTaggingCommand({ Bucket: 'tag-bucket' })), 'NoSuchTagSet', 'The TagSet does not exist', 404);
    await t.s3.send(new PutBucketTaggingCommand({ Bucket: 'tag-bucket', Tagging: { TagSet: [{ Key: 'team', Value: 'sec' }, { Key: 'env', Value: 'dev' }] } }));
    assert.deepEqual((await t.s3.send(new GetBucketTaggingCommand({ Bucket: 'tag-bucket' }))).TagSet, [{ Key: 'team', Value: 'sec' }, { Key: 'env', Value: 'dev' }]);
    await rejects(t.s3.send(new PutBucketTaggingCommand({ Bucket: 'tag-bucket', Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] } })), 'InvalidTag');
    assert.equal((await t.s3.send(new GetBucketTaggingCommand({ Bucket: 'tag-bucket' }))).TagSet!.length, 2);
    await t.s3.send(new DeleteBucketTaggingCommand({ Bucket: 'tag-bucket' }));
    await rejects(t.s3.send(new GetBucketTaggingCommand({ Bucket: 'tag-bucket' })), 'NoSuchTagSet');
  });

  it('malformed XML is MalformedXML and changes nothing', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'xml-bucket' }));
    const r = await rawS3(t.w, { method: 'PUT', path: '/xml-bucket', query: { tagging: '' }, body: '<Tagging><TagSet><Tag><Key>a</Key></TagSet></Tagging>' });
    assert.equal(r.status, 400);
    assert.match(r.body, /<Code>MalformedXML<\/Code><Message>The XML you provided was not well-formed or did not validate against our published schema<\/Message>/);
    assert.match(r.body, /<RequestId>[^<]+<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/);
    assert.ok(r.headers.get('x-amz-request-id'));
    assert.ok(r.headers.get('x-amz-id-2'));
    await rejects(t.s3.send(new GetBucketTaggingCommand({ Bucket: 'xml-bucket' })), 'NoSuchTagSet');
    const bad = await rawS3(t.w, { method: 'PUT', path: '/xml-bucket', query: { tagging: '' }, body: '<Tagging/>', contentSha256: 'a'.repeat(64) });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /<Code>XAmzContentSHA256Mismatch<\/Code>/);
  });

  it('denies an IAM user without s3 permissions, and allows one with them', async () => {
    const nobody = await userClient(t.w, 'nobody');
    await rejects(nobody.s3.send(new CreateBucketCommand({ Bucket: 'nobodys-bucket' })), 'AccessDenied',
      `User: ${nobody.arn} is not authorized to perform: s3:CreateBucket on resource: "arn:aws:s3:::nobodys-bucket" because no identity-based policy allows the s3:CreateBucket action`, 403);
    const ev = await t.w.lastEvent('CreateBucket');
    assert.equal(ev['errorCode'], 'AccessDenied');
    const lister = await userClient(t.w, 'lister', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] });
    const list = await lister.s3.send(new ListBucketsCommand({}));
    assert.ok((list.Buckets ?? []).length > 0);
    await rejects(lister.s3.send(new GetBucketPolicyCommand({ Bucket: 'tag-bucket' })), 'AccessDenied', /s3:GetBucketPolicy/, 403);
  });
});
