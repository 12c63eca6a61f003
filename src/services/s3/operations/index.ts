import type { OperationMap } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { abortMultipartUpload } from './abort-multipart-upload.js';
import { completeMultipartUpload } from './complete-multipart-upload.js';
import { copyObject } from './copy-object.js';
import { createMultipartUpload } from './create-multipart-upload.js';
import { createBucket } from './create-bucket.js';
import { deleteBucket } from './delete-bucket.js';
import { deleteBucketEncryption } from './delete-bucket-encryption.js';
import { deleteBucketPolicy } from './delete-bucket-policy.js';
import { deleteBucketTagging } from './delete-bucket-tagging.js';
import { deleteObject } from './delete-object.js';
import { deleteObjectTagging } from './delete-object-tagging.js';
import { deleteObjects } from './delete-objects.js';
import { getBucketEncryption } from './get-bucket-encryption.js';
import { getBucketLocation } from './get-bucket-location.js';
import { getBucketPolicy } from './get-bucket-policy.js';
import { getBucketTagging } from './get-bucket-tagging.js';
import { getBucketVersioning } from './get-bucket-versioning.js';
import { getObject } from './get-object.js';
import { getObjectTagging } from './get-object-tagging.js';
import { headBucket } from './head-bucket.js';
import { headObject } from './head-object.js';
import { listBuckets } from './list-buckets.js';
import { listMultipartUploads } from './list-multipart-uploads.js';
import { listObjectVersions } from './list-object-versions.js';
import { listObjects } from './list-objects.js';
import { listObjectsV2 } from './list-objects-v2.js';
import { listParts } from './list-parts.js';
import { putBucketEncryption } from './put-bucket-encryption.js';
import { putBucketPolicy } from './put-bucket-policy.js';
import { putBucketTagging } from './put-bucket-tagging.js';
import { putBucketVersioning } from './put-bucket-versioning.js';
import { putObject } from './put-object.js';
import { putObjectTagging } from './put-object-tagging.js';
import { uploadPart } from './upload-part.js';
import { deleteBucketCors } from './delete-bucket-cors.js';
import { deleteBucketOwnershipControls } from './delete-bucket-ownership-controls.js';
import { deletePublicAccessBlock } from './delete-public-access-block.js';
import { getBucketAcl } from './get-bucket-acl.js';
import { getBucketCors } from './get-bucket-cors.js';
import { getBucketOwnershipControls } from './get-bucket-ownership-controls.js';
import { getBucketPolicyStatus } from './get-bucket-policy-status.js';
import { getObjectAcl } from './get-object-acl.js';
import { getPublicAccessBlock } from './get-public-access-block.js';
import { putBucketCors } from './put-bucket-cors.js';
import { putBucketOwnershipControls } from './put-bucket-ownership-controls.js';
import { putPublicAccessBlock } from './put-public-access-block.js';
import { putBucketAcl } from './put-bucket-acl.js';
import { putObjectAcl } from './put-object-acl.js';
import { PREFLIGHT_OPERATION, preflightRequest } from './preflight-request.js';
import { uploadPartCopy } from './upload-part-copy.js';

const modeled = {
  PutBucketAcl: putBucketAcl,
  PutObjectAcl: putObjectAcl,
  DeleteBucketCors: deleteBucketCors,
  DeleteBucketOwnershipControls: deleteBucketOwnershipControls,
  DeletePublicAccessBlock: deletePublicAccessBlock,
  GetBucketAcl: getBucketAcl,
  GetBucketCors: getBucketCors,
  GetBucketOwnershipControls: getBucketOwnershipControls,
  GetBucketPolicyStatus: getBucketPolicyStatus,
  GetObjectAcl: getObjectAcl,
  GetPublicAccessBlock: getPublicAccessBlock,
  PutBucketCors: putBucketCors,
  PutBucketOwnershipControls: putBucketOwnershipControls,
  PutPublicAccessBlock: putPublicAccessBlock,
  AbortMultipartUpload: abortMultipartUpload,
  CompleteMultipartUpload: completeMultipartUpload,
  CreateMultipartUpload: createMultipartUpload,
  ListParts: listParts,
  UploadPart: uploadPart,
  UploadPartCopy: uploadPartCopy,
  CopyObject: copyObject,
  CreateBucket: createBucket,
  DeleteBucket: deleteBucket,
  DeleteBucketEncryption: deleteBucketEncryption,
  DeleteBucketPolicy: deleteBucketPolicy,
  DeleteBucketTagging: deleteBucketTagging,
  DeleteObject: deleteObject,
  DeleteObjectTagging: deleteObjectTagging,
  DeleteObjects: deleteObjects,
  GetBucketEncryption: getBucketEncryption,
  GetBucketLocation: getBucketLocation,
  GetBucketPolicy: getBucketPolicy,
  GetBucketTagging: getBucketTagging,
  GetBucketVersioning: getBucketVersioning,
  GetObject: getObject,
  GetObjectTagging: getObjectTagging,
  HeadBucket: headBucket,
  HeadObject: headObject,
  ListBuckets: listBuckets,
  ListMultipartUploads: listMultipartUploads,
  ListObjectVersions: listObjectVersions,
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  PutBucketEncryption: putBucketEncryption,
  PutBucketPolicy: putBucketPolicy,
  PutBucketTagging: putBucketTagging,
  PutBucketVersioning: putBucketVersioning,
  PutObject: putObject,
  PutObjectTagging: putObjectTagging,
} satisfies OperationMap<Operations>;

/** The modeled operations, and S3's CORS preflight (OPTIONS), which the model does not describe. */
export const operations = { ...modeled, [PREFLIGHT_OPERATION]: preflightRequest };
