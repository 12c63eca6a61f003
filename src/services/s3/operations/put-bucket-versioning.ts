// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html
import { defineOperation } from '../../../core/operation.js';
import { MalformedXML, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['PutBucketVersioning'];

export const putBucketVersioning = defineOperation<Op['input'], Op['output']>({
  name: 'PutBucketVersioning',
  actions: ['s3:PutBucketVersioning'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { versioning: '', VersioningConfiguration: { Status: i.VersioningConfiguration?.Status ?? null } }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutBucketVersioning', bucket);
    const status = input.VersioningConfiguration?.Status;
    if (status !== 'Enabled' && status !== 'Suspended') throw new MalformedXML(MESSAGES.malformedXml);
    // Objects written from now on follow the status (versions.ts); MFA Delete is not served.
    writeBucket(ctx.tx, { ...bucket, versioning: status });
    return {};
  },
});
