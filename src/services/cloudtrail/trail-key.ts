/**
 * A trail's KmsKeyId (CreateTrail, UpdateTrail): CloudTrail accepts it only if it could encrypt
 * the trail's files with it (create-kms-key-policy-for-cloudtrail): the key exists in the trail's
 * Region ("an alias name prefixed by alias/, a fully specified ARN to an alias, a fully specified
 * ARN to a key, or a globally unique identifier"), is a symmetric encryption key usable now, and
 * its key policy allows cloudtrail.amazonaws.com kms:GenerateDataKey with the trail's encryption
 * context. The trail keeps, and answers, the key's ARN. Nothing is written when it is refused.
 */
import type { Ctx } from '../../core/operation.js';
import { keyForService, KmsCallFailure } from '../kms/internal.js';
import { trailKeyPattern } from './bucket-check.js';
import { trailServiceCall } from './delivery.js';
import { InsufficientEncryptionPolicyException, InvalidKmsKeyIdException, KmsException, KmsKeyNotFoundException } from './errors.js';
import type { TrailRecord } from './trails.js';

export async function trailKeyArn(ctx: Ctx, rec: Pick<TrailRecord, 'arn' | 'account' | 's3BucketName' | 's3KeyPrefix'>, keyId: string): Promise<string> {
  const call = {
    ...trailServiceCall(rec),
    encryptionContext: { 'aws:cloudtrail:arn': rec.arn, 'aws:s3:arn': `arn:aws:s3:::${rec.s3BucketName}/${trailKeyPattern(rec)}` },
  };
  try {
    return (await keyForService(ctx, keyId, call)).rec.arn;
  } catch (e) {
    if (!(e instanceof KmsCallFailure)) throw e;
    switch (e.kind) {
      case 'AccessDenied':
        // AWS's text as reported in public issues (Azure/Azure-Sentinel#12242, trussworks/terraform-aws-cloudtrail#186).
        throw new InsufficientEncryptionPolicyException(`Insufficient permissions to access S3 bucket ${rec.s3BucketName} or KMS key ${keyArnOf(e, keyId)}.`);
      case 'NotFound':
        // unverified: AWS's texts for these two.
        if (/^Invalid keyId/.test(e.message)) throw new InvalidKmsKeyIdException(`KMS key ID is not valid: ${keyId}`);
        throw new KmsKeyNotFoundException(`KMS key does not exist or is not in the trail's Region: ${keyId}`);
      default:
        // A disabled or pending-deletion key, or one that cannot encrypt: KmsKeyDisabledException is
        // "no longer in use" (API reference); KmsException covers "an issue with the specified KMS key". // unverified text
        throw new KmsException(`The KMS key ${keyId} cannot encrypt CloudTrail logs: ${e.message}`);
    }
  }
}

/** The key's ARN when KMS resolved it, else what the caller gave. */
const keyArnOf = (e: KmsCallFailure, keyId: string): string => e.key?.arn ?? keyId;
