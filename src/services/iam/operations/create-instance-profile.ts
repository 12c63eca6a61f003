// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateInstanceProfile.html
import { awsId } from '../../../core/ids.js';
import { defineOperation } from '../../../core/operation.js';
import { instanceProfileExists } from '../errors.js';
import { instanceProfileArn, profileShape } from '../instance-profiles.js';
import type { Operations } from '../model.gen.js';
import { responseAudit } from '../shapes.js';
import { iamState, type InstanceProfileRecord } from '../state.js';
import { authorizeCreate, checkTags, INSTANCE_PROFILE_TAGS } from '../tags.js';

type Op = Operations['CreateInstanceProfile'];

export const createInstanceProfile = defineOperation<Op['input'], Op['output']>({
  name: 'CreateInstanceProfile',
  actions: ['iam:CreateInstanceProfile', 'iam:TagInstanceProfile'],
  readOnly: false,
  audit: { response: responseAudit('CreateInstanceProfileResponse') },
  async handler(input, ctx) {
    const path = input.Path ?? '/';
    const arn = instanceProfileArn(ctx.account, path, input.InstanceProfileName);
    await authorizeCreate(ctx, 'iam:CreateInstanceProfile', 'iam:TagInstanceProfile', arn, input.Tags);
    const tags = checkTags(input.Tags, INSTANCE_PROFILE_TAGS);
    const s = iamState(ctx.tx, ctx.account);
    if ((await s.get('instance-profile', input.InstanceProfileName)) !== undefined) throw instanceProfileExists(input.InstanceProfileName);
    const rec: InstanceProfileRecord = { v: 1, id: awsId('AIPA', 21), name: input.InstanceProfileName, path, arn, createdMs: ctx.clock.now(), roles: [], tags };
    s.put('instance-profile', rec, true);
    return { InstanceProfile: await profileShape(s, rec, true) };
  },
});
