import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AWS_CLIS, awsJson } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';

describe('ssm with the aws CLI', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden();
  });
  after(() => w.stop());

  const aws = (args: string[], bin = 'aws'): Promise<any> => awsJson(w.url, args, { cli: bin });

  it('put-parameter SecureString, get-parameter --with-decryption', async () => {
    const put = await aws(['ssm', 'put-parameter', '--name', '/cli/pw', '--type', 'SecureString', '--value', 'cli-secret']);
    assert.deepEqual(put, { Version: 1, Tier: 'Standard' });
    const got = await aws(['ssm', 'get-parameter', '--name', '/cli/pw', '--with-decryption']);
    assert.equal(got.Parameter.Value, 'cli-secret');
    assert.equal(got.Parameter.Type, 'SecureString');
    const enc = await aws(['ssm', 'get-parameter', '--name', '/cli/pw']);
    assert.notEqual(enc.Parameter.Value, 'cli-secret');
    await assert.rejects(aws(['ssm', 'get-parameter', '--name', '/cli/none']), (e: Error) => /ParameterNotFound/.test(String((e as { stderr?: string }).stderr)));
  });

  for (const bin of AWS_CLIS) {
    it(`${bin}: tags, public parameters, service settings, describe-parameters filters`, async () => {
      const name = `/cli/tagged-${bin.length}`;
      await aws(['ssm', 'put-parameter', '--name', name, '--type', 'String', '--value', 'v', '--tags', 'Key=team,Value=blue'], bin);
      await aws(['ssm', 'add-tags-to-resource', '--resource-type', 'Parameter', '--resource-id', name, '--tags', 'Key=env,Value=dev'], bin);
      const tags = await aws(['ssm', 'list-tags-for-resource', '--resource-type', 'Parameter', '--resource-id', name], bin);
      assert.deepEqual(tags.TagList, [{ Key: 'team', Value: 'blue' }, { Key: 'env', Value: 'dev' }]);
      const d = await aws(['ssm', 'describe-parameters', '--parameter-filters', 'Key=tag:env,Values=dev', `Key=Name,Values=${name}`], bin);
      assert.deepEqual(d.Parameters.map((p: any) => p.Name), [name]);
      await aws(['ssm', 'remove-tags-from-resource', '--resource-type', 'Parameter', '--resource-id', name, '--tag-keys', 'team'], bin);
      assert.deepEqual((await aws(['ssm', 'list-tags-for-resource', '--resource-type', 'Parameter', '--resource-id', name], bin)).TagList, [{ Key: 'env', Value: 'dev' }]);
      // The CLI follows NextToken itself: all 25 Regions.
      const regions = await aws(['ssm', 'get-parameters-by-path', '--path', '/aws/service/global-infrastructure/regions'], bin);
      assert.equal(regions.Parameters.length, 25);
      const setting = await aws(['ssm', 'get-service-setting', '--setting-id', '/ssm/parameter-store/default-parameter-tier'], bin);
      assert.deepEqual([setting.ServiceSetting.SettingValue, setting.ServiceSetting.Status], ['Standard', 'Default']);
      await assert.rejects(
        aws(['ssm', 'add-tags-to-resource', '--resource-type', 'Parameter', '--resource-id', '/cli/none', '--tags', 'Key=a,Value=b'], bin),
        (e: Error) => /InvalidResourceId/.test(String((e as { stderr?: string }).stderr)),
      );
    });
  }
});
