// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetRandomPassword.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { randomPassword } from '../password.js';

type Op = Operations['GetRandomPassword'];

export const getRandomPassword = defineOperation<Op['input'], Op['output']>({
  name: 'GetRandomPassword',
  actions: ['secretsmanager:GetRandomPassword'],
  readOnly: true,
  // The password is `sensitive` in the model: never in the log.
  audit: { response: () => null },
  async handler(input, ctx) {
    await ctx.authorize({ action: 'secretsmanager:GetRandomPassword', resource: '*' });
    return { RandomPassword: randomPassword(input) };
  },
});
