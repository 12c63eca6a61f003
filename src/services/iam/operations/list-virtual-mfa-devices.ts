// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListVirtualMFADevices.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations, VirtualMFADevice } from '../model.gen.js';
import { pageFields, paginate, sortByKey } from '../paging.js';
import { userShape } from '../shapes.js';
import { iamState } from '../state.js';

type Op = Operations['ListVirtualMFADevices'];

export const listVirtualMFADevices = defineOperation<Op['input'], Op['output']>({
  name: 'ListVirtualMFADevices',
  actions: ['iam:ListVirtualMFADevices'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:ListVirtualMFADevices', resource: '*' });
    const s = iamState(ctx.tx, ctx.account);
    // "If you do not specify an AssignmentStatus, the operation defaults to Any" (API reference).
    const status = input.AssignmentStatus ?? 'Any';
    const devices = (await s.list('mfa')).filter((d) => status === 'Any' || (status === 'Assigned') === (d.user !== undefined));
    const page = paginate(sortByKey(devices, (d) => d.arn), (d) => d.arn, input);
    const out: VirtualMFADevice[] = [];
    for (const d of page.items) {
      const user = d.user === undefined ? undefined : await s.get('user', d.user);
      out.push({
        SerialNumber: d.arn,
        ...(user !== undefined ? { User: userShape(user, 'list') } : {}),
        ...(d.enabledMs !== undefined ? { EnableDate: new Date(d.enabledMs) } : {}),
        ...(d.tags.length > 0 ? { Tags: d.tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {}),
      });
    }
    return { VirtualMFADevices: out, ...pageFields(page) };
  },
});
