// https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_DeletePublicAccessBlock.html
import { defineOperation } from '../../../core/operation.js';
import { accountParams, authorizeAccount } from '../account.js';
import type { Operations } from '../model.gen.js';
import { deleteAccountBlock } from '../state.js';

type Op = Operations['DeletePublicAccessBlock'];

export const deletePublicAccessBlock = defineOperation<Op['input'], Op['output']>({
  name: 'DeletePublicAccessBlock',
  eventName: 'DeleteAccountPublicAccessBlock',
  // "To use this operation, you must have the s3:PutAccountPublicAccessBlock permission." (there is
  // no s3:DeleteAccountPublicAccessBlock action).
  actions: ['s3:PutAccountPublicAccessBlock'],
  readOnly: false,
  audit: { request: (i) => accountParams(i) },
  async handler(input, ctx) {
    await authorizeAccount(ctx, 's3:PutAccountPublicAccessBlock', input.AccountId);
    // Deleting a configuration that does not exist succeeds too. // unverified
    deleteAccountBlock(ctx.tx, input.AccountId);
    return {};
  },
});
