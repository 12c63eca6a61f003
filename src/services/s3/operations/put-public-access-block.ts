// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html
import { defineOperation } from '../../../core/operation.js';
import { InvalidRequest, MalformedXML, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['PutPublicAccessBlock'];

const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

export const putPublicAccessBlock = defineOperation<Op['input'], Op['output']>({
  name: 'PutPublicAccessBlock',
  // CloudTrail logs the bucket-level call under this name (cloudtrail-logging-s3-info.html).
  eventName: 'PutBucketPublicAccessBlock',
  actions: ['s3:PutBucketPublicAccessBlock'],
  readOnly: false,
  audit: {
    request: (i) => bucketParams(i, { publicAccessBlock: '', PublicAccessBlockConfiguration: Object.fromEntries(SETTINGS.filter((k) => i.PublicAccessBlockConfiguration?.[k] !== undefined).map((k) => [k, i.PublicAccessBlockConfiguration![k] === true])) }),
  },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutBucketPublicAccessBlock', bucket);
    const c = input.PublicAccessBlockConfiguration;
    if (c === undefined) throw new MalformedXML(MESSAGES.malformedXml);
    // unverified: S3's answer to a configuration naming no setting (S3 Control's text).
    if (SETTINGS.every((k) => c[k] === undefined)) throw new InvalidRequest('Must specify at least one configuration.');
    // Settings left out are false: GetPublicAccessBlock then shows all four.
    const stored = Object.fromEntries(SETTINGS.map((k) => [k, c[k] === true]));
    writeBucket(ctx.tx, { ...bucket, publicAccessBlock: stored });
    return {};
  },
});
