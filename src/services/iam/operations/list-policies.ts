// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicies.html
import { defineOperation } from '../../../core/operation.js';
import { policyListResource } from '../arns.js';
import { allManagedPolicies, attachmentCount, boundaryCount, type ManagedPolicy } from '../managed.js';
import type { ListPoliciesRequest, Operations } from '../model.gen.js';
import { pageFields, paginate } from '../paging.js';
import { policyShape } from '../shapes.js';
import { iamState } from '../state.js';

type Op = Operations['ListPolicies'];

function wanted(p: ManagedPolicy, input: ListPoliciesRequest): boolean {
  const scope = input.Scope ?? 'All';
  if ((scope === 'AWS' && !p.aws) || (scope === 'Local' && p.aws)) return false;
  if (!p.path.startsWith(input.PathPrefix ?? '/')) return false;
  if (input.OnlyAttached === true && attachmentCount(p.usage) === 0) return false;
  if (input.PolicyUsageFilter === 'PermissionsPolicy' && attachmentCount(p.usage) === 0) return false;
  if (input.PolicyUsageFilter === 'PermissionsBoundary' && boundaryCount(p.usage) === 0) return false;
  return true;
}

export const listPolicies = defineOperation<Op['input'], Op['output']>({
  name: 'ListPolicies',
  actions: ['iam:ListPolicies'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:ListPolicies', resource: policyListResource(input.PathPrefix) });
    // Differs from AWS: Scope All/AWS lists the AWS managed policies Warden ships (a few), not AWS's ~1,300.
    const policies = (await allManagedPolicies(iamState(ctx.tx, ctx.account))).filter((p) => wanted(p, input));
    const page = paginate(policies, (p) => `${p.aws ? 0 : 1}:${p.name.toLowerCase()}`, input);
    return { Policies: page.items.map((p) => policyShape(p, 'list')), ...pageFields(page) };
  },
});
