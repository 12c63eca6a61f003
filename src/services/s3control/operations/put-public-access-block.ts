// https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PutPublicAccessBlock.html
import { defineOperation } from '../../../core/operation.js';
import { accountParams, authorizeAccount, SETTINGS } from '../account.js';
import { InvalidRequest, MalformedXML, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { writeAccountBlock } from '../state.js';

type Op = Operations['PutPublicAccessBlock'];

export const putPublicAccessBlock = defineOperation<Op['input'], Op['output']>({
  name: 'PutPublicAccessBlock',
  // CloudTrail logs the account-level call under this name (cloudtrail-logging-s3-info.html,
  // account-level actions).
  eventName: 'PutAccountPublicAccessBlock',
  // "For this operation, users must have the s3:PutAccountPublicAccessBlock permission."
  actions: ['s3:PutAccountPublicAccessBlock'],
  readOnly: false,
  audit: { request: (i) => accountParams(i, i.PublicAccessBlockConfiguration) },
  async handler(input, ctx) {
    await authorizeAccount(ctx, 's3:PutAccountPublicAccessBlock', input.AccountId);
    const c = input.PublicAccessBlockConfiguration;
    if (c === undefined) throw new MalformedXML(MESSAGES.malformedXml);
    if (SETTINGS.every((k) => c[k] === undefined)) throw new InvalidRequest(MESSAGES.noSetting);
    // Settings left out are false: GetPublicAccessBlock then shows all four.
    const configuration = { BlockPublicAcls: c.BlockPublicAcls === true, IgnorePublicAcls: c.IgnorePublicAcls === true, BlockPublicPolicy: c.BlockPublicPolicy === true, RestrictPublicBuckets: c.RestrictPublicBuckets === true };
    writeAccountBlock(ctx.tx, { account: input.AccountId, configuration, updatedMs: ctx.clock.now() });
    return {};
  },
});
