// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetServiceSetting.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { settingId, settingResource, settingShape } from '../settings.js';

type Op = Operations['GetServiceSetting'];

export const getServiceSetting = defineOperation<Op['input'], Op['output']>({
  name: 'GetServiceSetting',
  actions: ['ssm:GetServiceSetting'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'ssm:GetServiceSetting', resource: settingResource(ctx, input.SettingId) });
    const id = settingId(ctx, input.SettingId);
    return { ServiceSetting: await settingShape(ctx, id) };
  },
});
