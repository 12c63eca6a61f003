// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetUser.html
import { defineOperation } from '../../../core/operation.js';
import { accessKeyUserName, authorizedEntity } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { userShape } from '../shapes.js';
import { iamState } from '../state.js';

type Op = Operations['GetUser'];

export const getUser = defineOperation<Op['input'], Op['output']>({
  name: 'GetUser',
  actions: ['iam:GetUser'],
  readOnly: true,
  async handler(input, ctx) {
    const p = ctx.principal;
    if (input.UserName === undefined && p.type === 'Root') {
      await ctx.authorize({ action: 'iam:GetUser', resource: p.arn });
      // The root user's view: its account id and ARN, no name or path. // unverified (remembered
      // shape of `aws iam get-user` with root credentials)
      // Differs from AWS: GetUser of the root user has no CreateDate (Warden does not know when the account was created).
      return { User: { UserId: p.account, Arn: p.arn } as Op['output']['User'] };
    }
    // Without UserName: the calling user ("IAM determines the user name implicitly based on the
    // AWS access key ID used to sign the request", API reference).
    const name = accessKeyUserName(ctx, input.UserName);
    const user = await authorizedEntity(ctx, iamState(ctx.tx, ctx.account), 'user', name, 'iam:GetUser');
    return { User: userShape(user, 'full') };
  },
});
