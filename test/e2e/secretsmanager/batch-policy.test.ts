import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  GetResourcePolicyCommand,
  InvalidParameterException,
  PutResourcePolicyCommand,
  SecretsManagerClient,
  ValidateResourcePolicyCommand,
} from '@aws-sdk/client-secrets-manager';
import { CreateUserCommand, CreateAccessKeyCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { startTestWarden, type Running } from '../../harness.js';

const policy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const PUBLIC = policy({ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' });
const PUBLIC_BUT_ORG = policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } });
const PUBLIC_LIKE = policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } } });
const ACCOUNT = policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' });

describe('secretsmanager BatchGetSecretValue, ValidateResourcePolicy, BlockPublicPolicy', () => {
  let w: Running;
  let sm: SecretsManagerClient;
  const arns: Record<string, string> = {};
  before(async () => {
    w = await startTestWarden();
    sm = w.client(SecretsManagerClient);
    for (const n of ['batch/a', 'batch/b', 'batch/c', 'other/x']) {
      arns[n] = (await sm.send(new CreateSecretCommand({ Name: n, SecretString: `value-of-${n}`, Tags: [{ Key: 'team', Value: n.startsWith('batch') ? 'blue' : 'red' }] }))).ARN!;
    }
    await sm.send(new CreateSecretCommand({ Name: 'batch/deleted', SecretString: 'x' }));
    await sm.send(new DeleteSecretCommand({ SecretId: 'batch/deleted' }));
  });
  after(() => w.stop());

  it('SecretIdList: values, and per-secret errors in Errors', async () => {
    const out = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['batch/a', arns['batch/b']!, 'batch/missing', 'batch/deleted'] }));
    assert.deepEqual(out.SecretValues!.map((v) => [v.Name, v.SecretString, v.VersionStages]), [
      ['batch/a', 'value-of-batch/a', ['AWSCURRENT']],
      ['batch/b', 'value-of-batch/b', ['AWSCURRENT']],
    ]);
    assert.deepEqual(out.Errors, [
      { SecretId: 'batch/missing', ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." },
      { SecretId: 'batch/deleted', ErrorCode: 'InvalidRequestException', Message: "You can't perform this operation on the secret because it was marked for deletion." },
    ]);
    // One GetSecretValue event per secret beside the batch's own, never with a value.
    const batch = await w.eventFor(out.$metadata.requestId!);
    assert.equal(batch.eventName, 'BatchGetSecretValue');
    assert.equal(batch.responseElements, null);
    const per = await w.warden.store.audit.query({ requestId: out.$metadata.requestId!, eventName: 'GetSecretValue' });
    assert.equal(per.length, 4);
    assert.ok(per.every((e) => !e.json.includes('value-of-')));
    assert.ok(per.some((e) => JSON.parse(e.json).errorCode === 'ResourceNotFoundException'));
  });

  it('Filters with MaxResults/NextToken', async () => {
    const first = await sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'tag-value', Values: ['blue'] }], MaxResults: 2 }));
    assert.equal(first.SecretValues!.length, 2);
    assert.ok(first.NextToken);
    const second = await sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'tag-value', Values: ['blue'] }], MaxResults: 2, NextToken: first.NextToken }));
    assert.equal(second.NextToken, undefined);
    const names = [...first.SecretValues!, ...second.SecretValues!].map((v) => v.Name).sort();
    assert.deepEqual(names, ['batch/a', 'batch/b', 'batch/c']);
  });

  it('bad input: both or neither of SecretIdList and Filters; MaxResults with a list', async () => {
    for (const input of [{}, { SecretIdList: ['batch/a'], Filters: [{ Key: 'name' as const, Values: ['batch'] }] }, { SecretIdList: ['batch/a'], MaxResults: 5 }]) {
      await assert.rejects(sm.send(new BatchGetSecretValueCommand(input)), InvalidParameterException);
    }
  });

  it('permissions are checked per secret: denied secrets land in Errors', async () => {
    const iam = w.client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'batcher' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'batcher',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'secretsmanager:BatchGetSecretValue', Resource: '*' },
            { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*:*:secret:batch/a-*' },
            { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
          ],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'batcher' }))).AccessKey!;
    const user = w.client(SecretsManagerClient, { credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } });
    const out = await user.send(new BatchGetSecretValueCommand({ SecretIdList: ['batch/a', 'batch/b'] }));
    assert.deepEqual(out.SecretValues!.map((v) => v.Name), ['batch/a']);
    assert.equal(out.Errors!.length, 1);
    assert.equal(out.Errors![0]!.SecretId, 'batch/b');
    assert.equal(out.Errors![0]!.ErrorCode, 'AccessDeniedException');
    assert.match(out.Errors![0]!.Message!, /is not authorized to perform: secretsmanager:GetSecretValue/);
    // Filters also need ListSecrets.
    await assert.rejects(user.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['batch'] }] })), { name: 'AccessDeniedException' });
  });

  it('ValidateResourcePolicy: passes, syntax errors, broad access', async () => {
    const ok = await sm.send(new ValidateResourcePolicyCommand({ SecretId: 'batch/a', ResourcePolicy: ACCOUNT }));
    assert.equal(ok.PolicyValidationPassed, true);
    assert.deepEqual(ok.ValidationErrors, []);
    const pub = await sm.send(new ValidateResourcePolicyCommand({ ResourcePolicy: PUBLIC }));
    assert.equal(pub.PolicyValidationPassed, false);
    assert.equal(pub.ValidationErrors![0]!.CheckName, 'BROAD_ACCESS_CHECK');
    const bad = await sm.send(new ValidateResourcePolicyCommand({ ResourcePolicy: policy({ Effect: 'Maybe', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }) }));
    assert.equal(bad.PolicyValidationPassed, false);
    assert.equal(bad.ValidationErrors![0]!.CheckName, 'SYNTAX_CHECK');
    await assert.rejects(sm.send(new ValidateResourcePolicyCommand({ ResourcePolicy: '{not json' })), { name: 'MalformedPolicyDocumentException' });
    await assert.rejects(sm.send(new ValidateResourcePolicyCommand({ SecretId: 'nope', ResourcePolicy: ACCOUNT })), { name: 'ResourceNotFoundException' });
    const ev = await w.lastEvent('ValidateResourcePolicy');
    assert.equal(ev.errorCode, 'ResourceNotFoundException');
  });

  it('PutResourcePolicy BlockPublicPolicy: refuses * unless a condition pins it; state unchanged', async () => {
    await assert.rejects(sm.send(new PutResourcePolicyCommand({ SecretId: 'batch/c', ResourcePolicy: PUBLIC, BlockPublicPolicy: true })), { name: 'PublicPolicyException' });
    await assert.rejects(sm.send(new PutResourcePolicyCommand({ SecretId: 'batch/c', ResourcePolicy: PUBLIC_LIKE, BlockPublicPolicy: true })), { name: 'PublicPolicyException' });
    assert.equal((await sm.send(new GetResourcePolicyCommand({ SecretId: 'batch/c' }))).ResourcePolicy, undefined);
    await sm.send(new PutResourcePolicyCommand({ SecretId: 'batch/c', ResourcePolicy: PUBLIC_BUT_ORG, BlockPublicPolicy: true }));
    await sm.send(new PutResourcePolicyCommand({ SecretId: 'batch/c', ResourcePolicy: ACCOUNT, BlockPublicPolicy: true }));
    // Without BlockPublicPolicy a public policy is stored (the default is false).
    await sm.send(new PutResourcePolicyCommand({ SecretId: 'batch/c', ResourcePolicy: PUBLIC }));
    assert.equal((await sm.send(new GetResourcePolicyCommand({ SecretId: 'batch/c' }))).ResourcePolicy, PUBLIC);
  });
});
