// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html
import { issueUserAccessKey } from '../../../auth/credentials.js';
import { defineOperation } from '../../../core/operation.js';
import { accessKeyUserName, authorizedEntity } from '../entities.js';
import { accessKeyQuota } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { responseAudit } from '../shapes.js';
import { iamState } from '../state.js';

type Op = Operations['CreateAccessKey'];

// "Access keys assigned to an IAM user: 2" (IAM UG, reference_iam-quotas).
const MAX_KEYS = 2;

export const createAccessKey = defineOperation<Op['input'], Op['output']>({
  name: 'CreateAccessKey',
  actions: ['iam:CreateAccessKey'],
  readOnly: false,
  // CloudTrail records the new key without its secret (the model marks SecretAccessKey sensitive).
  audit: { response: responseAudit('CreateAccessKeyResponse') },
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const user = await authorizedEntity(ctx, s, 'user', accessKeyUserName(ctx, input.UserName), 'iam:CreateAccessKey');
    if (user.accessKeys.length >= MAX_KEYS) throw accessKeyQuota();
    const now = ctx.clock.now();
    const key = issueUserAccessKey(ctx.tx, ctx.barrier, { account: ctx.account, userName: user.name, userId: user.id, userPath: user.path }, now);
    s.put('user', { ...user, accessKeys: [...user.accessKeys, key.accessKeyId] });
    // The secret is returned this once; Warden keeps it only sealed by the barrier.
    return { AccessKey: { UserName: user.name, AccessKeyId: key.accessKeyId, Status: 'Active', SecretAccessKey: key.secretAccessKey, CreateDate: new Date(now) } };
  },
});
