import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestWarden, tempDir, type Running } from '../../harness.js';
import { jsonApi } from '../../json-api.js';

// @aws-sdk/client-secrets-manager is not installed: raw signed awsJson1_1 requests.
const OTHER = { accessKeyId: '111122223333', secretAccessKey: 'x' };

const { call, ok, fails } = jsonApi('secretsmanager', 'secretsmanager');
const kmsApi = jsonApi('kms', 'TrentService');

const kms = (w: Running, op: string, input: object): Promise<any> => kmsApi.ok(w, op, input);

const NOT_FOUND = "Secrets Manager can't find the specified secret.";
const TOKEN = (n: number) => `${String(n).padStart(8, '0')}-aaaa-bbbb-cccc-000000000000`;

describe('Secrets Manager', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden();
  });
  after(() => w.stop());

  it('CreateSecret, GetSecretValue, DescribeSecret: shapes and the ARN suffix', async () => {
    const c = await ok(w, 'CreateSecret', { Name: 'app/db', SecretString: 'hunter2-plain', Description: 'db', Tags: [{ Key: 'team', Value: 'core' }], ClientRequestToken: TOKEN(1) });
    assert.match(c.ARN, /^arn:aws:secretsmanager:us-east-1:000000000000:secret:app\/db-[A-Za-z0-9]{6}$/);
    assert.deepEqual({ Name: c.Name, VersionId: c.VersionId }, { Name: 'app/db', VersionId: TOKEN(1) });
    const g = await ok(w, 'GetSecretValue', { SecretId: 'app/db' });
    assert.equal(g.SecretString, 'hunter2-plain');
    assert.deepEqual(g.VersionStages, ['AWSCURRENT']);
    assert.equal(g.ARN, c.ARN);
    assert.equal(typeof g.CreatedDate, 'number');
    const byArn = await ok(w, 'GetSecretValue', { SecretId: c.ARN });
    assert.equal(byArn.SecretString, 'hunter2-plain');
    const partial = await ok(w, 'GetSecretValue', { SecretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:app/db' });
    assert.equal(partial.Name, 'app/db');
    const d = await ok(w, 'DescribeSecret', { SecretId: 'app/db' });
    assert.equal(d.Description, 'db');
    assert.deepEqual(d.Tags, [{ Key: 'team', Value: 'core' }]);
    assert.deepEqual(d.VersionIdsToStages, { [TOKEN(1)]: ['AWSCURRENT'] });
    assert.equal(d.KmsKeyId, undefined);
    // The AWS managed key was created on first use.
    const aliases = await kms(w, 'ListAliases', {});
    const alias = aliases.Aliases.find((a: any) => a.AliasName === 'alias/aws/secretsmanager');
    assert.ok(alias?.TargetKeyId);
    const key = await kms(w, 'DescribeKey', { KeyId: 'alias/aws/secretsmanager' });
    assert.equal(key.KeyMetadata.KeyManager, 'AWS');
  });

  it('binary secrets', async () => {
    const bin = Buffer.from([0, 1, 2, 250, 255]);
    await ok(w, 'CreateSecret', { Name: 'bin', SecretBinary: bin.toString('base64') });
    const g = await ok(w, 'GetSecretValue', { SecretId: 'bin' });
    assert.equal(g.SecretBinary, bin.toString('base64'));
    assert.equal(g.SecretString, undefined);
  });

  it('errors: not found, exists, both values, bad input leaves state unchanged', async () => {
    await fails(w, 'GetSecretValue', { SecretId: 'nope' }, 'ResourceNotFoundException', NOT_FOUND);
    await fails(w, 'DescribeSecret', { SecretId: 'nope' }, 'ResourceNotFoundException', NOT_FOUND);
    await ok(w, 'CreateSecret', { Name: 'dup', SecretString: 'a', ClientRequestToken: TOKEN(2) });
    await fails(w, 'CreateSecret', { Name: 'dup', SecretString: 'b', ClientRequestToken: TOKEN(3) }, 'ResourceExistsException', 'The operation failed because the secret dup already exists.');
    // Same token, same value: the same request again.
    const again = await ok(w, 'CreateSecret', { Name: 'dup', SecretString: 'a', ClientRequestToken: TOKEN(2) });
    assert.equal(again.VersionId, TOKEN(2));
    await fails(w, 'PutSecretValue', { SecretId: 'dup', SecretString: 'x', SecretBinary: 'AAE=' }, 'InvalidParameterException');
    await fails(w, 'CreateSecret', { Name: 'x'.repeat(513), SecretString: 'x' }, 'ValidationException');
    await fails(w, 'CreateSecret', { Name: 'toolarge', SecretString: 'x'.repeat(65537) }, 'ValidationException');
    await fails(w, 'GetSecretValue', { SecretId: 'toolarge' }, 'ResourceNotFoundException', NOT_FOUND);
    await fails(w, 'DeleteSecret', { SecretId: 'dup', RecoveryWindowInDays: 3 }, 'InvalidParameterException');
    await fails(w, 'DeleteSecret', { SecretId: 'dup', RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true }, 'InvalidParameterException');
    assert.equal((await ok(w, 'GetSecretValue', { SecretId: 'dup' })).SecretString, 'a');
    assert.equal((await ok(w, 'DescribeSecret', { SecretId: 'dup' })).DeletedDate, undefined);
  });

  it('versions and staging labels: PutSecretValue, idempotency, UpdateSecretVersionStage, ListSecretVersionIds', async () => {
    await ok(w, 'CreateSecret', { Name: 'rot', SecretString: 'v1', ClientRequestToken: TOKEN(11) });
    const p = await ok(w, 'PutSecretValue', { SecretId: 'rot', SecretString: 'v2', ClientRequestToken: TOKEN(12) });
    assert.deepEqual(p.VersionStages, ['AWSCURRENT']);
    let d = await ok(w, 'DescribeSecret', { SecretId: 'rot' });
    assert.deepEqual(d.VersionIdsToStages, { [TOKEN(11)]: ['AWSPREVIOUS'], [TOKEN(12)]: ['AWSCURRENT'] });
    // Same token, same value: no-op; different value: ResourceExistsException.
    await ok(w, 'PutSecretValue', { SecretId: 'rot', SecretString: 'v2', ClientRequestToken: TOKEN(12) });
    await fails(w, 'PutSecretValue', { SecretId: 'rot', SecretString: 'other', ClientRequestToken: TOKEN(12) }, 'ResourceExistsException');
    // A pending version, then the finishSecret move.
    await ok(w, 'PutSecretValue', { SecretId: 'rot', SecretString: 'v3', ClientRequestToken: TOKEN(13), VersionStages: ['AWSPENDING'] });
    assert.equal((await ok(w, 'GetSecretValue', { SecretId: 'rot' })).SecretString, 'v2');
    assert.equal((await ok(w, 'GetSecretValue', { SecretId: 'rot', VersionStage: 'AWSPENDING' })).SecretString, 'v3');
    assert.equal((await ok(w, 'GetSecretValue', { SecretId: 'rot', VersionId: TOKEN(11) })).SecretString, 'v1');
    await fails(w, 'UpdateSecretVersionStage', { SecretId: 'rot', VersionStage: 'AWSCURRENT', MoveToVersionId: TOKEN(13) }, 'InvalidParameterException');
    await ok(w, 'UpdateSecretVersionStage', { SecretId: 'rot', VersionStage: 'AWSCURRENT', MoveToVersionId: TOKEN(13), RemoveFromVersionId: TOKEN(12) });
    d = await ok(w, 'DescribeSecret', { SecretId: 'rot' });
    assert.deepEqual(d.VersionIdsToStages, { [TOKEN(12)]: ['AWSPREVIOUS'], [TOKEN(13)]: ['AWSPENDING', 'AWSCURRENT'] });
    await ok(w, 'UpdateSecretVersionStage', { SecretId: 'rot', VersionStage: 'AWSPENDING', RemoveFromVersionId: TOKEN(13) });
    assert.equal((await ok(w, 'GetSecretValue', { SecretId: 'rot' })).SecretString, 'v3');
    const l = await ok(w, 'ListSecretVersionIds', { SecretId: 'rot' });
    assert.deepEqual(l.Versions.map((v: any) => v.VersionId).sort(), [TOKEN(12), TOKEN(13)]);
    const all = await ok(w, 'ListSecretVersionIds', { SecretId: 'rot', IncludeDeprecated: true, MaxResults: 2 });
    assert.equal(all.Versions.length, 2);
    const rest = await ok(w, 'ListSecretVersionIds', { SecretId: 'rot', IncludeDeprecated: true, NextToken: all.NextToken });
    assert.equal(rest.Versions.length, 1);
    await fails(w, 'GetSecretValue', { SecretId: 'rot', VersionStage: 'NOPE' }, 'ResourceNotFoundException');
  });

  it('UpdateSecret, tags, ListSecrets filters, sort and paging', async () => {
    await ok(w, 'CreateSecret', { Name: 'list/a', SecretString: 'a', Description: 'alpha one' });
    await ok(w, 'CreateSecret', { Name: 'list/b', SecretString: 'b', Tags: [{ Key: 'env', Value: 'prod' }] });
    const u = await ok(w, 'UpdateSecret', { SecretId: 'list/a', Description: 'alpha two', SecretString: 'a2' });
    assert.ok(u.VersionId);
    assert.equal((await ok(w, 'GetSecretValue', { SecretId: 'list/a' })).SecretString, 'a2');
    await ok(w, 'TagResource', { SecretId: 'list/a', Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'x', Value: '1' }] });
    await ok(w, 'UntagResource', { SecretId: 'list/a', TagKeys: ['x'] });
    assert.deepEqual((await ok(w, 'DescribeSecret', { SecretId: 'list/a' })).Tags, [{ Key: 'env', Value: 'dev' }]);
    const byName = await ok(w, 'ListSecrets', { Filters: [{ Key: 'name', Values: ['list/'] }], SortOrder: 'asc' });
    assert.deepEqual(byName.SecretList.map((s: any) => s.Name), ['list/a', 'list/b']);
    const byTag = await ok(w, 'ListSecrets', { Filters: [{ Key: 'tag-value', Values: ['prod'] }] });
    assert.deepEqual(byTag.SecretList.map((s: any) => s.Name), ['list/b']);
    const byDesc = await ok(w, 'ListSecrets', { Filters: [{ Key: 'description', Values: ['ALPHA'] }] });
    assert.deepEqual(byDesc.SecretList.map((s: any) => s.Name), ['list/a']);
    const byAll = await ok(w, 'ListSecrets', { Filters: [{ Key: 'all', Values: ['prod'] }] });
    assert.deepEqual(byAll.SecretList.map((s: any) => s.Name), ['list/b']);
    const first = await ok(w, 'ListSecrets', { MaxResults: 1, Filters: [{ Key: 'name', Values: ['list/'] }] });
    assert.equal(first.SecretList.length, 1);
    assert.ok(first.NextToken);
    const second = await ok(w, 'ListSecrets', { MaxResults: 1, NextToken: first.NextToken, Filters: [{ Key: 'name', Values: ['list/'] }] });
    assert.notEqual(second.SecretList[0].Name, first.SecretList[0].Name);
    assert.ok(byTag.SecretList[0].SecretVersionsToStages);
    await fails(w, 'ListSecrets', { NextToken: 'garbage!' }, 'InvalidNextTokenException');
  });

  it('DeleteSecret, access while pending deletion, RestoreSecret, ForceDelete', async () => {
    await ok(w, 'CreateSecret', { Name: 'gone', SecretString: 'g' });
    const del = await ok(w, 'DeleteSecret', { SecretId: 'gone', RecoveryWindowInDays: 7 });
    assert.ok(del.DeletionDate > Date.now() / 1000 + 6 * 86400);
    const msg = "You can't perform this operation on the secret because it was marked for deletion.";
    await fails(w, 'GetSecretValue', { SecretId: 'gone' }, 'InvalidRequestException', msg);
    await fails(w, 'PutSecretValue', { SecretId: 'gone', SecretString: 'x' }, 'InvalidRequestException', msg);
    assert.ok((await ok(w, 'DescribeSecret', { SecretId: 'gone' })).DeletedDate);
    const names = (await ok(w, 'ListSecrets', {})).SecretList.map((s: any) => s.Name);
    assert.ok(!names.includes('gone'));
    assert.ok((await ok(w, 'ListSecrets', { IncludePlannedDeletion: true })).SecretList.some((s: any) => s.Name === 'gone'));
    await ok(w, 'RestoreSecret', { SecretId: 'gone' });
    assert.equal((await ok(w, 'GetSecretValue', { SecretId: 'gone' })).SecretString, 'g');
    await ok(w, 'DeleteSecret', { SecretId: 'gone', ForceDeleteWithoutRecovery: true });
    await fails(w, 'DescribeSecret', { SecretId: 'gone' }, 'ResourceNotFoundException', NOT_FOUND);
    await ok(w, 'CreateSecret', { Name: 'gone', SecretString: 'again' });
  });

  it('GetRandomPassword options', async () => {
    const p = await ok(w, 'GetRandomPassword', {});
    assert.equal(p.RandomPassword.length, 32);
    const digits = await ok(w, 'GetRandomPassword', { PasswordLength: 50, ExcludeLowercase: true, ExcludeUppercase: true, ExcludePunctuation: true });
    assert.match(digits.RandomPassword, /^[0-9]{50}$/);
    const spaced = await ok(w, 'GetRandomPassword', { PasswordLength: 5, ExcludeCharacters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', ExcludePunctuation: true, IncludeSpace: true });
    assert.equal(spaced.RandomPassword, '     ');
    const each = await ok(w, 'GetRandomPassword', { PasswordLength: 4, ExcludePunctuation: true, IncludeSpace: false });
    assert.match(each.RandomPassword, /[a-z]/);
    assert.match(each.RandomPassword, /[A-Z]/);
    assert.match(each.RandomPassword, /[0-9]/);
    await fails(w, 'GetRandomPassword', { ExcludeLowercase: true, ExcludeUppercase: true, ExcludeNumbers: true, ExcludePunctuation: true }, 'InvalidParameterException');
    const ev = await w.lastEvent('GetRandomPassword');
    assert.ok(!JSON.stringify(ev).includes(each.RandomPassword));
  });

  it('resource policies', async () => {
    await ok(w, 'CreateSecret', { Name: 'pol', SecretString: 'p' });
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'secretsmanager:DescribeSecret', Resource: '*' }] });
    await ok(w, 'PutResourcePolicy', { SecretId: 'pol', ResourcePolicy: policy });
    assert.equal((await ok(w, 'GetResourcePolicy', { SecretId: 'pol' })).ResourcePolicy, policy);
    await fails(w, 'PutResourcePolicy', { SecretId: 'pol', ResourcePolicy: '{not json' }, 'MalformedPolicyDocumentException');
    const pub = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:*', Resource: '*' }] });
    await fails(w, 'PutResourcePolicy', { SecretId: 'pol', ResourcePolicy: pub, BlockPublicPolicy: true }, 'PublicPolicyException');
    await ok(w, 'DeleteResourcePolicy', { SecretId: 'pol' });
    assert.equal((await ok(w, 'GetResourcePolicy', { SecretId: 'pol' })).ResourcePolicy, undefined);
  });

  it("another account's root is denied", async () => {
    const c = await ok(w, 'CreateSecret', { Name: 'mine', SecretString: 'm' });
    await fails(w, 'GetSecretValue', { SecretId: c.ARN }, 'AccessDeniedException', undefined, OTHER);
    await fails(w, 'DescribeSecret', { SecretId: c.ARN }, 'AccessDeniedException', undefined, OTHER);
    // Its own account has no such secret.
    await fails(w, 'GetSecretValue', { SecretId: 'mine' }, 'ResourceNotFoundException', NOT_FOUND, OTHER);
  });

  it('a resource policy shares a secret, but aws/secretsmanager cannot be used cross-account', async () => {
    const c = await ok(w, 'CreateSecret', { Name: 'shared', SecretString: 's' });
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: '*' }] });
    await ok(w, 'PutResourcePolicy', { SecretId: 'shared', ResourcePolicy: policy });
    const d = await call(w, 'DescribeSecret', { SecretId: c.ARN }, OTHER);
    assert.equal(d.status, 200, JSON.stringify(d.body));
    await fails(w, 'GetSecretValue', { SecretId: c.ARN }, 'AccessDeniedException', 'Access to KMS is not allowed', OTHER);
  });

  it('a customer key: the caller must be allowed; a disabled key makes GetSecretValue fail', async () => {
    const key = (await kms(w, 'CreateKey', {})).KeyMetadata;
    await ok(w, 'CreateSecret', { Name: 'cmk', SecretString: 'c', KmsKeyId: key.Arn });
    assert.equal((await ok(w, 'DescribeSecret', { SecretId: 'cmk' })).KmsKeyId, key.Arn);
    const g = await call(w, 'GetSecretValue', { SecretId: 'cmk' });
    assert.equal(g.body.SecretString, 'c');
    const ev = await w.eventFor(g.requestId);
    const decisions = ev.additionalEventData.warden.authorization;
    assert.ok(JSON.stringify(decisions).includes('kms:Decrypt'));
    await kms(w, 'DisableKey', { KeyId: key.KeyId });
    await fails(w, 'GetSecretValue', { SecretId: 'cmk' }, 'DecryptionFailure');
    await fails(w, 'PutSecretValue', { SecretId: 'cmk', SecretString: 'new' }, 'EncryptionFailure');
    await kms(w, 'EnableKey', { KeyId: key.KeyId });
    // A key policy that does not let the account use the key.
    const locked = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' },
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:GenerateDataKey', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } },
      ],
    });
    const k2 = (await kms(w, 'CreateKey', { Policy: locked })).KeyMetadata;
    await fails(w, 'CreateSecret', { Name: 'denied', SecretString: 'd', KmsKeyId: k2.KeyId }, 'AccessDeniedException', 'Access to KMS is not allowed');
    await fails(w, 'DescribeSecret', { SecretId: 'denied' }, 'ResourceNotFoundException');
  });

  it('audit events never contain the value; GetSecretValue responseElements are null', async () => {
    const secret = 'audit-plaintext-XYZ-123';
    const c = await call(w, 'CreateSecret', { Name: 'aud', SecretString: secret });
    const p = await call(w, 'PutSecretValue', { SecretId: 'aud', SecretString: secret + '2' });
    const g = await call(w, 'GetSecretValue', { SecretId: 'aud' });
    for (const a of [c, p, g]) {
      const ev = await w.eventFor(a.requestId);
      assert.equal(ev.eventSource, 'secretsmanager.amazonaws.com');
      const json = JSON.stringify(ev);
      assert.ok(!json.includes(secret), `${ev.eventName} holds the value`);
      assert.ok(!json.includes(Buffer.from(secret).toString('base64')));
    }
    const gev = await w.eventFor(g.requestId);
    assert.equal(gev.eventName, 'GetSecretValue');
    assert.equal(gev.readOnly, true);
    assert.equal(gev.responseElements, null);
    assert.deepEqual(gev.requestParameters, { secretId: 'aud' });
    const cev = await w.eventFor(c.requestId);
    assert.equal(cev.requestParameters.name, 'aud');
    assert.equal(cev.requestParameters.secretString, undefined);
  });
});

describe('Secrets Manager on disk', () => {
  it('persists across restart; the sqlite file never holds the plaintext', async () => {
    const dir = tempDir();
    const secret = 'disk-plaintext-QQQ-987654';
    try {
      let w = await startTestWarden(['--data-dir', dir.path, '--in-memory=false']);
      await ok(w, 'CreateSecret', { Name: 'persist', SecretString: secret });
      await ok(w, 'PutSecretValue', { SecretId: 'persist', SecretString: secret + '-v2' });
      await w.stop();
      for (const f of readdirSync(dir.path)) {
        const bytes = readFileSync(join(dir.path, f));
        assert.ok(!bytes.includes(Buffer.from(secret)), `${f} holds the plaintext`);
        assert.ok(!bytes.includes(Buffer.from(Buffer.from(secret).toString('base64'))), `${f} holds the plaintext in base64`);
      }
      w = await startTestWarden(['--data-dir', dir.path, '--in-memory=false']);
      assert.equal((await ok(w, 'GetSecretValue', { SecretId: 'persist' })).SecretString, secret + '-v2');
      assert.equal((await ok(w, 'GetSecretValue', { SecretId: 'persist', VersionStage: 'AWSPREVIOUS' })).SecretString, secret);
      await w.stop();
    } finally {
      dir.remove();
    }
  });
});
