// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['GetCallerIdentity'];

export const getCallerIdentity = defineOperation<Op['input'], Op['output']>({
  name: 'GetCallerIdentity',
  actions: [],
  readOnly: true,
  // "No permissions are required to perform this operation. If an administrator attaches a
  // policy to your identity that explicitly denies access to the sts:GetCallerIdentity action,
  // you can still perform this operation." (API reference)
  noAuthorization: 'AWS answers GetCallerIdentity without any permission check, even under an explicit deny',
  async handler(_input, ctx) {
    return { UserId: ctx.principal.principalId, Account: ctx.principal.account, Arn: ctx.principal.arn };
  },
});
