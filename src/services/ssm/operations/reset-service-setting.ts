// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_ResetServiceSetting.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { settingArn, settingId, settingResource, settingShape } from '../settings.js';
import { deleteSetting } from '../state.js';

type Op = Operations['ResetServiceSetting'];

export const resetServiceSetting = defineOperation<Op['input'], Op['output']>({
  name: 'ResetServiceSetting',
  actions: ['ssm:ResetServiceSetting'],
  readOnly: false,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'ssm:ResetServiceSetting', resource: settingResource(ctx, input.SettingId) });
    const id = settingId(ctx, input.SettingId);
    ctx.audit.addResource(settingArn(ctx, id), 'AWS::SSM::ServiceSetting');
    deleteSetting(ctx, id);
    // The answer is the setting as it now is: its default.
    return { ServiceSetting: await settingShape(ctx, id) };
  },
});
