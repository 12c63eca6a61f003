// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html
import { defineOperation } from '../../../core/operation.js';
import { checkManagedDocument } from '../documents.js';
import { authorizedPolicy } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { addVersion, ownPolicy } from '../policies.js';
import { responseAudit } from '../shapes.js';
import { iamState } from '../state.js';

type Op = Operations['CreatePolicyVersion'];

export const createPolicyVersion = defineOperation<Op['input'], Op['output']>({
  name: 'CreatePolicyVersion',
  actions: ['iam:CreatePolicyVersion'],
  readOnly: false,
  audit: { response: responseAudit('CreatePolicyVersionResponse') },
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const p = await authorizedPolicy(ctx, s, input.PolicyArn, 'iam:CreatePolicyVersion');
    const rec = ownPolicy(ctx, p, 'iam:CreatePolicyVersion');
    checkManagedDocument(input.PolicyDocument);
    const setAsDefault = input.SetAsDefault === true;
    const { rec: next, version } = addVersion(rec, input.PolicyDocument, setAsDefault, ctx.clock.now());
    s.put('policy', next);
    // The response carries no Document (recorded).
    return { PolicyVersion: { VersionId: version.id, IsDefaultVersion: setAsDefault, CreateDate: new Date(version.createdMs) } };
  },
});
