import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AWS_CLIS, awsJson } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';
import { jsonApi, type Creds } from '../../json-api.js';
import { trailBucket } from './buckets.js';

// @aws-sdk/client-cloudtrail is not installed: raw signed awsJson1_1 requests.
const OTHER: Creds = { accessKeyId: '111122223333', secretAccessKey: 'x' };
const TARGET = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101';

const { call, ok, fails } = jsonApi('cloudtrail', TARGET);

const lookup = (w: Running, attr?: [string, string], extra: object = {}, credentials?: Creds, region?: string) =>
  ok(w, 'LookupEvents', { ...(attr ? { LookupAttributes: [{ AttributeKey: attr[0], AttributeValue: attr[1] }] } : {}), ...extra }, credentials, region);

describe('CloudTrail LookupEvents', () => {
  let w: Running;
  let keyArn: string;
  let userKey: Creds;
  const t0 = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);
  before(async () => {
    w = await startTestWarden();
    const sts = w.client(STSClient);
    const kms = w.client(KMSClient);
    const iam = w.client(IAMClient);
    await sts.send(new GetCallerIdentityCommand({}));
    keyArn = (await kms.send(new CreateKeyCommand({ Description: 'ct' }))).KeyMetadata!.Arn!;
    await kms.send(new DescribeKeyCommand({ KeyId: keyArn }));
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const ak = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    userKey = { accessKeyId: ak.AccessKeyId!, secretAccessKey: ak.SecretAccessKey! };
    await w.client(STSClient, { credentials: userKey }).send(new GetCallerIdentityCommand({}));
    // Another account's activity.
    await w.client(KMSClient, { credentials: OTHER }).send(new CreateKeyCommand({}));
  });
  after(() => w.stop());

  it('finds events by EventName, newest first, with the full record', async () => {
    const out = await lookup(w, ['EventName', 'CreateKey']);
    assert.equal(out.Events.length, 1);
    const e = out.Events[0];
    assert.equal(e.EventName, 'CreateKey');
    assert.equal(e.EventSource, 'kms.amazonaws.com');
    assert.equal(e.ReadOnly, 'false');
    assert.equal(e.AccessKeyId, 'test');
    assert.equal(e.Username, 'root');
    assert.equal(typeof e.EventTime, 'number');
    assert.deepEqual(e.Resources, [{ ResourceType: 'AWS::KMS::Key', ResourceName: keyArn }]);
    const rec = JSON.parse(e.CloudTrailEvent);
    assert.equal(rec.eventID, e.EventId);
    assert.equal(rec.eventName, 'CreateKey');
    const all = await lookup(w);
    const times = all.Events.map((x: any) => x.EventTime);
    assert.deepEqual(times, [...times].sort((a: number, b: number) => b - a));
  });

  it('finds IAM (global) events in us-east-1 only', async () => {
    assert.equal((await lookup(w, ['EventName', 'CreateUser'])).Events.length, 1);
    assert.equal((await lookup(w, ['EventName', 'CreateUser'], {}, undefined, 'eu-west-1')).Events.length, 0);
  });

  it('finds by Username, AccessKeyId, ResourceName, ResourceType, EventSource, ReadOnly, EventId', async () => {
    const alice = await lookup(w, ['Username', 'alice']);
    assert.ok(alice.Events.length >= 1);
    assert.ok(alice.Events.every((e: any) => e.Username === 'alice'));
    assert.ok(alice.Events.some((e: any) => e.EventName === 'GetCallerIdentity'));
    const byKey = await lookup(w, ['AccessKeyId', userKey.accessKeyId]);
    assert.ok(byKey.Events.length >= 1 && byKey.Events.every((e: any) => e.AccessKeyId === userKey.accessKeyId));
    const byRes = await lookup(w, ['ResourceName', keyArn]);
    assert.deepEqual(byRes.Events.map((e: any) => e.EventName).sort(), ['CreateKey', 'DescribeKey']);
    assert.equal((await lookup(w, ['ResourceType', 'AWS::KMS::Key'])).Events.length, 2);
    const kmsEvents = await lookup(w, ['EventSource', 'kms.amazonaws.com']);
    assert.ok(kmsEvents.Events.every((e: any) => e.EventSource === 'kms.amazonaws.com'));
    const reads = await lookup(w, ['ReadOnly', 'true']);
    assert.ok(reads.Events.length > 0 && reads.Events.every((e: any) => e.ReadOnly === 'true'));
    const id = byRes.Events[0].EventId;
    assert.deepEqual((await lookup(w, ['EventId', id])).Events.map((e: any) => e.EventId), [id]);
  });

  it('filters by time range', async () => {
    const now = await lookup(w, ['EventName', 'CreateKey'], { StartTime: t0.getTime() / 1000, EndTime: Date.now() / 1000 + 5 });
    assert.equal(now.Events.length, 1);
    const past = await lookup(w, ['EventName', 'CreateKey'], { StartTime: t0.getTime() / 1000 - 7200, EndTime: t0.getTime() / 1000 - 3600 });
    assert.equal(past.Events.length, 0);
  });

  it('pages with MaxResults and NextToken', async () => {
    const all = (await lookup(w, undefined, { MaxResults: 50 })).Events.map((e: any) => e.EventId);
    assert.ok(all.length >= 5);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const p = await lookup(w, undefined, { MaxResults: 2, ...(token ? { NextToken: token } : {}) });
      assert.ok(p.Events.length <= 2);
      seen.push(...p.Events.map((e: any) => e.EventId));
      token = p.NextToken;
    } while (token !== undefined);
    // LookupEvents itself is audited meanwhile: earlier pages are a prefix of a snapshot.
    assert.deepEqual(seen.slice(seen.length - all.length + 1), all.slice(1));
  });

  it('audits LookupEvents as read-only', async () => {
    await lookup(w, ['EventName', 'CreateKey']);
    const rec = await w.lastEvent('LookupEvents');
    assert.equal(rec.eventSource, 'cloudtrail.amazonaws.com');
    assert.equal(rec.readOnly, true);
  });

  it('refuses bad input', async () => {
    await fails(w, 'LookupEvents', { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'a' }, { AttributeKey: 'Username', AttributeValue: 'b' }] }, 'InvalidLookupAttributesException');
    await fails(w, 'LookupEvents', { StartTime: 2000, EndTime: 1000 }, 'InvalidTimeRangeException');
    // The model bounds MaxResults to 1–50: Warden's validator answers before the handler.
    await fails(w, 'LookupEvents', { MaxResults: 51 }, 'ValidationException', /maxResults|MaxResults/);
    await fails(w, 'LookupEvents', { NextToken: 'not-a-token' }, 'InvalidNextTokenException');
    const p = await lookup(w, undefined, { MaxResults: 1 });
    await fails(w, 'LookupEvents', { NextToken: p.NextToken, LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateKey' }] }, 'InvalidNextTokenException');
  });

  it('shows another account none of this account’s events', async () => {
    const other = await lookup(w, undefined, {}, OTHER);
    assert.ok(other.Events.length >= 1);
    assert.ok(other.Events.every((e: any) => JSON.parse(e.CloudTrailEvent).recipientAccountId === '111122223333'));
    assert.equal((await lookup(w, ['ResourceName', keyArn], {}, OTHER)).Events.length, 0);
  });

  for (const cli of AWS_CLIS) {
    it(`answers \`${cli} cloudtrail lookup-events\` (newest first, paged by the CLI)`, async () => {
      const out = await awsJson(w.url, ['cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=CreateKey'], { cli });
      assert.equal(out.Events.length, 1);
      assert.equal(out.Events[0].EventName, 'CreateKey');
      assert.equal(out.Events[0].Resources[0].ResourceName, keyArn);
      // The CLI follows NextToken itself: a page size of 1 still yields every event, each once.
      const paged = await awsJson(w.url, ['cloudtrail', 'lookup-events', '--page-size', '1', '--lookup-attributes', 'AttributeKey=EventSource,AttributeValue=kms.amazonaws.com'], { cli });
      const ids = paged.Events.map((e: { EventId: string }) => e.EventId);
      assert.ok(ids.length >= 2);
      assert.equal(new Set(ids).size, ids.length);
    });
  }
});

describe('CloudTrail trails', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden();
    await trailBucket(w, 'logs', { trailName: 'main-trail' });
  });
  after(() => w.stop());

  it('creates, reads, lists, logs, tags and deletes a trail', async () => {
    const created = await ok(w, 'CreateTrail', { Name: 'main-trail', S3BucketName: 'logs', TagsList: [{ Key: 'a', Value: '1' }] });
    assert.equal(created.Name, 'main-trail');
    assert.match(created.TrailARN, /^arn:aws:cloudtrail:us-east-1:\d{12}:trail\/main-trail$/);
    assert.equal(created.IncludeGlobalServiceEvents, true);
    const trailArn = created.TrailARN as string;
    assert.equal((await ok(w, 'GetTrail', { Name: 'main-trail' })).Trail.S3BucketName, 'logs');
    assert.equal((await ok(w, 'GetTrail', { Name: trailArn })).Trail.HomeRegion, 'us-east-1');
    assert.deepEqual((await ok(w, 'ListTrails', {})).Trails, [{ TrailARN: trailArn, Name: 'main-trail', HomeRegion: 'us-east-1' }]);
    assert.equal((await ok(w, 'DescribeTrails', {})).trailList.length, 1);
    assert.equal((await ok(w, 'DescribeTrails', { trailNameList: ['nope'] })).trailList.length, 0);
    assert.equal((await ok(w, 'GetTrailStatus', { Name: 'main-trail' })).IsLogging, false);
    await ok(w, 'StartLogging', { Name: 'main-trail' });
    const on = await ok(w, 'GetTrailStatus', { Name: 'main-trail' });
    assert.equal(on.IsLogging, true);
    assert.equal(typeof on.StartLoggingTime, 'number');
    // Starting a trail that logs changes nothing.
    await new Promise((r) => setTimeout(r, 1100));
    await ok(w, 'StartLogging', { Name: 'main-trail' });
    assert.equal((await ok(w, 'GetTrailStatus', { Name: 'main-trail' })).StartLoggingTime, on.StartLoggingTime);
    await ok(w, 'StopLogging', { Name: trailArn });
    assert.equal((await ok(w, 'GetTrailStatus', { Name: 'main-trail' })).IsLogging, false);
    await ok(w, 'AddTags', { ResourceId: trailArn, TagsList: [{ Key: 'b', Value: '2' }] });
    await ok(w, 'RemoveTags', { ResourceId: trailArn, TagsList: [{ Key: 'a' }] });
    assert.deepEqual((await ok(w, 'ListTags', { ResourceIdList: [trailArn] })).ResourceTagList, [{ ResourceId: trailArn, TagsList: [{ Key: 'b', Value: '2' }] }]);
    // The trail is not visible to another account.
    assert.equal((await ok(w, 'ListTrails', {}, OTHER)).Trails.length, 0);
    await fails(w, 'CreateTrail', { Name: 'main-trail', S3BucketName: 'logs' }, 'TrailAlreadyExistsException', /^Trail main-trail already exists for customer: \d{12}$/);
    await ok(w, 'DeleteTrail', { Name: 'main-trail' });
    await fails(w, 'GetTrail', { Name: 'main-trail' }, 'TrailNotFoundException', /^Unknown trail: main-trail for the user: \d{12}$/);
    await fails(w, 'DeleteTrail', { Name: 'main-trail' }, 'TrailNotFoundException');
    await fails(w, 'StartLogging', { Name: 'main-trail' }, 'TrailNotFoundException');
    // Newest first: the refused CreateTrail (with its errorCode), then the one that succeeded.
    const ev = await lookup(w, ['EventName', 'CreateTrail']);
    assert.equal(ev.Events.length, 2);
    assert.equal(JSON.parse(ev.Events[0].CloudTrailEvent).errorCode, 'TrailAlreadyExistsException');
    assert.equal(ev.Events[1].Resources[0].ResourceName, trailArn);
  });

  it('refuses bad trail names', async () => {
    await fails(w, 'CreateTrail', { Name: 'ab', S3BucketName: 'b' }, 'InvalidTrailNameException', 'Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters.');
    await fails(w, 'CreateTrail', { Name: '-abc', S3BucketName: 'b' }, 'InvalidTrailNameException', 'Trail name must starts with a letter or number.');
    await fails(w, 'CreateTrail', { Name: 'abc-', S3BucketName: 'b' }, 'InvalidTrailNameException', 'Trail name must ends with a letter or number.');
    await fails(w, 'CreateTrail', { Name: 'a b c', S3BucketName: 'b' }, 'InvalidTrailNameException', /^Trail name or ARN can only contain/);
    await fails(w, 'CreateTrail', { Name: 'x'.repeat(129), S3BucketName: 'b' }, 'InvalidTrailNameException', /^Trail name too long/);
  });
});
