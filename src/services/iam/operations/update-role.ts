// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedEntity } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['UpdateRole'];

export const updateRole = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateRole',
  actions: ['iam:UpdateRole'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const role = await authorizedEntity(ctx, s, 'role', input.RoleName, 'iam:UpdateRole');
    // Members left out keep their values (recorded: an UpdateRole without them changed nothing).
    s.put('role', {
      ...role,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.MaxSessionDuration !== undefined ? { maxSessionDuration: input.MaxSessionDuration } : {}),
    });
    return {};
  },
});
