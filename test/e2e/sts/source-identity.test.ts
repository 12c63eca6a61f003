import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { AssumeRoleCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, rejects, unique } from '../iam/helpers.js';

const session = (c: Credentials) => ({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
const ROOT = { AWS: `arn:aws:iam::${ACCOUNT}:root` };

// IAM UG, id_credentials_temp_control-access_monitor: source identity needs sts:SetSourceIdentity in
// the trust policy, shows in CloudTrail, is kept through role chaining and is the aws:SourceIdentity key.
describe('sts AssumeRole SourceIdentity', () => {
  let w: Running;
  let root: IAMClient;
  let withSet: string;
  let withoutSet: string;

  before(async () => {
    w = await startTestWarden();
    root = w.client(IAMClient);
    const a = unique('src-id');
    const { Role } = await root.send(new CreateRoleCommand({
      RoleName: a,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: ROOT, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] }] }),
    }));
    withSet = Role!.Arn!;
    // Only sessions whose source identity is alice may create keys.
    await root.send(new PutRolePolicyCommand({
      RoleName: a,
      PolicyName: 'by-source-identity',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [
        { Effect: 'Allow', Action: ['kms:CreateKey', 'sts:AssumeRole', 'sts:SetSourceIdentity'], Resource: '*', Condition: { StringEquals: { 'aws:SourceIdentity': 'alice' } } },
      ] }),
    }));
    const b = unique('no-src-id');
    withoutSet = (await root.send(new CreateRoleCommand({
      RoleName: b,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: ROOT, Action: 'sts:AssumeRole' }] }),
    }))).Role!.Arn!;
  });
  after(() => w.stop());

  it('is set, answered, audited and offered to policies as aws:SourceIdentity', async () => {
    const sts = w.client(STSClient);
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: withSet, RoleSessionName: 's1', SourceIdentity: 'alice' }));
    assert.equal(out.SourceIdentity, 'alice');
    const ev = await w.eventFor(out.$metadata.requestId!);
    assert.equal(ev['requestParameters'].sourceIdentity, 'alice');
    const kms = w.client(KMSClient, { credentials: session(out.Credentials!) });
    const created = await kms.send(new CreateKeyCommand({}));
    const kev = await w.eventFor(created.$metadata.requestId!);
    assert.equal(kev['userIdentity'].sessionContext.sourceIdentity, 'alice');
    // Another source identity does not meet the condition.
    const bob = await sts.send(new AssumeRoleCommand({ RoleArn: withSet, RoleSessionName: 's1', SourceIdentity: 'bob' }));
    await rejects(w.client(KMSClient, { credentials: session(bob.Credentials!) }).send(new CreateKeyCommand({})), 'AccessDeniedException', 400);
  });

  it('is kept when the session assumes a role again', async () => {
    const first = await w.client(STSClient).send(new AssumeRoleCommand({ RoleArn: withSet, RoleSessionName: 's1', SourceIdentity: 'alice' }));
    const chained = await w.client(STSClient, { credentials: session(first.Credentials!) }).send(new AssumeRoleCommand({ RoleArn: withSet, RoleSessionName: 's2' }));
    assert.equal(chained.SourceIdentity, 'alice');
  });

  it('needs sts:SetSourceIdentity in the trust policy', async () => {
    await rejects(w.client(STSClient).send(new AssumeRoleCommand({ RoleArn: withoutSet, RoleSessionName: 's1', SourceIdentity: 'alice' })), 'AccessDenied', 403, /sts:SetSourceIdentity/);
    const ok = await w.client(STSClient).send(new AssumeRoleCommand({ RoleArn: withoutSet, RoleSessionName: 's1' }));
    assert.equal(ok.SourceIdentity, undefined);
  });
});
