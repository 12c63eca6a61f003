// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html
import { awsId } from '../../../core/ids.js';
import { defineOperation } from '../../../core/operation.js';
import { entityArn } from '../arns.js';
import { BOUNDARY_FIELD } from '../attach.js';
import { boundaryPolicy } from '../entities.js';
import { entityExists } from '../errors.js';
import { updateUsage, withUsage } from '../managed.js';
import type { Operations } from '../model.gen.js';
import { responseAudit, userShape } from '../shapes.js';
import { iamState, type UserRecord } from '../state.js';
import { authorizeCreate, checkTags, USER_TAGS } from '../tags.js';

type Op = Operations['CreateUser'];

export const createUser = defineOperation<Op['input'], Op['output']>({
  name: 'CreateUser',
  actions: ['iam:CreateUser', 'iam:TagUser'],
  readOnly: false,
  audit: { response: responseAudit('CreateUserResponse') },
  async handler(input, ctx) {
    const path = input.Path ?? '/';
    const arn = entityArn(ctx.account, 'user', path, input.UserName);
    // Tagging on creation needs iam:TagUser too (IAM UG, id_tags_users: "Permissions required for tagging IAM users").
    await authorizeCreate(ctx, 'iam:CreateUser', 'iam:TagUser', arn, input.Tags, input.PermissionsBoundary !== undefined ? { 'iam:PermissionsBoundary': input.PermissionsBoundary } : {});
    const tags = checkTags(input.Tags, USER_TAGS);
    const s = iamState(ctx.tx, ctx.account);
    if ((await s.get('user', input.UserName)) !== undefined) throw entityExists('user', input.UserName);
    const boundary = input.PermissionsBoundary === undefined ? undefined : await boundaryPolicy(s, input.PermissionsBoundary);
    const rec: UserRecord = {
      v: 1,
      id: awsId('AIDA', 21),
      name: input.UserName,
      path,
      arn,
      createdMs: ctx.clock.now(),
      tags,
      ...(boundary !== undefined ? { boundary: boundary.arn } : {}),
      inline: [],
      attached: [],
      groups: [],
      accessKeys: [],
    };
    s.put('user', rec, true);
    if (boundary !== undefined) await updateUsage(s, boundary.arn, (u) => withUsage(u, BOUNDARY_FIELD.user, rec.name, true));
    return { User: userShape(rec, 'full') };
  },
});
