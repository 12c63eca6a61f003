import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { awsJson, TEST_KEY, type CliKey } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT } from '../iam/helpers.js';

describe('sts with the aws CLI', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden();
  });
  after(() => w.stop());

  const aws = (args: string[], key: CliKey = TEST_KEY): Promise<any> => awsJson(w.url, args, { key });

  it('assumes a role and signs with the session (AWS_SESSION_TOKEN)', async () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };
    const { Role } = await aws(['iam', 'create-role', '--role-name', 'cli-role', '--assume-role-policy-document', JSON.stringify(trust)]);
    const out = await aws(['sts', 'assume-role', '--role-arn', Role.Arn, '--role-session-name', 'cli-session', '--duration-seconds', '900']);
    assert.match(out.Credentials.AccessKeyId, /^ASIA/);
    assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/cli-role/cli-session`);
    assert.equal(out.AssumedRoleUser.AssumedRoleId, `${Role.RoleId}:cli-session`);
    const key = { id: out.Credentials.AccessKeyId as string, secret: out.Credentials.SecretAccessKey as string, token: out.Credentials.SessionToken as string };
    const who = await aws(['sts', 'get-caller-identity'], key);
    assert.equal(who.Arn, out.AssumedRoleUser.Arn);
    await assert.rejects(aws(['iam', 'list-users'], key), (e: Error) => /AccessDenied.*assumed-role\/cli-role\/cli-session.*iam:ListUsers/s.test(String((e as { stderr?: string }).stderr)));
    await assert.rejects(aws(['sts', 'get-caller-identity'], { ...key, token: 'nope' }), (e: Error) => /InvalidClientTokenId/.test(String((e as { stderr?: string }).stderr)));
  });
});
