import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { AWS_CLIS, awsJson, type CliKey } from '../../cli.js';
import { spawnWarden, startTestWarden, tempDir, type Running } from '../../harness.js';
import { ACCOUNT, allow, doc, rejects, unique, userWithKey, type UserWithKey } from '../iam/helpers.js';

const run = promisify(execFile);
const session = (c: Credentials) => ({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
const trust = (principal: object): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });

/** The classic exercise: a role in account A trusted by account B; a user of B assumes it. */
describe('cross-account AssumeRole', () => {
  const B = '111122223333';
  let w: Running;
  let rootA: IAMClient;
  let bob: UserWithKey;
  let rootB: IAMClient;
  let roleArn: string;
  const roleName = unique('shared');

  before(async () => {
    w = await startTestWarden();
    rootA = w.client(IAMClient);
    // The development profile: a 12-digit key id is that account's root user.
    rootB = w.client(IAMClient, { credentials: { accessKeyId: B, secretAccessKey: 'any' } });
    bob = await userWithKey(rootB, unique('bob'));
    const { Role } = await rootA.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${B}:root` }) }));
    roleArn = Role!.Arn!;
    await rootA.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'list', PolicyDocument: doc(allow('kms:ListKeys')) }));
  });
  after(() => w.stop());

  it('is denied while the caller has no identity allow of its own; the role account hears of it', async () => {
    const e = await rejects(
      w.client(STSClient, { credentials: bob.credentials }).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'bob' })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${B}:user/${bob.userName} is not authorized to perform: sts:AssumeRole on resource: ${roleArn} because no role trust policy allows the sts:AssumeRole action`,
    );
    const records = await w.warden.store.audit.query({ requestId: e.$metadata.requestId });
    assert.deepEqual(records.map((r) => r.account).sort(), [ACCOUNT, B]);
  });

  it('succeeds with the trust policy naming the account and the caller allowed sts:AssumeRole on the role', async () => {
    await rootB.send(new PutUserPolicyCommand({ UserName: bob.userName, PolicyName: 'assume', PolicyDocument: doc(allow('sts:AssumeRole', roleArn)) }));
    const out = await w.client(STSClient, { credentials: bob.credentials }).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'bob' }));
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/bob`);
    const creds = session(out.Credentials!);
    const who = await w.client(STSClient, { credentials: creds }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Account, ACCOUNT);
    const listed = await w.client(KMSClient, { credentials: creds }).send(new ListKeysCommand({}));
    assert.equal((await w.eventFor(listed.$metadata.requestId!))['recipientAccountId'], ACCOUNT);

    // CloudTrail delivers the AssumeRole event to both accounts, with one sharedEventID.
    const records = (await w.warden.store.audit.query({ requestId: out.$metadata.requestId! })).map((r) => JSON.parse(r.json) as Record<string, any>);
    assert.equal(records.length, 2);
    const mine = records.find((r) => r['recipientAccountId'] === B)!;
    const theirs = records.find((r) => r['recipientAccountId'] === ACCOUNT)!;
    assert.equal(mine['userIdentity'].type, 'IAMUser');
    assert.equal(mine['userIdentity'].arn, `arn:aws:iam::${B}:user/${bob.userName}`);
    assert.deepEqual(theirs['userIdentity'], { type: 'AWSAccount', principalId: mine['userIdentity'].principalId, accountId: B });
    assert.equal(mine['sharedEventID'], theirs['sharedEventID']);
    assert.match(mine['sharedEventID'], /^[0-9a-f-]{36}$/);
    assert.notEqual(mine['eventID'], theirs['eventID']);
    assert.deepEqual(theirs['resources'], [{ ARN: roleArn, accountId: ACCOUNT, type: 'AWS::IAM::Role' }]);
    // The request id still finds the caller's own record.
    assert.equal((await w.eventFor(out.$metadata.requestId!))['recipientAccountId'], B);
  });

  it('is denied when the trust policy does not name the caller, whatever the caller is allowed', async () => {
    const other = unique('closed');
    const { Role } = await rootA.send(new CreateRoleCommand({ RoleName: other, AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }) }));
    await rootB.send(new PutUserPolicyCommand({ UserName: bob.userName, PolicyName: 'assume-all', PolicyDocument: doc(allow('sts:AssumeRole')) }));
    await rejects(
      w.client(STSClient, { credentials: bob.credentials }).send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'bob' })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${B}:user/${bob.userName} is not authorized to perform: sts:AssumeRole on resource: ${Role!.Arn!} because no role trust policy allows the sts:AssumeRole action`,
    );
    // Naming the user itself works too (with its identity allow).
    const named = unique('named');
    const { Role: r2 } = await rootA.send(new CreateRoleCommand({ RoleName: named, AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${B}:user/${bob.userName}` }) }));
    await w.client(STSClient, { credentials: bob.credentials }).send(new AssumeRoleCommand({ RoleArn: r2!.Arn!, RoleSessionName: 'bob' }));
  });
});

describe('warden accounts create', () => {
  const dir = tempDir();
  after(() => dir.remove());

  const aws = (cli: string, url: string, args: string[], key: CliKey): Promise<any> => awsJson(url, args, { cli, key });

  it('creates an account whose root key Warden verifies; aws sts get-access-key-info names it (both CLIs)', async () => {
    const bin = new URL('../../../src/cli/warden.js', import.meta.url).pathname;
    const rootKey = randomBytes(32).toString('base64');
    const env = { PATH: process.env['PATH'] ?? '', WARDEN_ROOT_KEY: rootKey };
    const { stdout } = await run(process.execPath, [bin, 'accounts', 'create', '--account-id', '444455556666', '--secure', '--data-dir', dir.path], { env });
    const id = /AWS_ACCESS_KEY_ID=(\S+)/.exec(stdout)![1]!;
    const secret = /AWS_SECRET_ACCESS_KEY=(\S+)/.exec(stdout)![1]!;
    assert.match(stdout, /^Account 444455556666 created/);
    await assert.rejects(run(process.execPath, [bin, 'accounts', 'create', '--account-id', '444455556666', '--secure', '--data-dir', dir.path], { env }), (e: { stderr: string; code: number }) => e.code === 2 && /exists already/.test(e.stderr));
    const random = await run(process.execPath, [bin, 'accounts', 'create', '--secure', '--data-dir', dir.path], { env });
    assert.match(random.stdout, /^Account \d{12} created/);

    const p = await spawnWarden(['--data-dir', dir.path, '--secure'], { WARDEN_ROOT_KEY: rootKey });
    try {
      for (const cli of AWS_CLIS) {
        const who = await aws(cli, p.url, ['sts', 'get-caller-identity'], { id, secret });
        assert.deepEqual([who.Account, who.Arn], ['444455556666', 'arn:aws:iam::444455556666:root']);
        const info = await aws(cli, p.url, ['sts', 'get-access-key-info', '--access-key-id', id], { id, secret });
        assert.deepEqual(info, { Account: '444455556666' });
        // A wrong secret is refused: the key is verified.
        await assert.rejects(aws(cli, p.url, ['sts', 'get-caller-identity'], { id, secret: `${secret.slice(0, -1)}x` }), (e: { stderr: string }) => /SignatureDoesNotMatch/.test(e.stderr));
      }
    } finally {
      await p.stop();
    }
  });
});
