import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, GetParameterHistoryCommand, GetParametersByPathCommand, GetParametersCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { ACCOUNT, rejects, userClient, useWarden } from './helpers.js';

const BASE = '/aws/service/global-infrastructure';

describe('ssm public parameters and Secrets Manager references', () => {
  const t = useWarden();

  it('serves /aws/service/global-infrastructure to every account, owned by AWS', async () => {
    for (const c of [t.ssm, t.other]) {
      const r = (await c.send(new GetParameterCommand({ Name: `${BASE}/regions/eu-west-1` }))).Parameter!;
      assert.deepEqual([r.Name, r.Value, r.Type, r.Version, r.DataType, r.ARN], [`${BASE}/regions/eu-west-1`, 'eu-west-1', 'String', 1, 'text', `arn:aws:ssm:us-east-1::parameter${BASE}/regions/eu-west-1`]);
    }
    assert.equal((await t.ssm.send(new GetParameterCommand({ Name: `${BASE}/regions/us-east-1/longName` }))).Parameter!.Value, 'US East (N. Virginia)');
    assert.equal((await t.ssm.send(new GetParameterCommand({ Name: `${BASE}/regions/us-west-1/services/ssm/endpoint` }))).Parameter!.Value, 'ssm.us-west-1.amazonaws.com');
    assert.equal((await t.ssm.send(new GetParameterCommand({ Name: `arn:aws:ssm:us-east-1::parameter${BASE}/services/kms:1` }))).Parameter!.Selector, ':1');
    const regions: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await t.ssm.send(new GetParametersByPathCommand({ Path: `${BASE}/regions`, ...(NextToken !== undefined ? { NextToken } : {}) }));
      assert.ok(page.Parameters!.length <= 10);
      regions.push(...page.Parameters!.map((p) => p.Value!));
      NextToken = page.NextToken;
    } while (NextToken !== undefined);
    assert.equal(regions.length, 25);
    assert.ok(regions.includes('ap-southeast-2') && regions.includes('us-gov-west-1'));
    const ssmRegions = await t.ssm.send(new GetParametersByPathCommand({ Path: `${BASE}/services/ssm/regions`, MaxResults: 3 }));
    assert.deepEqual(ssmRegions.Parameters!.map((p) => p.Value), ['af-south-1', 'ap-east-1', 'ap-northeast-1']);
    const many = await t.ssm.send(new GetParametersCommand({ Names: [`${BASE}/services/ssm`, `${BASE}/regions/xx-nowhere-1`] }));
    assert.deepEqual([many.Parameters!.map((p) => p.Value), many.InvalidParameters], [['ssm'], [`${BASE}/regions/xx-nowhere-1`]]);
    await rejects(t.ssm.send(new GetParameterCommand({ Name: `${BASE}/regions/xx-nowhere-1` })), 'ParameterNotFound');
    await rejects(t.ssm.send(new GetParameterCommand({ Name: `${BASE}/regions/eu-west-1:2` })), 'ParameterVersionNotFound');
    // Read-only: names under /aws are reserved.
    await rejects(t.ssm.send(new PutParameterCommand({ Name: `${BASE}/regions/eu-west-1`, Value: 'x', Type: 'String', Overwrite: true })), 'ValidationException');
    const hist = await t.ssm.send(new GetParameterHistoryCommand({ Name: `${BASE}/regions/eu-west-1` }));
    assert.deepEqual(hist.Parameters!.map((p) => [p.Version, p.Value]), [[1, 'eu-west-1']]);
    const ev = await t.w.lastEvent('GetParametersByPath');
    assert.equal(ev.requestParameters.path, `${BASE}/services/ssm/regions`);
  });

  it('an IAM user needs ssm:GetParameter on the public parameter ARN', async () => {
    const u = await userClient(t.w, 'pub-reader', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: `arn:aws:ssm:*::parameter${BASE}/regions/*` }] });
    assert.equal((await u.send(new GetParameterCommand({ Name: `${BASE}/regions/sa-east-1` }))).Parameter!.Value, 'sa-east-1');
    await rejects(u.send(new GetParameterCommand({ Name: `${BASE}/services/s3` })), 'AccessDeniedException', /ssm:GetParameter/);
  });

  it('/aws/reference/secretsmanager/<id> returns the secret with decryption, by stage or version id; refuses without it', async () => {
    const sm = t.w.client(SecretsManagerClient);
    const secret = 'ref-secret-value-7788';
    const created = await sm.send(new CreateSecretCommand({ Name: 'app/db', SecretString: secret }));
    const p = (await t.ssm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/app/db', WithDecryption: true }))).Parameter!;
    assert.deepEqual([p.Name, p.Type, p.Value, p.ARN], ['/aws/reference/secretsmanager/app/db', 'SecureString', secret, created.ARN]);
    const source = JSON.parse(p.SourceResult!);
    assert.deepEqual([source.Name, source.SecretString, source.VersionId, source.VersionStages, source.ARN], ['app/db', secret, created.VersionId, ['AWSCURRENT'], created.ARN]);
    const ev = await t.w.lastEvent('GetParameter');
    assert.equal(ev.responseElements, null);
    assert.ok(!JSON.stringify(ev).includes(secret));
    assert.ok(ev.resources.some((r: any) => r.ARN === created.ARN && r.type === 'AWS::SecretsManager::Secret'));
    const v2 = await sm.send(new PutSecretValueCommand({ SecretId: 'app/db', SecretString: 'second' }));
    assert.equal((await t.ssm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/app/db:AWSPREVIOUS', WithDecryption: true }))).Parameter!.Value, secret);
    const byId = (await t.ssm.send(new GetParameterCommand({ Name: `/aws/reference/secretsmanager/app/db:${v2.VersionId}`, WithDecryption: true }))).Parameter!;
    assert.deepEqual([byId.Value, byId.Selector], ['second', `:${v2.VersionId}`]);
    const both = await t.ssm.send(new GetParametersCommand({ Names: ['/aws/reference/secretsmanager/app/db', '/aws/reference/secretsmanager/none'], WithDecryption: true }));
    assert.deepEqual([both.Parameters!.map((x) => x.Value), both.InvalidParameters], [['second'], ['/aws/reference/secretsmanager/none']]);
    await rejects(t.ssm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/app/db' })), 'ValidationException', 'WithDecryption flag must be True for retrieving a Secret Manager secret.');
    await rejects(t.ssm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/none', WithDecryption: true })), 'ParameterNotFound');
    await rejects(t.ssm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/app/db:NOSTAGE', WithDecryption: true })), 'ParameterVersionNotFound');
  });

  it('a referenced secret needs the caller\'s secretsmanager:GetSecretValue', async () => {
    const sm = t.w.client(SecretsManagerClient);
    await sm.send(new CreateSecretCommand({ Name: 'guarded', SecretString: 'g' }));
    const onlySsm = await userClient(t.w, 'only-ssm', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' }] });
    await rejects(onlySsm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/guarded', WithDecryption: true })), 'AccessDeniedException', /secretsmanager:GetSecretValue/);
    const both = await userClient(t.w, 'ssm-and-sm', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ssm:GetParameter', 'secretsmanager:GetSecretValue', 'kms:Decrypt'], Resource: '*' }] });
    assert.equal((await both.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/guarded', WithDecryption: true }))).Parameter!.Value, 'g');
    assert.equal((await t.w.lastEvent('GetParameter')).userIdentity.arn, `arn:aws:iam::${ACCOUNT}:user/ssm-and-sm`);
  });
});
