// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html
import { awsId } from '../../../core/ids.js';
import { defineOperation } from '../../../core/operation.js';
import { entityArn } from '../arns.js';
import { checkManagedDocument } from '../documents.js';
import { policyExists } from '../errors.js';
import { fromRecord } from '../managed.js';
import type { Operations } from '../model.gen.js';
import { policyShape, responseAudit } from '../shapes.js';
import { iamState, NO_USAGE, type PolicyRecord } from '../state.js';
import { authorizeCreate, checkTags, POLICY_TAGS } from '../tags.js';

type Op = Operations['CreatePolicy'];

export const createPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'CreatePolicy',
  actions: ['iam:CreatePolicy', 'iam:TagPolicy'],
  readOnly: false,
  audit: { response: responseAudit('CreatePolicyResponse') },
  async handler(input, ctx) {
    const path = input.Path ?? '/';
    const arn = entityArn(ctx.account, 'policy', path, input.PolicyName);
    await authorizeCreate(ctx, 'iam:CreatePolicy', 'iam:TagPolicy', arn, input.Tags);
    const tags = checkTags(input.Tags, POLICY_TAGS);
    checkManagedDocument(input.PolicyDocument);
    const s = iamState(ctx.tx, ctx.account);
    if ((await s.get('policy', input.PolicyName)) !== undefined) throw policyExists(input.PolicyName);
    const now = ctx.clock.now();
    const rec: PolicyRecord = {
      v: 1,
      id: awsId('ANPA', 21),
      name: input.PolicyName,
      path,
      arn,
      createdMs: now,
      updatedMs: now,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      tags,
      defaultVersion: 'v1',
      nextVersion: 2,
      versions: [{ id: 'v1', document: input.PolicyDocument, createdMs: now }],
      usage: NO_USAGE,
    };
    s.put('policy', rec, true);
    return { Policy: policyShape(fromRecord(rec), 'create') };
  },
});
