// https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html
import { defineOperation } from '../../../core/operation.js';
import { accountParams, authorizeAccount } from '../account.js';
import { MESSAGES, NoSuchPublicAccessBlockConfiguration } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { readAccountBlock } from '../state.js';

type Op = Operations['GetPublicAccessBlock'];

export const getPublicAccessBlock = defineOperation<Op['input'], Op['output']>({
  name: 'GetPublicAccessBlock',
  eventName: 'GetAccountPublicAccessBlock',
  // "To use this operation, you must have the s3:GetAccountPublicAccessBlock permission."
  actions: ['s3:GetAccountPublicAccessBlock'],
  readOnly: true,
  audit: { request: (i) => accountParams(i) },
  async handler(input, ctx) {
    await authorizeAccount(ctx, 's3:GetAccountPublicAccessBlock', input.AccountId);
    // The account's own settings; a bucket's are S3's GetPublicAccessBlock.
    const rec = await readAccountBlock(ctx.tx, input.AccountId);
    if (rec === undefined) throw new NoSuchPublicAccessBlockConfiguration(MESSAGES.noPublicAccessBlock, { AccountId: input.AccountId });
    return { PublicAccessBlockConfiguration: { ...rec.configuration } };
  },
});
