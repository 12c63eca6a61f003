// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRoleDescription.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedEntity } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { roleShape } from '../shapes.js';
import { iamState, type RoleRecord } from '../state.js';

type Op = Operations['UpdateRoleDescription'];

export const updateRoleDescription = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateRoleDescription',
  // The service authorization reference maps UpdateRoleDescription to iam:UpdateRoleDescription.
  actions: ['iam:UpdateRoleDescription'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const role = await authorizedEntity(ctx, s, 'role', input.RoleName, 'iam:UpdateRoleDescription');
    const next: RoleRecord = { ...role, description: input.Description };
    s.put('role', next);
    return { Role: roleShape(next, 'description') };
  },
});
