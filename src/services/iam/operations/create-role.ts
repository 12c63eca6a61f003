// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
import { awsId } from '../../../core/ids.js';
import { defineOperation } from '../../../core/operation.js';
import { entityArn } from '../arns.js';
import { BOUNDARY_FIELD } from '../attach.js';
import { checkTrustDocument } from '../documents.js';
import { boundaryPolicy } from '../entities.js';
import { entityExists } from '../errors.js';
import { updateUsage, withUsage } from '../managed.js';
import type { Operations } from '../model.gen.js';
import { responseAudit, roleShape } from '../shapes.js';
import { iamState, type RoleRecord } from '../state.js';
import { authorizeCreate, checkTags, ROLE_TAGS } from '../tags.js';

type Op = Operations['CreateRole'];

// "If you do not specify a value for this setting, the default value of one hour is applied" (API reference).
const DEFAULT_MAX_SESSION_DURATION = 3600;

export const createRole = defineOperation<Op['input'], Op['output']>({
  name: 'CreateRole',
  actions: ['iam:CreateRole', 'iam:TagRole'],
  readOnly: false,
  audit: { response: responseAudit('CreateRoleResponse') },
  async handler(input, ctx) {
    const path = input.Path ?? '/';
    const arn = entityArn(ctx.account, 'role', path, input.RoleName);
    // Tagging on creation needs iam:TagRole too (IAM UG, id_tags_roles).
    await authorizeCreate(ctx, 'iam:CreateRole', 'iam:TagRole', arn, input.Tags, input.PermissionsBoundary !== undefined ? { 'iam:PermissionsBoundary': input.PermissionsBoundary } : {});
    const tags = checkTags(input.Tags, ROLE_TAGS);
    checkTrustDocument(input.AssumeRolePolicyDocument);
    const s = iamState(ctx.tx, ctx.account);
    if ((await s.get('role', input.RoleName)) !== undefined) throw entityExists('role', input.RoleName);
    const boundary = input.PermissionsBoundary === undefined ? undefined : await boundaryPolicy(s, input.PermissionsBoundary);
    const rec: RoleRecord = {
      v: 1,
      id: awsId('AROA', 21),
      name: input.RoleName,
      path,
      arn,
      createdMs: ctx.clock.now(),
      trust: input.AssumeRolePolicyDocument,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      maxSessionDuration: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
      ...(boundary !== undefined ? { boundary: boundary.arn } : {}),
      tags,
      inline: [],
      attached: [],
    };
    s.put('role', rec, true);
    if (boundary !== undefined) await updateUsage(s, boundary.arn, (u) => withUsage(u, BOUNDARY_FIELD.role, rec.name, true));
    return { Role: roleShape(rec, 'create') };
  },
});
