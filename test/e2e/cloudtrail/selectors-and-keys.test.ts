import assert from 'node:assert/strict';
import { createHash, createPublicKey } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  AccessDeniedException, AddTagsCommand, CloudTrailARNInvalidException, CloudTrailClient, ListTagsCommand, ResourceNotFoundException, TagsLimitExceededException, CreateTrailCommand, DescribeTrailsCommand, GetEventSelectorsCommand, GetInsightSelectorsCommand,
  GetTrailCommand, InsightNotEnabledException, InvalidEventSelectorsException, InvalidHomeRegionException, InvalidParameterCombinationException,
  InvalidTimeRangeException, ListPublicKeysCommand, ListTrailsCommand, PutEventSelectorsCommand, PutInsightSelectorsCommand, TrailNotFoundException,
  UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { startTestWarden, type Running } from '../../harness.js';
import { trailBucket } from './buckets.js';

describe('cloudtrail selectors, UpdateTrail, ListPublicKeys (SDK v3)', () => {
  let w: Running;
  let ct: CloudTrailClient;
  let arn: string;
  before(async () => {
    w = await startTestWarden();
    ct = w.client(CloudTrailClient);
    await trailBucket(w, 'logs', { trailName: 'sel' }, { trailName: 'sel', prefix: 'audit' }, { trailName: 'everywhere' });
    arn = (await ct.send(new CreateTrailCommand({ Name: 'sel', S3BucketName: 'logs' }))).TrailARN!;
  });
  after(() => w.stop());

  it('GetEventSelectors shows the default: all management events', async () => {
    const out = await ct.send(new GetEventSelectorsCommand({ TrailName: 'sel' }));
    assert.equal(out.TrailARN, arn);
    assert.deepEqual(out.EventSelectors, [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }]);
    assert.equal(out.AdvancedEventSelectors, undefined);
    assert.equal((await ct.send(new GetTrailCommand({ Name: 'sel' }))).Trail!.HasCustomEventSelectors, false);
  });

  it('PutEventSelectors stores basic selectors, then advanced ones replace them', async () => {
    const basic = await ct.send(new PutEventSelectorsCommand({
      TrailName: 'sel',
      EventSelectors: [{ ReadWriteType: 'WriteOnly', DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::logs/'] }] }],
    }));
    assert.equal(basic.TrailARN, arn);
    assert.deepEqual(basic.EventSelectors, [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::logs/'] }], ExcludeManagementEventSources: [] }]);
    assert.deepEqual((await ct.send(new GetEventSelectorsCommand({ TrailName: arn }))).EventSelectors, basic.EventSelectors);
    assert.equal((await ct.send(new GetTrailCommand({ Name: 'sel' }))).Trail!.HasCustomEventSelectors, true);
    const ev = await w.lastEvent('PutEventSelectors');
    assert.equal(ev.readOnly, false);
    assert.deepEqual(ev.resources, [{ ARN: arn, accountId: '000000000000', type: 'AWS::CloudTrail::Trail' }]);
    const advanced = [{ Name: 'writes', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] }];
    await ct.send(new PutEventSelectorsCommand({ TrailName: 'sel', AdvancedEventSelectors: advanced }));
    const got = await ct.send(new GetEventSelectorsCommand({ TrailName: 'sel' }));
    assert.deepEqual(got.AdvancedEventSelectors, advanced);
    assert.equal(got.EventSelectors, undefined);
  });

  it('refuses bad selectors and leaves the trail unchanged', async () => {
    const before = await ct.send(new GetEventSelectorsCommand({ TrailName: 'sel' }));
    await assert.rejects(ct.send(new PutEventSelectorsCommand({ TrailName: 'sel', EventSelectors: [{}], AdvancedEventSelectors: before.AdvancedEventSelectors! })), InvalidEventSelectorsException);
    await assert.rejects(ct.send(new PutEventSelectorsCommand({ TrailName: 'sel' })), InvalidEventSelectorsException);
    await assert.rejects(ct.send(new PutEventSelectorsCommand({ TrailName: 'sel', EventSelectors: Array.from({ length: 6 }, () => ({})) })), InvalidEventSelectorsException);
    await assert.rejects(ct.send(new PutEventSelectorsCommand({ TrailName: 'sel', AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventName', Equals: ['X'] }] }] })), InvalidEventSelectorsException);
    await assert.rejects(ct.send(new PutEventSelectorsCommand({ TrailName: 'nope', EventSelectors: [{}] })), TrailNotFoundException);
    assert.deepEqual(await ct.send(new GetEventSelectorsCommand({ TrailName: 'sel' })).then((o) => o.AdvancedEventSelectors), before.AdvancedEventSelectors);
    assert.equal((await w.lastEvent('PutEventSelectors')).errorCode, 'TrailNotFoundException');
  });

  it('Put/GetInsightSelectors; GetInsightSelectors without Insights is InsightNotEnabledException', async () => {
    await assert.rejects(ct.send(new GetInsightSelectorsCommand({ TrailName: 'sel' })), InsightNotEnabledException);
    const out = await ct.send(new PutInsightSelectorsCommand({ TrailName: 'sel', InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }] }));
    assert.deepEqual(out.InsightSelectors, [{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }]);
    assert.deepEqual((await ct.send(new GetInsightSelectorsCommand({ TrailName: 'sel' }))).InsightSelectors, out.InsightSelectors);
    assert.equal((await ct.send(new GetTrailCommand({ Name: 'sel' }))).Trail!.HasInsightSelectors, true);
    await ct.send(new PutInsightSelectorsCommand({ TrailName: 'sel', InsightSelectors: [] }));
    await assert.rejects(ct.send(new GetInsightSelectorsCommand({ TrailName: 'sel' })), InsightNotEnabledException);
  });

  it('UpdateTrail changes what is given and keeps the rest; refuses a multi-Region trail without global events', async () => {
    const out = await ct.send(new UpdateTrailCommand({ Name: 'sel', S3KeyPrefix: 'audit', EnableLogFileValidation: true }));
    assert.equal(out.S3KeyPrefix, 'audit');
    assert.equal(out.LogFileValidationEnabled, true);
    assert.equal(out.S3BucketName, 'logs');
    await assert.rejects(ct.send(new UpdateTrailCommand({ Name: 'sel', IsMultiRegionTrail: true, IncludeGlobalServiceEvents: false })), InvalidParameterCombinationException);
    const t = (await ct.send(new GetTrailCommand({ Name: 'sel' }))).Trail!;
    assert.equal(t.IsMultiRegionTrail, false);
    assert.equal(t.IncludeGlobalServiceEvents, true);
    assert.equal((await ct.send(new UpdateTrailCommand({ Name: 'sel', S3KeyPrefix: '' }))).S3KeyPrefix, undefined);
  });

  it('shows a multi-Region trail in other Regions, changeable only from its home Region', async () => {
    const multi = await ct.send(new CreateTrailCommand({ Name: 'everywhere', S3BucketName: 'logs', IsMultiRegionTrail: true }));
    const eu = w.client(CloudTrailClient, { region: 'eu-west-1' });
    const shadows = (await eu.send(new DescribeTrailsCommand({}))).trailList!;
    assert.deepEqual(shadows.map((t) => [t.Name, t.HomeRegion]), [['everywhere', 'us-east-1']]);
    assert.equal((await eu.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList!.length, 0);
    assert.equal((await eu.send(new GetTrailCommand({ Name: 'everywhere' }))).Trail!.TrailARN, multi.TrailARN);
    await assert.rejects(eu.send(new PutEventSelectorsCommand({ TrailName: multi.TrailARN!, EventSelectors: [{}] })), InvalidHomeRegionException);
    assert.equal((await eu.send(new ListTrailsCommand({}))).Trails!.length, 2);
  });

  it('ListPublicKeys returns the Region’s digest key: DER PKCS#1, fingerprint, validity', async () => {
    const out = await ct.send(new ListPublicKeysCommand({}));
    assert.equal(out.PublicKeyList!.length, 1);
    const k = out.PublicKeyList![0]!;
    const key = createPublicKey({ key: Buffer.from(k.Value!), format: 'der', type: 'pkcs1' });
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(k.Fingerprint, createHash('md5').update(k.Value!).digest('hex'));
    assert.ok(k.ValidityStartTime! <= new Date() && new Date() < k.ValidityEndTime!);
    // The same key on a second call; none before it existed; another Region has its own.
    assert.equal((await ct.send(new ListPublicKeysCommand({}))).PublicKeyList![0]!.Fingerprint, k.Fingerprint);
    assert.equal((await ct.send(new ListPublicKeysCommand({ StartTime: new Date(0), EndTime: new Date(1000) }))).PublicKeyList!.length, 0);
    const eu = (await w.client(CloudTrailClient, { region: 'eu-west-1' }).send(new ListPublicKeysCommand({}))).PublicKeyList![0]!;
    assert.notEqual(eu.Fingerprint, k.Fingerprint);
    await assert.rejects(ct.send(new ListPublicKeysCommand({ StartTime: new Date(2000), EndTime: new Date(1000) })), InvalidTimeRangeException);
    // The private half never reaches the audit event.
    assert.equal((await w.lastEvent('ListPublicKeys')).responseElements, null);
  });

  it('tags by trail ARN: an ARN that is not one, an unknown trail, more than 50 tags', async () => {
    await assert.rejects(ct.send(new AddTagsCommand({ ResourceId: 'sel', TagsList: [{ Key: 'k', Value: 'v' }] })), CloudTrailARNInvalidException);
    await assert.rejects(ct.send(new AddTagsCommand({ ResourceId: arn.replace('trail/sel', 'trail/ghost'), TagsList: [{ Key: 'k' }] })), ResourceNotFoundException);
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await assert.rejects(ct.send(new AddTagsCommand({ ResourceId: arn, TagsList: many })), TagsLimitExceededException);
    await assert.rejects(ct.send(new CreateTrailCommand({ Name: 'tagged', S3BucketName: 'b', TagsList: many })), TagsLimitExceededException);
    assert.deepEqual((await ct.send(new ListTagsCommand({ ResourceIdList: [arn] }))).ResourceTagList, [{ ResourceId: arn, TagsList: [] }]);
  });

  it('denies a user without permission', async () => {
    const iam = w.client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'nobody' }));
    const ak = (await iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }))).AccessKey!;
    const as = w.client(CloudTrailClient, { credentials: { accessKeyId: ak.AccessKeyId!, secretAccessKey: ak.SecretAccessKey! } });
    await assert.rejects(as.send(new PutEventSelectorsCommand({ TrailName: 'sel', EventSelectors: [{}] })), AccessDeniedException);
    await assert.rejects(as.send(new ListPublicKeysCommand({})), AccessDeniedException);
    await assert.rejects(as.send(new UpdateTrailCommand({ Name: 'sel', S3BucketName: 'x' })), AccessDeniedException);
    assert.equal((await w.lastEvent('UpdateTrail')).errorCode, 'AccessDeniedException');
    assert.equal((await ct.send(new GetTrailCommand({ Name: 'sel' }))).Trail!.S3BucketName, 'logs');
  });
});
