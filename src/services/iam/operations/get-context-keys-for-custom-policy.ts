// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetContextKeysForCustomPolicy.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { checkDocuments, contextKeyNames } from '../simulator.js';

type Op = Operations['GetContextKeysForCustomPolicy'];

export const getContextKeysForCustomPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'GetContextKeysForCustomPolicy',
  actions: ['iam:GetContextKeysForCustomPolicy'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:GetContextKeysForCustomPolicy', resource: '*' });
    checkDocuments(input.PolicyInputList, 'managed');
    return { ContextKeyNames: contextKeyNames(input.PolicyInputList) };
  },
});
