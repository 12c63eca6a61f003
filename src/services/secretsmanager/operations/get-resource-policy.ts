// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetResourcePolicy.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { loadAuthorized } from '../secrets.js';

type Op = Operations['GetResourcePolicy'];

export const getResourcePolicy = defineOperation<Op['input'], Op['output']>({
  name: 'GetResourcePolicy',
  actions: ['secretsmanager:GetResourcePolicy'],
  readOnly: true,
  async handler(input, ctx) {
    const { rec } = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:GetResourcePolicy');
    return { ARN: rec.arn, Name: rec.name, ...(rec.policy !== undefined ? { ResourcePolicy: rec.policy } : {}) };
  },
});
