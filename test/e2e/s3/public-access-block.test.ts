import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateBucketCommand, DeletePublicAccessBlockCommand, GetBucketPolicyCommand, GetBucketPolicyStatusCommand, GetObjectCommand,
  GetPublicAccessBlockCommand, PutBucketPolicyCommand, PutObjectCommand, PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { ACCOUNT, rawS3, rejects, userClient, useWarden } from './helpers.js';

const publicRead = (bucket: string): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] });
const toAccount = (bucket: string, account: string): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] });

describe('s3 Block Public Access (bucket level)', () => {
  const t = useWarden();

  it('Put/Get/DeletePublicAccessBlock, NoSuchPublicAccessBlockConfiguration, CloudTrail names', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'pab-basic' }));
    await rejects(t.s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-basic' })), 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404);
    assert.equal((await t.w.lastEvent('GetBucketPublicAccessBlock'))['errorCode'], 'NoSuchPublicAccessBlockConfiguration');
    await t.s3.send(new PutPublicAccessBlockCommand({ Bucket: 'pab-basic', PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true } }));
    const ev = await t.w.lastEvent('PutBucketPublicAccessBlock');
    assert.equal(ev['eventSource'], 's3.amazonaws.com');
    assert.equal(ev['readOnly'], false);
    assert.deepEqual(ev['requestParameters'], { bucketName: 'pab-basic', publicAccessBlock: '', PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true } });
    assert.deepEqual(ev['resources'], [{ ARN: 'arn:aws:s3:::pab-basic', accountId: ACCOUNT, type: 'AWS::S3::Bucket' }]);
    const got = await t.s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-basic' }));
    assert.deepEqual(got.PublicAccessBlockConfiguration, { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: true });
    await t.s3.send(new DeletePublicAccessBlockCommand({ Bucket: 'pab-basic' }));
    assert.equal((await t.w.lastEvent('DeleteBucketPublicAccessBlock'))['errorCode'], undefined);
    await rejects(t.s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-basic' })), 'NoSuchPublicAccessBlockConfiguration');
    await rejects(t.s3.send(new PutPublicAccessBlockCommand({ Bucket: 'pab-none', PublicAccessBlockConfiguration: { BlockPublicAcls: true } })), 'NoSuchBucket', undefined, 404);
  });

  it('refuses bad input and keeps the configuration', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'pab-bad' }));
    await t.s3.send(new PutPublicAccessBlockCommand({ Bucket: 'pab-bad', PublicAccessBlockConfiguration: { BlockPublicPolicy: true } }));
    const ns = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
    const notBool = await rawS3(t.w, { method: 'PUT', path: '/pab-bad', query: { publicAccessBlock: '' }, body: `<PublicAccessBlockConfiguration ${ns}><BlockPublicAcls>maybe</BlockPublicAcls></PublicAccessBlockConfiguration>` });
    assert.equal(notBool.status, 400);
    assert.match(notBool.body, /<Code>MalformedXML<\/Code>/);
    const empty = await rawS3(t.w, { method: 'PUT', path: '/pab-bad', query: { publicAccessBlock: '' }, body: `<PublicAccessBlockConfiguration ${ns}></PublicAccessBlockConfiguration>` });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /<Code>InvalidRequest<\/Code><Message>Must specify at least one configuration.<\/Message>/);
    const got = await t.s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-bad' }));
    assert.deepEqual(got.PublicAccessBlockConfiguration, { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false });
  });

  it('BlockPublicPolicy refuses a public bucket policy with AccessDenied; others pass', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'pab-policy' }));
    await t.s3.send(new PutPublicAccessBlockCommand({ Bucket: 'pab-policy', PublicAccessBlockConfiguration: { BlockPublicPolicy: true } }));
    await rejects(t.s3.send(new PutBucketPolicyCommand({ Bucket: 'pab-policy', Policy: publicRead('pab-policy') })), 'AccessDenied',
      `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::pab-policy" because public policies are blocked by the BlockPublicPolicy block public access setting.`, 403);
    assert.equal((await t.w.lastEvent('PutBucketPolicy'))['errorCode'], 'AccessDenied');
    await rejects(t.s3.send(new GetBucketPolicyCommand({ Bucket: 'pab-policy' })), 'NoSuchBucketPolicy');
    // A `*` principal pinned to an account by a condition is not public.
    const pinned = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pab-policy/*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }] });
    await t.s3.send(new PutBucketPolicyCommand({ Bucket: 'pab-policy', Policy: pinned }));
    await t.s3.send(new PutBucketPolicyCommand({ Bucket: 'pab-policy', Policy: toAccount('pab-policy', '111122223333') }));
    // Existing policies are not affected by turning the setting on.
    await t.s3.send(new DeletePublicAccessBlockCommand({ Bucket: 'pab-policy' }));
    await t.s3.send(new PutBucketPolicyCommand({ Bucket: 'pab-policy', Policy: publicRead('pab-policy') }));
    await t.s3.send(new PutPublicAccessBlockCommand({ Bucket: 'pab-policy', PublicAccessBlockConfiguration: { BlockPublicPolicy: true } }));
    assert.equal((await t.s3.send(new GetBucketPolicyCommand({ Bucket: 'pab-policy' }))).Policy, publicRead('pab-policy'));
  });

  it('GetBucketPolicyStatus: IsPublic by the engine analysis', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'pab-status' }));
    await rejects(t.s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'pab-status' })), 'NoSuchBucketPolicy', 'The bucket policy does not exist', 404);
    await t.s3.send(new PutBucketPolicyCommand({ Bucket: 'pab-status', Policy: toAccount('pab-status', '111122223333') }));
    assert.deepEqual((await t.s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'pab-status' }))).PolicyStatus, { IsPublic: false });
    await t.s3.send(new PutBucketPolicyCommand({ Bucket: 'pab-status', Policy: publicRead('pab-status') }));
    assert.deepEqual((await t.s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'pab-status' }))).PolicyStatus, { IsPublic: true });
    const ev = await t.w.lastEvent('GetBucketPolicyStatus');
    assert.deepEqual(ev['requestParameters'], { bucketName: 'pab-status', policyStatus: '' });
  });

  it('RestrictPublicBuckets: public statements grant nothing outside the account; grants to named accounts still do', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'pab-restrict' }));
    await t.s3.send(new PutObjectCommand({ Bucket: 'pab-restrict', Key: 'doc.txt', Body: 'hello' }));
    await t.s3.send(new PutBucketPolicyCommand({ Bucket: 'pab-restrict', Policy: publicRead('pab-restrict') }));
    const read = async () => (await (await t.other.send(new GetObjectCommand({ Bucket: 'pab-restrict', Key: 'doc.txt' }))).Body!.transformToString());
    assert.equal(await read(), 'hello');
    await t.s3.send(new PutPublicAccessBlockCommand({ Bucket: 'pab-restrict', PublicAccessBlockConfiguration: { RestrictPublicBuckets: true } }));
    await rejects(t.other.send(new GetObjectCommand({ Bucket: 'pab-restrict', Key: 'doc.txt' })), 'AccessDenied', undefined, 403);
    assert.equal((await t.w.lastEvent('GetObject'))['errorCode'], 'AccessDenied');
    // The owner's account is not restricted.
    assert.equal(await (await t.s3.send(new GetObjectCommand({ Bucket: 'pab-restrict', Key: 'doc.txt' }))).Body!.transformToString(), 'hello');
    const both = JSON.stringify({ Version: '2012-10-17', Statement: [JSON.parse(publicRead('pab-restrict')).Statement[0], JSON.parse(toAccount('pab-restrict', '111122223333')).Statement[0]] });
    await t.s3.send(new PutBucketPolicyCommand({ Bucket: 'pab-restrict', Policy: both }));
    assert.equal(await read(), 'hello');
    await t.s3.send(new DeletePublicAccessBlockCommand({ Bucket: 'pab-restrict' }));
  });

  it('denies the operations without s3:PutBucketPublicAccessBlock / s3:GetBucketPublicAccessBlock / s3:GetBucketPolicyStatus', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'pab-denied' }));
    await t.s3.send(new PutPublicAccessBlockCommand({ Bucket: 'pab-denied', PublicAccessBlockConfiguration: { BlockPublicAcls: true } }));
    const u = await userClient(t.w, 'pab-nobody', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetBucketAcl', Resource: '*' }] });
    await rejects(u.s3.send(new PutPublicAccessBlockCommand({ Bucket: 'pab-denied', PublicAccessBlockConfiguration: { BlockPublicAcls: false } })), 'AccessDenied',
      `User: ${u.arn} is not authorized to perform: s3:PutBucketPublicAccessBlock on resource: "arn:aws:s3:::pab-denied" because no identity-based policy allows the s3:PutBucketPublicAccessBlock action`, 403);
    await rejects(u.s3.send(new DeletePublicAccessBlockCommand({ Bucket: 'pab-denied' })), 'AccessDenied', /s3:PutBucketPublicAccessBlock/, 403);
    await rejects(u.s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-denied' })), 'AccessDenied', /s3:GetBucketPublicAccessBlock/, 403);
    await rejects(u.s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'pab-denied' })), 'AccessDenied', /s3:GetBucketPolicyStatus/, 403);
    assert.equal((await t.s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-denied' }))).PublicAccessBlockConfiguration!.BlockPublicAcls, true);
  });
});
