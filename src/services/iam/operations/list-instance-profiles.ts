// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListInstanceProfiles.html
import { defineOperation } from '../../../core/operation.js';
import { profileShape } from '../instance-profiles.js';
import type { InstanceProfile, Operations } from '../model.gen.js';
import { pageFields, paginate } from '../paging.js';
import { iamState } from '../state.js';

type Op = Operations['ListInstanceProfiles'];

export const listInstanceProfiles = defineOperation<Op['input'], Op['output']>({
  name: 'ListInstanceProfiles',
  actions: ['iam:ListInstanceProfiles'],
  readOnly: true,
  async handler(input, ctx) {
    const prefix = input.PathPrefix ?? '/';
    // As ListUsers and ListRoles: the kind's ARN with the path prefix.
    await ctx.authorize({ action: 'iam:ListInstanceProfiles', resource: `arn:aws:iam::${ctx.account}:instance-profile${prefix}` });
    const s = iamState(ctx.tx, ctx.account);
    const all = (await s.list('instance-profile')).filter((p) => p.path.startsWith(prefix));
    const page = paginate(all, (p) => p.name.toLowerCase(), input);
    const out: InstanceProfile[] = [];
    for (const p of page.items) out.push(await profileShape(s, p, false));
    return { InstanceProfiles: out, ...pageFields(page) };
  },
});
