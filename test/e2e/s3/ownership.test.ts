import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CopyObjectCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteBucketOwnershipControlsCommand, GetBucketAclCommand,
  GetBucketOwnershipControlsCommand, GetObjectAclCommand, HeadBucketCommand, ListBucketsCommand, PutBucketOwnershipControlsCommand,
  PutBucketAclCommand, PutObjectAclCommand, PutObjectCommand, PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { ACCOUNT, rawS3, rejects, userClient, useWarden } from './helpers.js';

const NOT_SUPPORTED = 'The bucket does not allow ACLs';

describe('s3 Object Ownership', () => {
  const t = useWarden();

  it('new buckets default to BucketOwnerEnforced; Put/Get/DeleteBucketOwnershipControls', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'own-default' }));
    const got = await t.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'own-default' }));
    assert.deepEqual(got.OwnershipControls, { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    const getEv = await t.w.lastEvent('GetBucketOwnershipControls');
    assert.equal(getEv['eventSource'], 's3.amazonaws.com');
    assert.equal(getEv['readOnly'], true);

    await t.s3.send(new PutBucketOwnershipControlsCommand({ Bucket: 'own-default', OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
    const ev = await t.w.lastEvent('PutBucketOwnershipControls');
    assert.deepEqual(ev['requestParameters'], { bucketName: 'own-default', ownershipControls: '', OwnershipControls: { Rule: [{ ObjectOwnership: 'ObjectWriter' }] } });
    assert.deepEqual(ev['resources'], [{ ARN: 'arn:aws:s3:::own-default', accountId: ACCOUNT, type: 'AWS::S3::Bucket' }]);
    assert.equal((await t.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'own-default' }))).OwnershipControls!.Rules![0]!.ObjectOwnership, 'ObjectWriter');

    await t.s3.send(new DeleteBucketOwnershipControlsCommand({ Bucket: 'own-default' }));
    assert.equal((await t.w.lastEvent('DeleteBucketOwnershipControls'))['errorCode'], undefined);
    await rejects(t.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'own-default' })), 'OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', 404);
    assert.equal((await t.w.lastEvent('GetBucketOwnershipControls'))['errorCode'], 'OwnershipControlsNotFoundError');
    await rejects(t.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'own-missing' })), 'NoSuchBucket', 'The specified bucket does not exist', 404);
  });

  it('CreateBucket honours x-amz-object-ownership and refuses an unknown value', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'own-preferred', ObjectOwnership: 'BucketOwnerPreferred' }));
    assert.equal((await t.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'own-preferred' }))).OwnershipControls!.Rules![0]!.ObjectOwnership, 'BucketOwnerPreferred');
    assert.equal((await t.w.lastEvent('CreateBucket'))['requestParameters']['x-amz-object-ownership'], 'BucketOwnerPreferred');
    await rejects(t.s3.send(new CreateBucketCommand({ Bucket: 'own-bogus', ObjectOwnership: 'Nobody' as never })), 'InvalidArgument', 'Invalid x-amz-object-ownership header: Nobody', 400);
    assert.ok(!((await t.s3.send(new ListBucketsCommand({}))).Buckets ?? []).some((b) => b.Name === 'own-bogus'));
  });

  it('refuses a malformed or unknown rule and keeps the setting', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'own-bad' }));
    await rejects(t.s3.send(new PutBucketOwnershipControlsCommand({ Bucket: 'own-bad', OwnershipControls: { Rules: [{ ObjectOwnership: 'Everyone' as never }] } })), 'MalformedXML', undefined, 400);
    // (No Rule element: Warden's model validation answers it, as InvalidArgument; S3 says MalformedXML.)
    await rejects(t.s3.send(new PutBucketOwnershipControlsCommand({ Bucket: 'own-bad', OwnershipControls: { Rules: [] } })), 'InvalidArgument', undefined, 400);
    const two = '<OwnershipControls xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule><Rule><ObjectOwnership>BucketOwnerPreferred</ObjectOwnership></Rule></OwnershipControls>';
    const r = await rawS3(t.w, { method: 'PUT', path: '/own-bad', query: { ownershipControls: '' }, body: two });
    assert.equal(r.status, 400);
    assert.match(r.body, /<Code>MalformedXML<\/Code>/);
    assert.equal((await t.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'own-bad' }))).OwnershipControls!.Rules![0]!.ObjectOwnership, 'BucketOwnerEnforced');
  });

  it('BucketOwnerEnforced: requests setting an ACL fail with AccessControlListNotSupported; owner full control passes', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'own-acl' }));
    await rejects(t.s3.send(new PutObjectCommand({ Bucket: 'own-acl', Key: 'k', Body: 'x', ACL: 'public-read' })), 'AccessControlListNotSupported', NOT_SUPPORTED, 400);
    assert.equal((await t.w.lastEvent('PutObject'))['errorCode'], 'AccessControlListNotSupported');
    await rejects(t.s3.send(new PutObjectCommand({ Bucket: 'own-acl', Key: 'k', Body: 'x', GrantRead: `id=${'0'.repeat(64)}` })), 'AccessControlListNotSupported', NOT_SUPPORTED, 400);
    await rejects(t.s3.send(new CreateMultipartUploadCommand({ Bucket: 'own-acl', Key: 'm', ACL: 'authenticated-read' })), 'AccessControlListNotSupported', NOT_SUPPORTED, 400);
    await t.s3.send(new PutObjectCommand({ Bucket: 'own-acl', Key: 'k', Body: 'x', ACL: 'bucket-owner-full-control' }));
    await rejects(t.s3.send(new CopyObjectCommand({ Bucket: 'own-acl', Key: 'c', CopySource: 'own-acl/k', ACL: 'public-read-write' })), 'AccessControlListNotSupported', NOT_SUPPORTED, 400);
    await rejects(t.s3.send(new GetObjectAclCommand({ Bucket: 'own-acl', Key: 'c' })), 'NoSuchKey', undefined, 404);
    await t.s3.send(new PutObjectCommand({ Bucket: 'own-acl', Key: 'p', Body: 'x', ACL: 'private' }));
    // CreateBucket with a public ACL while ACLs are disabled.
    await rejects(t.s3.send(new CreateBucketCommand({ Bucket: 'own-acl-public', ACL: 'public-read' })), 'InvalidBucketAclWithObjectOwnership',
      "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
    await rejects(t.s3.send(new HeadBucketCommand({ Bucket: 'own-acl-public' })), 'NotFound', undefined, 404);
    await t.s3.send(new CreateBucketCommand({ Bucket: 'own-acl-writer', ACL: 'public-read', ObjectOwnership: 'ObjectWriter' }));
  });

  it('buckets with ACLs enabled accept ACLs; BlockPublicAcls refuses public ones', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'own-writer', ObjectOwnership: 'ObjectWriter' }));
    await t.s3.send(new PutObjectCommand({ Bucket: 'own-writer', Key: 'k', Body: 'x', ACL: 'public-read' }));
    await t.s3.send(new PutPublicAccessBlockCommand({ Bucket: 'own-writer', PublicAccessBlockConfiguration: { BlockPublicAcls: true } }));
    await rejects(t.s3.send(new PutObjectCommand({ Bucket: 'own-writer', Key: 'k2', Body: 'x', ACL: 'public-read' })), 'AccessDenied', 'Access Denied', 403);
    await rejects(t.s3.send(new PutObjectCommand({ Bucket: 'own-writer', Key: 'k2', Body: 'x', GrantRead: 'uri="http://acs.amazonaws.com/groups/global/AllUsers"' })), 'AccessDenied', 'Access Denied', 403);
    await rejects(t.s3.send(new GetObjectAclCommand({ Bucket: 'own-writer', Key: 'k2' })), 'NoSuchKey', undefined, 404);
    await t.s3.send(new PutObjectCommand({ Bucket: 'own-writer', Key: 'k3', Body: 'x', ACL: 'bucket-owner-read' }));
  });

  it('GetBucketAcl and GetObjectAcl show the owner FULL_CONTROL', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'own-read' }));
    await t.s3.send(new PutObjectCommand({ Bucket: 'own-read', Key: 'o', Body: 'x' }));
    const owner = (await t.s3.send(new ListBucketsCommand({}))).Owner!.ID!;
    const b = await t.s3.send(new GetBucketAclCommand({ Bucket: 'own-read' }));
    assert.equal(b.Owner!.ID, owner);
    assert.deepEqual(b.Grants, [{ Grantee: { Type: 'CanonicalUser', ID: owner }, Permission: 'FULL_CONTROL' }]);
    const o = await t.s3.send(new GetObjectAclCommand({ Bucket: 'own-read', Key: 'o' }));
    assert.deepEqual(o.Grants, [{ Grantee: { Type: 'CanonicalUser', ID: owner }, Permission: 'FULL_CONTROL' }]);
    const ev = await t.w.lastEvent('GetObjectAcl');
    assert.equal(ev['eventCategory'], 'Data');
    assert.deepEqual(ev['requestParameters'], { bucketName: 'own-read', key: 'o', acl: '' });
  });

  it('denies the ownership operations without s3:PutBucketOwnershipControls / s3:GetBucketOwnershipControls', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'own-denied' }));
    const u = await userClient(t.w, 'own-nobody', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetBucketAcl', Resource: '*' }] });
    await rejects(u.s3.send(new PutBucketOwnershipControlsCommand({ Bucket: 'own-denied', OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } })), 'AccessDenied',
      `User: ${u.arn} is not authorized to perform: s3:PutBucketOwnershipControls on resource: "arn:aws:s3:::own-denied" because no identity-based policy allows the s3:PutBucketOwnershipControls action`, 403);
    await rejects(u.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'own-denied' })), 'AccessDenied', /s3:GetBucketOwnershipControls/, 403);
    await rejects(u.s3.send(new DeleteBucketOwnershipControlsCommand({ Bucket: 'own-denied' })), 'AccessDenied', /s3:PutBucketOwnershipControls/, 403);
    assert.equal((await t.w.lastEvent('DeleteBucketOwnershipControls'))['errorCode'], 'AccessDenied');
    await u.s3.send(new GetBucketAclCommand({ Bucket: 'own-denied' }));
    // Setting the ownership at creation needs s3:PutBucketOwnershipControls too (API_CreateBucket, Permissions).
    const creator = await userClient(t.w, 'own-creator', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:CreateBucket', Resource: '*' }] });
    await rejects(creator.s3.send(new CreateBucketCommand({ Bucket: 'own-created', ObjectOwnership: 'ObjectWriter' })), 'AccessDenied', /s3:PutBucketOwnershipControls/, 403);
    await creator.s3.send(new CreateBucketCommand({ Bucket: 'own-created' }));
    assert.equal((await t.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'own-created' }))).OwnershipControls!.Rules![0]!.ObjectOwnership, 'BucketOwnerEnforced');
  });

  it('PutBucketAcl / PutObjectAcl: refused when ACLs are disabled, unless owner full control', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'own-putacl' }));
    await t.s3.send(new PutObjectCommand({ Bucket: 'own-putacl', Key: 'o', Body: 'x' }));
    const owner = (await t.s3.send(new ListBucketsCommand({}))).Owner!.ID!;
    await rejects(t.s3.send(new PutBucketAclCommand({ Bucket: 'own-putacl', ACL: 'public-read' })), 'AccessControlListNotSupported', NOT_SUPPORTED, 400);
    assert.equal((await t.w.lastEvent('PutBucketAcl'))['errorCode'], 'AccessControlListNotSupported');
    await rejects(t.s3.send(new PutBucketAclCommand({ Bucket: 'own-putacl', GrantRead: 'id="' + 'a'.repeat(64) + '"' })), 'AccessControlListNotSupported', NOT_SUPPORTED, 400);
    await rejects(t.s3.send(new PutObjectAclCommand({ Bucket: 'own-putacl', Key: 'o', ACL: 'authenticated-read' })), 'AccessControlListNotSupported', NOT_SUPPORTED, 400);
    assert.equal((await t.w.lastEvent('PutObjectAcl'))['eventCategory'], 'Data');
    const ownerOnly = { Owner: { ID: owner }, Grants: [{ Grantee: { Type: 'CanonicalUser' as const, ID: owner }, Permission: 'FULL_CONTROL' as const }] };
    await t.s3.send(new PutBucketAclCommand({ Bucket: 'own-putacl', AccessControlPolicy: ownerOnly }));
    await t.s3.send(new PutObjectAclCommand({ Bucket: 'own-putacl', Key: 'o', ACL: 'bucket-owner-full-control' }));
    await rejects(t.s3.send(new PutObjectAclCommand({ Bucket: 'own-putacl', Key: 'missing', ACL: 'private' })), 'NoSuchKey', undefined, 404);
    await rejects(t.s3.send(new PutBucketAclCommand({ Bucket: 'own-putacl' })), 'MissingSecurityHeader', 'Your request was missing a required header', 400);
    assert.deepEqual((await t.s3.send(new GetBucketAclCommand({ Bucket: 'own-putacl' }))).Grants, ownerOnly.Grants);
  });

  it('buckets with ACLs enabled keep the ACLs requests set and show them', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'own-kept', ObjectOwnership: 'ObjectWriter', ACL: 'public-read' }));
    const owner = (await t.s3.send(new ListBucketsCommand({}))).Owner!.ID!;
    const allUsersRead = { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' };
    const ownerFull = { Grantee: { Type: 'CanonicalUser', ID: owner }, Permission: 'FULL_CONTROL' };
    assert.deepEqual((await t.s3.send(new GetBucketAclCommand({ Bucket: 'own-kept' }))).Grants, [ownerFull, allUsersRead]);
    await t.s3.send(new PutBucketAclCommand({ Bucket: 'own-kept', ACL: 'private' }));
    assert.deepEqual((await t.s3.send(new GetBucketAclCommand({ Bucket: 'own-kept' }))).Grants, [ownerFull]);
    const other = 'b'.repeat(64);
    await t.s3.send(new PutBucketAclCommand({ Bucket: 'own-kept', AccessControlPolicy: { Owner: { ID: owner }, Grants: [ownerFull as never, { Grantee: { Type: 'CanonicalUser', ID: other }, Permission: 'READ' }] } }));
    assert.deepEqual((await t.s3.send(new GetBucketAclCommand({ Bucket: 'own-kept' }))).Grants, [ownerFull, { Grantee: { Type: 'CanonicalUser', ID: other }, Permission: 'READ' }]);
    await t.s3.send(new PutObjectCommand({ Bucket: 'own-kept', Key: 'o', Body: 'x', GrantRead: `id="${other}"` }));
    assert.deepEqual((await t.s3.send(new GetObjectAclCommand({ Bucket: 'own-kept', Key: 'o' }))).Grants, [{ Grantee: { Type: 'CanonicalUser', ID: other }, Permission: 'READ' }]);
    await t.s3.send(new PutObjectAclCommand({ Bucket: 'own-kept', Key: 'o', ACL: 'public-read' }));
    assert.deepEqual((await t.s3.send(new GetObjectAclCommand({ Bucket: 'own-kept', Key: 'o' }))).Grants, [ownerFull, allUsersRead]);
    // BlockPublicAcls: public ACLs are refused, others still pass; the kept ACL is unchanged.
    await t.s3.send(new PutPublicAccessBlockCommand({ Bucket: 'own-kept', PublicAccessBlockConfiguration: { BlockPublicAcls: true } }));
    await rejects(t.s3.send(new PutBucketAclCommand({ Bucket: 'own-kept', ACL: 'public-read-write' })), 'AccessDenied', 'Access Denied', 403);
    await rejects(t.s3.send(new PutObjectAclCommand({ Bucket: 'own-kept', Key: 'o', GrantRead: 'uri="http://acs.amazonaws.com/groups/global/AuthenticatedUsers"' })), 'AccessDenied', 'Access Denied', 403);
    assert.deepEqual((await t.s3.send(new GetObjectAclCommand({ Bucket: 'own-kept', Key: 'o' }))).Grants, [ownerFull, allUsersRead]);
    // ACLs cannot be disabled while the bucket ACL grants others; once they are, object ACLs no longer show.
    await rejects(t.s3.send(new PutBucketOwnershipControlsCommand({ Bucket: 'own-kept', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } })),
      'InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
    await t.s3.send(new PutBucketAclCommand({ Bucket: 'own-kept', ACL: 'private' }));
    await t.s3.send(new PutBucketOwnershipControlsCommand({ Bucket: 'own-kept', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
    assert.deepEqual((await t.s3.send(new GetObjectAclCommand({ Bucket: 'own-kept', Key: 'o' }))).Grants, [ownerFull]);
  });

  it('denies PutBucketAcl / PutObjectAcl / GetBucketAcl without permission', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'own-acl-denied' }));
    await t.s3.send(new PutObjectCommand({ Bucket: 'own-acl-denied', Key: 'o', Body: 'x' }));
    const u = await userClient(t.w, 'acl-nobody', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] });
    await rejects(u.s3.send(new PutBucketAclCommand({ Bucket: 'own-acl-denied', ACL: 'private' })), 'AccessDenied', /s3:PutBucketAcl/, 403);
    await rejects(u.s3.send(new PutObjectAclCommand({ Bucket: 'own-acl-denied', Key: 'o', ACL: 'private' })), 'AccessDenied', /s3:PutObjectAcl/, 403);
    await rejects(u.s3.send(new GetBucketAclCommand({ Bucket: 'own-acl-denied' })), 'AccessDenied', /s3:GetBucketAcl/, 403);
    await rejects(u.s3.send(new GetObjectAclCommand({ Bucket: 'own-acl-denied', Key: 'o' })), 'AccessDenied', /s3:GetObjectAcl/, 403);
  });
});
