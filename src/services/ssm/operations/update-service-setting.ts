// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_UpdateServiceSetting.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { checkSettingValue, settingArn, settingId, settingResource } from '../settings.js';
import { PARAMETER_CODEC_VERSION, putSetting } from '../state.js';

type Op = Operations['UpdateServiceSetting'];

export const updateServiceSetting = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateServiceSetting',
  actions: ['ssm:UpdateServiceSetting'],
  readOnly: false,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'ssm:UpdateServiceSetting', resource: settingResource(ctx, input.SettingId) });
    const id = settingId(ctx, input.SettingId);
    checkSettingValue(id, input.SettingValue);
    ctx.audit.addResource(settingArn(ctx, id), 'AWS::SSM::ServiceSetting');
    putSetting(ctx, { v: PARAMETER_CODEC_VERSION, id, value: input.SettingValue, modifiedMs: ctx.clock.now(), user: ctx.principal.arn });
    return {};
  },
});
