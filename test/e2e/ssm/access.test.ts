import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AddTagsToResourceCommand,
  DescribeParametersCommand,
  GetServiceSettingCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  ResetServiceSettingCommand,
  UpdateServiceSettingCommand,
} from '@aws-sdk/client-ssm';
import { ACCOUNT, rejects, userClient, useWarden } from './helpers.js';

describe('ssm operations deny an IAM user without permission, and audit the denial', () => {
  const t = useWarden();

  it('every tagging and service-setting operation, and DescribeParameters', async () => {
    await t.ssm.send(new PutParameterCommand({ Name: '/acc/p', Value: 'v', Type: 'String', Tags: [{ Key: 'a', Value: '1' }] }));
    const nobody = await userClient(t.w, 'nobody', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }] });
    const setting = '/ssm/parameter-store/high-throughput-enabled';
    const cases: Array<[string, Promise<unknown>]> = [
      ['AddTagsToResource', nobody.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/acc/p', Tags: [{ Key: 'b', Value: '2' }] }))],
      ['ListTagsForResource', nobody.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/acc/p' }))],
      ['RemoveTagsFromResource', nobody.send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: '/acc/p', TagKeys: ['a'] }))],
      ['GetServiceSetting', nobody.send(new GetServiceSettingCommand({ SettingId: setting }))],
      ['UpdateServiceSetting', nobody.send(new UpdateServiceSettingCommand({ SettingId: setting, SettingValue: 'true' }))],
      ['ResetServiceSetting', nobody.send(new ResetServiceSettingCommand({ SettingId: setting }))],
      ['DescribeParameters', nobody.send(new DescribeParametersCommand({}))],
    ];
    for (const [op, call] of cases) {
      const action = `ssm:${op}`;
      await rejects(call, 'AccessDeniedException', new RegExp(`User: arn:aws:iam::${ACCOUNT}:user/nobody is not authorized to perform: ${action}`));
      const ev = await t.w.lastEvent(op);
      assert.equal(ev.errorCode, 'AccessDeniedException', op);
      assert.equal(ev.userIdentity.arn, `arn:aws:iam::${ACCOUNT}:user/nobody`);
    }
    // Nothing changed.
    const tags = await t.ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/acc/p' }));
    assert.deepEqual(tags.TagList, [{ Key: 'a', Value: '1' }]);
    assert.equal((await t.ssm.send(new GetServiceSettingCommand({ SettingId: setting }))).ServiceSetting!.Status, 'Default');
  });
});
