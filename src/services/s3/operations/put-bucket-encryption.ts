// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html
import { defineOperation } from '../../../core/operation.js';
import { invalidArgument, MalformedXML, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['PutBucketEncryption'];

export const putBucketEncryption = defineOperation<Op['input'], Op['output']>({
  name: 'PutBucketEncryption',
  actions: ['s3:PutEncryptionConfiguration'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { encryption: '', ServerSideEncryptionConfiguration: JSON.parse(JSON.stringify(i.ServerSideEncryptionConfiguration ?? {})) }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutEncryptionConfiguration', bucket);
    const rules = input.ServerSideEncryptionConfiguration?.Rules;
    if (rules === undefined || rules.length === 0) throw new MalformedXML(MESSAGES.malformedXml);
    for (const r of rules) {
      const d = r.ApplyServerSideEncryptionByDefault;
      if (d === undefined) continue;
      if (d.SSEAlgorithm !== 'AES256' && d.SSEAlgorithm !== 'aws:kms') {
        // unverified wording; aws:kms:dsse is not served by Warden.
        throw invalidArgument('The encryption method specified is not supported', 'ApplyServerSideEncryptionByDefault', String(d.SSEAlgorithm));
      }
      if (d.SSEAlgorithm === 'AES256' && d.KMSMasterKeyID !== undefined) {
        throw invalidArgument('a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse', 'ApplyServerSideEncryptionByDefault', 'AES256'); // unverified
      }
    }
    writeBucket(ctx.tx, { ...bucket, encryption: input.ServerSideEncryptionConfiguration });
    return {};
  },
});
