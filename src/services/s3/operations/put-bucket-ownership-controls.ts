// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketOwnershipControls.html
import { defineOperation } from '../../../core/operation.js';
import { assertOwnership } from '../access-control.js';
import { InvalidBucketAclWithObjectOwnership, MalformedXML, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['PutBucketOwnershipControls'];

export const putBucketOwnershipControls = defineOperation<Op['input'], Op['output']>({
  name: 'PutBucketOwnershipControls',
  actions: ['s3:PutBucketOwnershipControls'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { ownershipControls: '', OwnershipControls: { Rule: (i.OwnershipControls?.Rules ?? []).map((r) => ({ ObjectOwnership: String(r.ObjectOwnership ?? '') })) } }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutBucketOwnershipControls', bucket);
    // OwnershipControls holds exactly one rule (API_OwnershipControls: Rules, "The container element for an ownership control rule").
    const rules = input.OwnershipControls?.Rules ?? [];
    if (rules.length !== 1) throw new MalformedXML(MESSAGES.malformedXml);
    const ownership = rules[0]!.ObjectOwnership as string | undefined;
    assertOwnership(ownership, 'body');
    // object-ownership-error-responses.html: ACLs cannot be disabled while the bucket ACL grants others.
    if (ownership === 'BucketOwnerEnforced' && bucket.acl !== undefined) throw new InvalidBucketAclWithObjectOwnership(MESSAGES.aclWithEnforced);
    writeBucket(ctx.tx, { ...bucket, ownership });
    return {};
  },
});
