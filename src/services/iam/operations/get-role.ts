// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedEntity } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { roleShape } from '../shapes.js';
import { iamState } from '../state.js';

type Op = Operations['GetRole'];

export const getRole = defineOperation<Op['input'], Op['output']>({
  name: 'GetRole',
  actions: ['iam:GetRole'],
  readOnly: true,
  async handler(input, ctx) {
    const role = await authorizedEntity(ctx, iamState(ctx.tx, ctx.account), 'role', input.RoleName, 'iam:GetRole');
    return { Role: roleShape(role, 'get') };
  },
});
