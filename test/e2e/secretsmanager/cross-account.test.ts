import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateSecretCommand, GetSecretValueCommand, PutResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { startTestWarden, type Running } from '../../harness.js';

// Account A is the default account (access key `test`); account B is 111122223333: in the
// development profile a 12-digit access key id is that account's root user (auth/credentials.ts).
const A = '000000000000';
const B = '111122223333';
const B_ROOT = { accessKeyId: B, secretAccessKey: 'anything' };
const ROLE = `arn:aws:iam::${B}:role/reader`;

describe('secretsmanager cross-account: account B reads account A\'s secret', () => {
  let w: Running;
  let smA: SecretsManagerClient;
  let smB: SecretsManagerClient;
  let keyArn: string;

  before(async () => {
    w = await startTestWarden();
    smA = w.client(SecretsManagerClient);
    // A's customer managed key: A's root administers it, B's role may decrypt through Secrets Manager.
    const kms = w.client(KMSClient);
    const key = await kms.send(
      new CreateKeyCommand({
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Sid: 'admin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' },
            { Sid: 'reader', Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } },
          ],
        }),
      }),
    );
    keyArn = key.KeyMetadata!.Arn!;
    // B's role, with its own identity policy allowing the read (both sides must allow cross-account).
    const iamB = w.client(IAMClient, { credentials: B_ROOT });
    await iamB.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'sts:AssumeRole' }] }) }));
    await iamB.send(
      new PutRolePolicyCommand({
        RoleName: 'reader',
        PolicyName: 'read-a',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:us-east-1:${A}:secret:*` },
            { Effect: 'Allow', Action: 'kms:Decrypt', Resource: keyArn },
          ],
        }),
      }),
    );
    const sts = w.client(STSClient, { credentials: B_ROOT });
    const session = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'cross' }));
    const c = session.Credentials!;
    smB = w.client(SecretsManagerClient, { credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } });
  });
  after(() => w.stop());

  const grantB = (secretId: string) =>
    smA.send(new PutResourcePolicyCommand({ SecretId: secretId, ResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }) }));

  it('with a customer managed key and a resource policy granting B\'s role, B reads it by ARN', async () => {
    const s = await smA.send(new CreateSecretCommand({ Name: 'shared/db', SecretString: 'cross-account-value', KmsKeyId: keyArn }));
    // Without the resource policy, B's own allow is not enough.
    await assert.rejects(smB.send(new GetSecretValueCommand({ SecretId: s.ARN })), { name: 'AccessDeniedException' });
    await grantB('shared/db');
    const got = await smB.send(new GetSecretValueCommand({ SecretId: s.ARN }));
    assert.equal(got.SecretString, 'cross-account-value');
    assert.equal(got.ARN, s.ARN);
    const ev = await w.eventFor(got.$metadata.requestId!);
    assert.equal(ev.userIdentity.type, 'AssumedRole');
    assert.equal(ev.userIdentity.accountId, B);
    assert.equal(ev.resources[0].accountId, A);
    // By name, B looks in its own account.
    await assert.rejects(smB.send(new GetSecretValueCommand({ SecretId: 'shared/db' })), (e: Error) => e.name === 'ResourceNotFoundException' || e.name === 'AccessDeniedException');
  });

  it('with the AWS managed key aws/secretsmanager the read fails: that key cannot be used from another account', async () => {
    const s = await smA.send(new CreateSecretCommand({ Name: 'shared/default-key', SecretString: 'not-for-b' }));
    await grantB('shared/default-key');
    await assert.rejects(smB.send(new GetSecretValueCommand({ SecretId: s.ARN })), (e: Error) => {
      assert.equal(e.name, 'AccessDeniedException');
      assert.equal(e.message, 'Access to KMS is not allowed');
      return true;
    });
    // A itself still reads it.
    assert.equal((await smA.send(new GetSecretValueCommand({ SecretId: s.ARN }))).SecretString, 'not-for-b');
  });
});
