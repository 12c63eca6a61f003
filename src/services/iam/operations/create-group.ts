// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateGroup.html
import { awsId } from '../../../core/ids.js';
import { defineOperation } from '../../../core/operation.js';
import { entityArn } from '../arns.js';
import { entityExists } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { groupShape, responseAudit } from '../shapes.js';
import { iamState, type GroupRecord } from '../state.js';

type Op = Operations['CreateGroup'];

export const createGroup = defineOperation<Op['input'], Op['output']>({
  name: 'CreateGroup',
  actions: ['iam:CreateGroup'],
  readOnly: false,
  audit: { response: responseAudit('CreateGroupResponse') },
  async handler(input, ctx) {
    const path = input.Path ?? '/';
    const arn = entityArn(ctx.account, 'group', path, input.GroupName);
    await ctx.authorize({ action: 'iam:CreateGroup', resource: arn });
    const s = iamState(ctx.tx, ctx.account);
    if ((await s.get('group', input.GroupName)) !== undefined) throw entityExists('group', input.GroupName);
    const rec: GroupRecord = { v: 1, id: awsId('AGPA', 21), name: input.GroupName, path, arn, createdMs: ctx.clock.now(), inline: [], attached: [], members: [] };
    s.put('group', rec, true);
    return { Group: groupShape(rec) };
  },
});
