// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html
import { defineOperation } from '../../../core/operation.js';
import { urlEncode } from '../documents.js';
import { authorizedPolicy } from '../entities.js';
import { policyVersionNotFound } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { findVersion } from '../policies.js';
import { iamState } from '../state.js';

type Op = Operations['GetPolicyVersion'];

export const getPolicyVersion = defineOperation<Op['input'], Op['output']>({
  name: 'GetPolicyVersion',
  actions: ['iam:GetPolicyVersion'],
  readOnly: true,
  async handler(input, ctx) {
    // A missing policy answers like a missing version (recorded).
    const p = await authorizedPolicy(ctx, iamState(ctx.tx, ctx.account), input.PolicyArn, 'iam:GetPolicyVersion', (arn) => policyVersionNotFound(arn, input.VersionId));
    const v = findVersion(p, input.VersionId);
    return { PolicyVersion: { Document: urlEncode(v.document), VersionId: v.id, IsDefaultVersion: v.id === p.defaultVersion, CreateDate: new Date(v.createdMs) } };
  },
});
