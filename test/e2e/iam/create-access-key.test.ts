import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, allow, asUser, doc, eventOf, rejects, userWithKey } from './helpers.js';

describe('iam access keys: CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey, GetAccessKeyLastUsed', () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => {
    w = await startTestWarden();
    iam = w.client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'kay', Path: '/k/' }));
  });
  after(() => w.stop());

  it('CreateAccessKey answers the secret once; the event and the store never hold it in clear', async () => {
    const out = await iam.send(new CreateAccessKeyCommand({ UserName: 'kay' }));
    const k = out.AccessKey!;
    assert.match(k.AccessKeyId!, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(k.SecretAccessKey!.length, 40);
    assert.equal(k.Status, 'Active');
    assert.equal(k.UserName, 'kay');
    assert.ok(k.CreateDate instanceof Date);
    const ev = await eventOf(w, out);
    assert.deepEqual(ev['requestParameters'], { userName: 'kay' });
    assert.deepEqual(Object.keys(ev['responseElements'].accessKey).sort(), ['accessKeyId', 'createDate', 'status', 'userName']);
    assert.ok(!JSON.stringify(ev).includes(k.SecretAccessKey!));
    const rows = await w.warden.store.read((tx) => tx.scan('auth/global/global/access-key/'));
    assert.ok(rows.length > 0);
    for (const r of rows) assert.ok(!Buffer.from(r.value).toString('utf8').includes(k.SecretAccessKey!));
  });

  it('allows two keys per user, then LimitExceeded 409; ListAccessKeys lists them', async () => {
    await iam.send(new CreateAccessKeyCommand({ UserName: 'kay' }));
    await rejects(iam.send(new CreateAccessKeyCommand({ UserName: 'kay' })), 'LimitExceeded', 409, 'Cannot exceed quota for AccessKeysPerUser: 2');
    const list = await iam.send(new ListAccessKeysCommand({ UserName: 'kay' }));
    assert.equal(list.AccessKeyMetadata!.length, 2);
    assert.equal(list.IsTruncated, false);
    for (const m of list.AccessKeyMetadata!) {
      assert.equal(m.UserName, 'kay');
      assert.equal(m.Status, 'Active');
      assert.equal((m as Record<string, unknown>)['SecretAccessKey'], undefined);
    }
  });

  it('UpdateAccessKey and DeleteAccessKey; unknown ids are NoSuchEntity', async () => {
    const [first] = (await iam.send(new ListAccessKeysCommand({ UserName: 'kay' }))).AccessKeyMetadata!;
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'kay', AccessKeyId: first!.AccessKeyId!, Status: 'Inactive' }));
    const after = (await iam.send(new ListAccessKeysCommand({ UserName: 'kay' }))).AccessKeyMetadata!;
    assert.equal(after.find((m) => m.AccessKeyId === first!.AccessKeyId)!.Status, 'Inactive');
    await rejects(iam.send(new UpdateAccessKeyCommand({ UserName: 'kay', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Active' })), 'NoSuchEntity', 404, 'The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.');
    await rejects(iam.send(new DeleteAccessKeyCommand({ UserName: 'kay', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })), 'NoSuchEntity', 404, 'The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.');
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'kay', AccessKeyId: first!.AccessKeyId! }));
    assert.equal((await iam.send(new ListAccessKeysCommand({ UserName: 'kay' }))).AccessKeyMetadata!.length, 1);
    await rejects(iam.send(new CreateAccessKeyCommand({ UserName: 'nonexistent-user' })), 'NoSuchEntity', 404, 'The user with name nonexistent-user cannot be found.');
  });

  it('without UserName: the calling user; other callers get ValidationError', async () => {
    await rejects(iam.send(new ListAccessKeysCommand({})), 'ValidationError', 400, 'Must specify userName when calling with non-User credentials');
    await rejects(iam.send(new DeleteAccessKeyCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })), 'ValidationError', 400, 'Must specify userName when calling with non-User credentials');
    const lee = await userWithKey(iam, 'lee');
    await iam.send(new PutUserPolicyCommand({ UserName: 'lee', PolicyName: 'own-keys', PolicyDocument: doc(allow(['iam:ListAccessKeys', 'iam:CreateAccessKey'], `arn:aws:iam::${ACCOUNT}:user/lee`)) }));
    const mine = await asUser(w, lee).send(new ListAccessKeysCommand({}));
    assert.deepEqual(mine.AccessKeyMetadata!.map((m) => m.AccessKeyId), [lee.accessKeyId]);
    const second = await asUser(w, lee).send(new CreateAccessKeyCommand({}));
    assert.equal(second.AccessKey!.UserName, 'lee');
    await rejects(asUser(w, lee).send(new ListAccessKeysCommand({ UserName: 'kay' })), 'AccessDenied', 403, `User: arn:aws:iam::${ACCOUNT}:user/lee is not authorized to perform: iam:ListAccessKeys on resource: arn:aws:iam::${ACCOUNT}:user/k/kay because no identity-based policy allows the iam:ListAccessKeys action`);
  });

  it('GetAccessKeyLastUsed: N/A before use; the service and region after (recorded outside the request)', async () => {
    const mo = await userWithKey(iam, 'mo');
    const unused = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: mo.accessKeyId }));
    assert.equal(unused.UserName, 'mo');
    assert.deepEqual(unused.AccessKeyLastUsed, { ServiceName: 'N/A', Region: 'N/A' });
    await rejects(asUser(w, mo).send(new ListUsersCommand({})), 'AccessDenied', 403);
    let used = unused;
    for (let i = 0; i < 50 && used.AccessKeyLastUsed!.ServiceName === 'N/A'; i++) {
      await sleep(10);
      used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: mo.accessKeyId }));
    }
    assert.equal(used.AccessKeyLastUsed!.ServiceName, 'iam');
    assert.equal(used.AccessKeyLastUsed!.Region, 'us-east-1');
    assert.ok(used.AccessKeyLastUsed!.LastUsedDate instanceof Date);
    await rejects(
      iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key AKIAIOSFODNN7EXAMPLE`,
    );
  });

  it('denies a user without permission and changes nothing', async () => {
    const nia = await userWithKey(iam, 'nia');
    const n = asUser(w, nia);
    await rejects(n.send(new CreateAccessKeyCommand({ UserName: 'kay' })), 'AccessDenied', 403, /iam:CreateAccessKey on resource: arn:aws:iam::000000000000:user\/k\/kay because/);
    await rejects(n.send(new UpdateAccessKeyCommand({ AccessKeyId: nia.accessKeyId, Status: 'Inactive' })), 'AccessDenied', 403, /iam:UpdateAccessKey/);
    await rejects(n.send(new DeleteAccessKeyCommand({ AccessKeyId: nia.accessKeyId })), 'AccessDenied', 403, /iam:DeleteAccessKey/);
    await rejects(n.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: nia.accessKeyId })), 'AccessDenied', 403, /iam:GetAccessKeyLastUsed on resource: arn:aws:iam::000000000000:user\/nia because/);
    assert.equal((await iam.send(new ListAccessKeysCommand({ UserName: 'nia' }))).AccessKeyMetadata![0]!.Status, 'Active');
  });
});
