// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccessKeyLastUsed.html
import { readLastUse, readUserAccessKey } from '../../../auth/credentials.js';
import { defineOperation } from '../../../core/operation.js';
import { entityArn } from '../arns.js';
import { lastUsedDenied } from '../errors.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['GetAccessKeyLastUsed'];

export const getAccessKeyLastUsed = defineOperation<Op['input'], Op['output']>({
  name: 'GetAccessKeyLastUsed',
  actions: ['iam:GetAccessKeyLastUsed'],
  readOnly: true,
  async handler(input, ctx) {
    const key = await readUserAccessKey(ctx.tx, input.AccessKeyId);
    // A key that is not there (or not this account's) is answered as a denial (recorded).
    if (key === undefined || key.account !== ctx.account) throw lastUsedDenied(ctx.principal.arn, input.AccessKeyId);
    await ctx.authorize({ action: 'iam:GetAccessKeyLastUsed', resource: entityArn(ctx.account, 'user', key.userPath, key.userName) });
    const use = await readLastUse(ctx.tx, input.AccessKeyId);
    // A key never used: ServiceName and Region "N/A", no LastUsedDate (recorded).
    const AccessKeyLastUsed = use === undefined ? { ServiceName: 'N/A', Region: 'N/A' } : { LastUsedDate: new Date(use.lastUsedMs), ServiceName: use.service, Region: use.region };
    return { UserName: key.userName, AccessKeyLastUsed };
  },
});
