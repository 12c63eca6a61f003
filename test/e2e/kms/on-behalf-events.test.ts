import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DisableKeyCommand, EnableKeyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ACCOUNT, createKey, useWarden } from './helpers.js';

/**
 * The KMS events AWS records when a service calls KMS for the caller (Secrets Manager user guide,
 * security-encryption.html, "Monitor Secrets Manager interaction with AWS KMS").
 */
describe('kms events of calls made on a caller\'s behalf', () => {
  const t = useWarden();

  /** KMS events of one name, newest first. */
  const kmsEvents = async (eventName: string): Promise<Record<string, any>[]> => {
    await t.w.warden.store.audit.flush();
    return (await t.w.warden.store.audit.query({ eventSource: 'kms.amazonaws.com', eventName, limit: 10 })).map((r) => JSON.parse(r.json));
  };

  const assertInvoked = (ev: Record<string, any>, service: string, keyArn: string) => {
    assert.equal(ev['eventSource'], 'kms.amazonaws.com');
    assert.equal(ev['userIdentity'].invokedBy, service);
    assert.equal(ev['userIdentity'].arn, `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal(ev['userIdentity'].accessKeyId, 'test');
    assert.equal(ev['sourceIPAddress'], service);
    assert.equal(ev['userAgent'], service);
    assert.equal(ev['readOnly'], true);
    assert.equal(ev['awsRegion'], 'us-east-1');
    assert.equal(ev['responseElements'], null);
    assert.deepEqual(ev['resources'], [{ ARN: keyArn, accountId: ACCOUNT, type: 'AWS::KMS::Key' }]);
  };

  it('Secrets Manager CreateSecret and GetSecretValue leave GenerateDataKey and Decrypt events invoked by secretsmanager.amazonaws.com', async () => {
    const sm = t.w.client(SecretsManagerClient);
    const k = await createKey(t.kms);
    const created = await sm.send(new CreateSecretCommand({ Name: 'db-password', SecretString: 'hunter2-very-secret', KmsKeyId: k.KeyId }));
    const [gdk] = await kmsEvents('GenerateDataKey');
    assertInvoked(gdk!, 'secretsmanager.amazonaws.com', k.Arn);
    assert.deepEqual(gdk!['requestParameters'], { keyId: k.Arn, keySpec: 'AES_256', encryptionContext: { SecretARN: created.ARN, SecretVersionId: created.VersionId } });
    assert.notEqual(gdk!['requestID'], created.$metadata.requestId);
    const smEvent = await t.w.eventFor(created.$metadata.requestId!);
    assert.equal(smEvent['eventSource'], 'secretsmanager.amazonaws.com');
    assert.equal(smEvent['userIdentity'].invokedBy, undefined);

    const got = await sm.send(new GetSecretValueCommand({ SecretId: 'db-password' }));
    assert.equal(got.SecretString, 'hunter2-very-secret');
    const [dec] = await kmsEvents('Decrypt');
    assertInvoked(dec!, 'secretsmanager.amazonaws.com', k.Arn);
    assert.deepEqual(dec!['requestParameters'], { encryptionContext: { SecretARN: created.ARN, SecretVersionId: created.VersionId }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    assert.ok(!JSON.stringify([gdk, dec]).includes('hunter2'));
  });

  it('a refused call still leaves its KMS event, with KMS\'s error', async () => {
    const sm = t.w.client(SecretsManagerClient);
    const k = await createKey(t.kms);
    await sm.send(new CreateSecretCommand({ Name: 'disabled-key-secret', SecretString: 's', KmsKeyId: k.KeyId }));
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await assert.rejects(sm.send(new GetSecretValueCommand({ SecretId: 'disabled-key-secret' })));
    const [dec] = await kmsEvents('Decrypt');
    assertInvoked(dec!, 'secretsmanager.amazonaws.com', k.Arn);
    assert.equal(dec!['errorCode'], 'DisabledException');
    assert.equal(dec!['errorMessage'], `${k.Arn} is disabled.`);
  });

  it('reads through the data-key cache still check the key state and the key policy on every call', async () => {
    const sm = t.w.client(SecretsManagerClient);
    const k = await createKey(t.kms);
    await sm.send(new CreateSecretCommand({ Name: 'cached', SecretString: 'cached-value', KmsKeyId: k.KeyId }));
    for (let i = 0; i < 3; i++) assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: 'cached' }))).SecretString, 'cached-value');
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await assert.rejects(sm.send(new GetSecretValueCommand({ SecretId: 'cached' })));
    assert.equal((await kmsEvents('Decrypt'))[0]!['errorCode'], 'DisabledException');
    await t.kms.send(new EnableKeyCommand({ KeyId: k.KeyId }));
    assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: 'cached' }))).SecretString, 'cached-value');
    // A key policy that no longer lets the caller decrypt refuses the next read at once.
    const Policy = JSON.stringify({ Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:Decrypt', Resource: '*' },
    ] });
    await t.kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, Policy }));
    await assert.rejects(sm.send(new GetSecretValueCommand({ SecretId: 'cached' })));
    assert.equal((await kmsEvents('Decrypt'))[0]!['errorCode'], 'AccessDeniedException');
  });

  it('SSM SecureString put and get leave GenerateDataKey and Decrypt events invoked by ssm.amazonaws.com', async () => {
    const ssm = t.w.client(SSMClient);
    const k = await createKey(t.kms);
    await ssm.send(new PutParameterCommand({ Name: '/app/token', Type: 'SecureString', Value: 'ssm-secret-value', KeyId: k.KeyId }));
    const [gdk] = await kmsEvents('GenerateDataKey');
    assertInvoked(gdk!, 'ssm.amazonaws.com', k.Arn);
    assert.equal(gdk!['requestParameters'].keySpec, 'AES_256');
    assert.equal(gdk!['requestParameters'].keyId, k.Arn);
    assert.ok(gdk!['requestParameters'].encryptionContext !== undefined);
    const got = await ssm.send(new GetParameterCommand({ Name: '/app/token', WithDecryption: true }));
    assert.equal(got.Parameter!.Value, 'ssm-secret-value');
    const [dec] = await kmsEvents('Decrypt');
    assertInvoked(dec!, 'ssm.amazonaws.com', k.Arn);
    assert.deepEqual(dec!['requestParameters'].encryptionContext, gdk!['requestParameters'].encryptionContext);
    assert.ok(!JSON.stringify([gdk, dec]).includes('ssm-secret-value'));
  });
});
