// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicyVersions.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedPolicy } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { pageFields, paginate, sortByKey } from '../paging.js';
import { versionKey } from '../policies.js';
import { iamState } from '../state.js';

type Op = Operations['ListPolicyVersions'];

export const listPolicyVersions = defineOperation<Op['input'], Op['output']>({
  name: 'ListPolicyVersions',
  actions: ['iam:ListPolicyVersions'],
  readOnly: true,
  async handler(input, ctx) {
    const p = await authorizedPolicy(ctx, iamState(ctx.tx, ctx.account), input.PolicyArn, 'iam:ListPolicyVersions');
    const page = paginate(sortByKey(p.versions, versionKey), versionKey, input);
    // Without documents, newest first (recorded).
    const Versions = page.items.map((v) => ({ VersionId: v.id, IsDefaultVersion: v.id === p.defaultVersion, CreateDate: new Date(v.createdMs) }));
    return { Versions, ...pageFields(page) };
  },
});
