// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedPolicy } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { policyShape } from '../shapes.js';
import { iamState } from '../state.js';

type Op = Operations['GetPolicy'];

export const getPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'GetPolicy',
  actions: ['iam:GetPolicy'],
  readOnly: true,
  async handler(input, ctx) {
    const p = await authorizedPolicy(ctx, iamState(ctx.tx, ctx.account), input.PolicyArn, 'iam:GetPolicy');
    return { Policy: policyShape(p, 'get') };
  },
});
