import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetParameterCommand, GetServiceSettingCommand, PutParameterCommand, ResetServiceSettingCommand, UpdateServiceSettingCommand } from '@aws-sdk/client-ssm';
import { ACCOUNT, rejects, useWarden } from './helpers.js';

const TIER = '/ssm/parameter-store/default-parameter-tier';
const THROUGHPUT = '/ssm/parameter-store/high-throughput-enabled';
const arnOf = (id: string) => `arn:aws:ssm:us-east-1:${ACCOUNT}:servicesetting${id}`;

describe('ssm service settings and parameter tiers', () => {
  const t = useWarden();

  it('GetServiceSetting answers the defaults; Update customizes; Reset restores; by id or ARN', async () => {
    const d = (await t.ssm.send(new GetServiceSettingCommand({ SettingId: THROUGHPUT }))).ServiceSetting!;
    assert.deepEqual([d.SettingId, d.SettingValue, d.ARN, d.Status], [THROUGHPUT, 'false', arnOf(THROUGHPUT), 'Default']);
    await t.ssm.send(new UpdateServiceSettingCommand({ SettingId: arnOf(THROUGHPUT), SettingValue: 'true' }));
    const u = (await t.ssm.send(new GetServiceSettingCommand({ SettingId: arnOf(THROUGHPUT) }))).ServiceSetting!;
    assert.deepEqual([u.SettingValue, u.Status, u.LastModifiedUser], ['true', 'Customized', `arn:aws:iam::${ACCOUNT}:root`]);
    assert.ok(u.LastModifiedDate instanceof Date);
    const ev = await t.w.lastEvent('UpdateServiceSetting');
    assert.deepEqual(ev.requestParameters, { settingId: arnOf(THROUGHPUT), settingValue: 'true' });
    assert.deepEqual(ev.resources, [{ ARN: arnOf(THROUGHPUT), accountId: ACCOUNT, type: 'AWS::SSM::ServiceSetting' }]);
    const r = (await t.ssm.send(new ResetServiceSettingCommand({ SettingId: THROUGHPUT }))).ServiceSetting!;
    assert.deepEqual([r.SettingValue, r.Status], ['false', 'Default']);
  });

  it('errors: unknown setting → ServiceSettingNotFound; bad value → ValidationException, setting unchanged; other accounts denied', async () => {
    await rejects(t.ssm.send(new GetServiceSettingCommand({ SettingId: '/ssm/parameter-store/nope' })), 'ServiceSettingNotFound');
    await rejects(t.ssm.send(new UpdateServiceSettingCommand({ SettingId: '/ssm/nope', SettingValue: 'x' })), 'ServiceSettingNotFound');
    await rejects(t.ssm.send(new ResetServiceSettingCommand({ SettingId: '/ssm/nope' })), 'ServiceSettingNotFound');
    await rejects(t.ssm.send(new UpdateServiceSettingCommand({ SettingId: TIER, SettingValue: 'Premium' })), 'ValidationException');
    await rejects(t.ssm.send(new UpdateServiceSettingCommand({ SettingId: THROUGHPUT, SettingValue: 'yes' })), 'ValidationException');
    assert.equal((await t.ssm.send(new GetServiceSettingCommand({ SettingId: TIER }))).ServiceSetting!.SettingValue, 'Standard');
    await rejects(t.other.send(new UpdateServiceSettingCommand({ SettingId: arnOf(TIER), SettingValue: 'Advanced' })), 'AccessDeniedException', /ssm:UpdateServiceSetting/);
    assert.equal((await t.w.lastEvent('UpdateServiceSetting')).errorCode, 'AccessDeniedException');
  });

  it('PutParameter honours the default tier; Intelligent-Tiering picks Advanced only when needed; no downgrade', async () => {
    await t.ssm.send(new UpdateServiceSettingCommand({ SettingId: TIER, SettingValue: 'Advanced' }));
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/tier/a', Value: 'small', Type: 'String' }))).Tier, 'Advanced');
    await t.ssm.send(new UpdateServiceSettingCommand({ SettingId: TIER, SettingValue: 'Intelligent-Tiering' }));
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/tier/b', Value: 'small', Type: 'String' }))).Tier, 'Standard');
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/tier/c', Value: 'x'.repeat(4097), Type: 'String' }))).Tier, 'Advanced');
    await t.ssm.send(new ResetServiceSettingCommand({ SettingId: TIER }));
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/tier/d', Value: 'small', Type: 'String' }))).Tier, 'Standard');
    // An Advanced parameter stays Advanced when overwritten without a tier, and refuses Standard.
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/tier/a', Value: 'v2', Overwrite: true }))).Tier, 'Advanced');
    await rejects(
      t.ssm.send(new PutParameterCommand({ Name: '/tier/a', Value: 'v3', Overwrite: true, Tier: 'Standard' })),
      'ValidationException',
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.",
    );
    assert.equal((await t.ssm.send(new GetParameterCommand({ Name: '/tier/a' }))).Parameter!.Value, 'v2');
    // Standard → Advanced is allowed.
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/tier/d', Value: 'v2', Overwrite: true, Tier: 'Advanced' }))).Tier, 'Advanced');
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/tier/e', Value: 'x'.repeat(8193), Type: 'String', Tier: 'Advanced' })), 'ValidationException', 'Advanced tier parameters support a maximum parameter value of 8192 characters.');
  });
});
