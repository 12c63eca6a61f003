// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateGroup.html
import { defineOperation } from '../../../core/operation.js';
import { entityArn } from '../arns.js';
import { authorizedEntity } from '../entities.js';
import { entityExists } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { renameGroup } from '../renames.js';
import { iamState } from '../state.js';

type Op = Operations['UpdateGroup'];

export const updateGroup = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateGroup',
  actions: ['iam:UpdateGroup'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const group = await authorizedEntity(ctx, s, 'group', input.GroupName, 'iam:UpdateGroup');
    const name = input.NewGroupName ?? group.name;
    const path = input.NewPath ?? group.path;
    // Permission on both the source and the target is needed, as for UpdateUser (API reference).
    if (name !== group.name || path !== group.path) {
      await ctx.authorize({ action: 'iam:UpdateGroup', resource: entityArn(ctx.account, 'group', path, name) });
    }
    if (name.toLowerCase() !== group.name.toLowerCase() && (await s.get('group', name)) !== undefined) throw entityExists('group', name);
    await renameGroup(s, group, name, path);
    return {};
  },
});
