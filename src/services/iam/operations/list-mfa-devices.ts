// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListMFADevices.html
import { rootArn } from '../../../core/arn.js';
import { defineOperation } from '../../../core/operation.js';
import { authorizedEntity } from '../entities.js';
import { devicesOf } from '../mfa.js';
import type { Operations } from '../model.gen.js';
import { pageFields, paginate, sortByKey } from '../paging.js';
import { iamState } from '../state.js';

type Op = Operations['ListMFADevices'];

export const listMFADevices = defineOperation<Op['input'], Op['output']>({
  name: 'ListMFADevices',
  actions: ['iam:ListMFADevices'],
  readOnly: true,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const p = ctx.principal;
    const userName = input.UserName ?? (p.type === 'IAMUser' ? p.userName : undefined);
    if (userName === undefined) {
      // Without UserName AWS lists the calling root user's devices, which are enabled in the
      // console only: Warden has none to list.
      await ctx.authorize({ action: 'iam:ListMFADevices', resource: rootArn(ctx.account) });
      return { MFADevices: [], IsTruncated: false };
    }
    const user = await authorizedEntity(ctx, s, 'user', userName, 'iam:ListMFADevices');
    const page = paginate(sortByKey(await devicesOf(s, user.name), (d) => d.arn), (d) => d.arn, input);
    return { MFADevices: page.items.map((d) => ({ UserName: user.name, SerialNumber: d.arn, EnableDate: new Date(d.enabledMs ?? d.createdMs) })), ...pageFields(page) };
  },
});
