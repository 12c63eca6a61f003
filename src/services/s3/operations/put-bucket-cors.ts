// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html
import { defineOperation, type JsonObject } from '../../../core/operation.js';
import { validateCors } from '../cors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['PutBucketCors'];

export const putBucketCors = defineOperation<Op['input'], Op['output']>({
  name: 'PutBucketCors',
  actions: ['s3:PutBucketCORS'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { cors: '', CORSConfiguration: { CORSRule: JSON.parse(JSON.stringify(i.CORSConfiguration?.CORSRules ?? [])) as JsonObject[] } }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutBucketCORS', bucket);
    const rules = validateCors(input.CORSConfiguration?.CORSRules);
    writeBucket(ctx.tx, { ...bucket, cors: rules });
    return {};
  },
});
