/**
 * CloudTrail requestParameters for S3 (S3 User Guide, cloudtrail-logging-understanding-s3-entries):
 * bucketName, key and the subresource; never a body, policy text stays as AWS logs it.
 */
import type { JsonObject } from '../../../core/operation.js';

export const bucketParams = (i: { Bucket?: string }, extra: JsonObject = {}): JsonObject => ({ bucketName: i.Bucket ?? '', ...extra });
/** SSE-C: only the algorithm is logged, never the key or its MD5 (cloudtrail-logging-understanding-s3-entries). */
export const objectParams = (i: { Bucket?: string; Key?: string; SSECustomerAlgorithm?: string }, extra: JsonObject = {}): JsonObject => ({
  bucketName: i.Bucket ?? '',
  key: i.Key ?? '',
  ...(i.SSECustomerAlgorithm !== undefined ? { 'x-amz-server-side-encryption-customer-algorithm': i.SSECustomerAlgorithm } : {}),
  ...extra,
});
