// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
import { defineOperation } from '../../../core/operation.js';
import { aclConditions, assertOwnership, DEFAULT_OWNERSHIP, isPublicAcl, ownerOnlyAcl, ownerOnlyGrants, requestGrants } from '../access-control.js';
import { accountBlock } from '../account-block.js';
import { AccessDenied, BucketAlreadyExists, BucketAlreadyOwnedByYou, IllegalLocationConstraintException, InvalidBucketAclWithObjectOwnership, InvalidLocationConstraint, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { assertBucketName, auditBucket, bucketArn, canonicalUserId } from '../names.js';
import { readBucket, writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['CreateBucket'];

// The LocationConstraint rules of the API reference: us-east-1 takes none; every other Region
// needs its own name ("EU" is eu-west-1). Texts as S3 answers them (widely reported).
const incompatible = (lc: string) => new IllegalLocationConstraintException(`The ${lc} location constraint is incompatible for the region specific endpoint this request was sent to.`);

export const createBucket = defineOperation<Op['input'], Op['output']>({
  name: 'CreateBucket',
  // s3:PutBucketOwnershipControls as well when the request sets x-amz-object-ownership (API_CreateBucket, Permissions).
  actions: ['s3:CreateBucket', 's3:PutBucketOwnershipControls'],
  readOnly: false,
  audit: {
    request: (i) => bucketParams(i, {
      ...(i.CreateBucketConfiguration?.LocationConstraint !== undefined ? { CreateBucketConfiguration: { LocationConstraint: i.CreateBucketConfiguration.LocationConstraint } } : {}),
      ...(i.ObjectOwnership !== undefined ? { 'x-amz-object-ownership': String(i.ObjectOwnership) } : {}),
      ...(i.ACL !== undefined ? { 'x-amz-acl': String(i.ACL) } : {}),
    }),
  },
  async handler(input, ctx) {
    const name = input.Bucket;
    assertBucketName(name);
    const requested = input.CreateBucketConfiguration?.LocationConstraint as string | undefined;
    const lc = requested === 'EU' ? 'eu-west-1' : requested;
    if (ctx.region === 'us-east-1') {
      if (lc === 'us-east-1') throw new InvalidLocationConstraint(MESSAGES.invalidLocation, { LocationConstraint: lc });
      if (lc !== undefined && lc !== '') throw incompatible(lc);
    } else if (lc === undefined || lc === '') throw incompatible('unspecified');
    else if (lc !== ctx.region) throw incompatible(lc);
    if (input.ObjectOwnership !== undefined) assertOwnership(input.ObjectOwnership as string, 'header');
    const ownership = input.ObjectOwnership ?? DEFAULT_OWNERSHIP;
    await ctx.authorize({ action: 's3:CreateBucket', resource: bucketArn(name), conditions: aclConditions(input) });
    if (input.ObjectOwnership !== undefined) await ctx.authorize({ action: 's3:PutBucketOwnershipControls', resource: bucketArn(name) });
    // object-ownership-error-responses.html: an ACL granting anyone but the owner, with ACLs disabled.
    if (ownership === 'BucketOwnerEnforced' && !ownerOnlyAcl(input, canonicalUserId(ctx.account))) {
      throw new InvalidBucketAclWithObjectOwnership(MESSAGES.aclWithEnforced);
    }
    // The account's BlockPublicAcls: "PUT Bucket calls fail if the request includes a public ACL"
    // (PublicAccessBlockConfiguration); a new bucket has no settings of its own yet.
    if (isPublicAcl(input) && (await accountBlock(ctx.tx, ctx.account))?.BlockPublicAcls === true) {
      throw new AccessDenied(MESSAGES.accessDenied); // unverified: S3's text here
    }
    const ownerId = canonicalUserId(ctx.account);
    const grants = requestGrants(input, ownerId, ownerId);
    const acl = grants !== undefined && !ownerOnlyGrants(grants, ownerId) ? grants : undefined;
    auditBucket(ctx, { name, account: ctx.account });
    const existing = await readBucket(ctx.tx, name);
    if (existing !== undefined) {
      if (existing.account !== ctx.account) throw new BucketAlreadyExists(MESSAGES.bucketExists, { BucketName: name });
      // us-east-1 answers 200 to its owner, for legacy compatibility (API_CreateBucket, Errors).
      if (ctx.region === 'us-east-1' && existing.region === 'us-east-1') return { Location: `/${name}` };
      throw new BucketAlreadyOwnedByYou(MESSAGES.bucketOwned, { BucketName: name });
    }
    writeBucket(ctx.tx, { name, account: ctx.account, region: ctx.region, createdMs: ctx.clock.now(), ownership, ...(acl !== undefined ? { acl } : {}) });
    return { Location: ctx.region === 'us-east-1' ? `/${name}` : `http://${name}.s3.amazonaws.com/`, BucketArn: bucketArn(name) };
  },
});
