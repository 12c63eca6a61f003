// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetContextKeysForPrincipalPolicy.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { checkDocuments, contextKeyNames } from '../simulator.js';
import { policySource } from './simulate-principal-source.js';

type Op = Operations['GetContextKeysForPrincipalPolicy'];

/** The entity's identity policies (a user's with its groups') and any PolicyInputList. */
// unverified: whether AWS also lists the keys of the entity's permissions boundary (Warden does not).
export const getContextKeysForPrincipalPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'GetContextKeysForPrincipalPolicy',
  actions: ['iam:GetContextKeysForPrincipalPolicy'],
  readOnly: true,
  async handler(input, ctx) {
    const source = await policySource(ctx, input.PolicySourceArn, 'iam:GetContextKeysForPrincipalPolicy');
    checkDocuments(input.PolicyInputList, 'managed');
    return { ContextKeyNames: contextKeyNames([...source.identity.map((p) => p.ref.document), ...(input.PolicyInputList ?? [])]) };
  },
});
