// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccessKeys.html
import { readUserAccessKey } from '../../../auth/credentials.js';
import { defineOperation } from '../../../core/operation.js';
import { accessKeyUserName, authorizedEntity } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { pageFields, paginate } from '../paging.js';
import { iamState } from '../state.js';

type Op = Operations['ListAccessKeys'];

export const listAccessKeys = defineOperation<Op['input'], Op['output']>({
  name: 'ListAccessKeys',
  actions: ['iam:ListAccessKeys'],
  readOnly: true,
  async handler(input, ctx) {
    const user = await authorizedEntity(ctx, iamState(ctx.tx, ctx.account), 'user', accessKeyUserName(ctx, input.UserName), 'iam:ListAccessKeys');
    const keys = (await Promise.all(user.accessKeys.map((id) => readUserAccessKey(ctx.tx, id)))).filter((k) => k !== undefined);
    const page = paginate(keys, (k) => `${String(k.createdMs).padStart(15, '0')}:${k.accessKeyId}`, input);
    const AccessKeyMetadata = page.items.map((k) => ({ UserName: user.name, AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: new Date(k.createdMs) }));
    return { AccessKeyMetadata, ...pageFields(page) };
  },
});
