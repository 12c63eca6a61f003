/**
 * Secrets Manager's use of KMS on the caller's behalf: envelope encryption of each version under
 * a data key from kms:GenerateDataKey, with the encryption context AWS documents
 * ({SecretARN, SecretVersionId}, security-encryption.html), and KMS failures in Secrets Manager's
 * vocabulary.
 */
import type { Ctx } from '../../core/operation.js';
import { decryptFor, generateDataKeyFor, KmsCallFailure, type ManagedKeyOptions } from '../kms/internal.js';
import { AccessDeniedException, DecryptionFailure, EncryptionFailure, ResourceNotFoundException } from './errors.js';
import { openValue, sealValue, type SecretRecord, type VersionRecord } from './state.js';

/** The kms actions a handler that encrypts or decrypts values must list. */
export const KMS_ENCRYPT = 'kms:GenerateDataKey';
export const KMS_DECRYPT = 'kms:Decrypt';

const viaService = (ctx: Ctx, rec: { region: string }): string => `secretsmanager.${rec.region}.amazonaws.com`;

/**
 * The policy of aws/secretsmanager as GetKeyPolicy shows it on AWS accounts (as recorded in users'
 * posts of the policy) // unverified byte for byte
 */
function managedPolicy(account: string, region: string): string {
  const sid = 'Allow access through AWS Secrets Manager for all principals in the account that are authorized to use AWS Secrets Manager';
  return `{
  "Version" : "2012-10-17",
  "Id" : "auto-secretsmanager-2",
  "Statement" : [ {
    "Sid" : "${sid}",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "*"
    },
    "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:CreateGrant", "kms:DescribeKey" ],
    "Resource" : "*",
    "Condition" : {
      "StringEquals" : {
        "kms:CallerAccount" : "${account}",
        "kms:ViaService" : "secretsmanager.${region}.amazonaws.com"
      }
    }
  }, {
    "Sid" : "${sid}",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "*"
    },
    "Action" : "kms:GenerateDataKey*",
    "Resource" : "*",
    "Condition" : {
      "StringEquals" : {
        "kms:CallerAccount" : "${account}"
      },
      "StringLike" : {
        "kms:ViaService" : "secretsmanager.${region}.amazonaws.com"
      }
    }
  }, {
    "Sid" : "Allow direct access to key metadata to the account",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::${account}:root"
    },
    "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant" ],
    "Resource" : "*"
  } ]
}`;
}

const MANAGED: ManagedKeyOptions = {
  service: 'secretsmanager',
  // The description AWS gives aws/secretsmanager. // unverified
  description: 'Default key that protects my Secrets Manager data when no other key is defined',
  policy: managedPolicy,
};

// "Access to KMS is not allowed" is the text AWS answers when the caller may not use the key
// (widely reported GetSecretValue/CreateSecret errors). // unverified
const ACCESS_TO_KMS = 'Access to KMS is not allowed';

function mapped(err: unknown, encrypting: boolean): unknown {
  if (!(err instanceof KmsCallFailure)) return err;
  if (err.kind === 'AccessDenied') return new AccessDeniedException(ACCESS_TO_KMS);
  if (err.kind === 'NotFound' && encrypting) return new ResourceNotFoundException(err.message); // unverified
  // The modeled errors' documented meanings (botocore docs of EncryptionFailure / DecryptionFailure). // unverified texts
  return encrypting
    ? new EncryptionFailure("Secrets Manager can't encrypt the protected secret text using the provided KMS key. Check that the KMS key is available, enabled, and not in an invalid state.")
    : new DecryptionFailure("Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
}

const contextOf = (rec: SecretRecord, versionId: string) => ({ SecretARN: rec.arn, SecretVersionId: versionId });

/** Encrypts one value for a new version (no staging labels yet). */
export async function encryptVersion(ctx: Ctx, rec: SecretRecord, versionId: string, value: { string?: string; binary?: Uint8Array }): Promise<VersionRecord> {
  try {
    const dk = await generateDataKeyFor(ctx, rec.kmsKeyId, { encryptionContext: contextOf(rec, versionId), viaService: viaService(ctx, rec), managed: MANAGED });
    const bytes = value.string !== undefined ? Buffer.from(value.string, 'utf8') : Buffer.from(value.binary!);
    const sealed = sealValue(dk.plaintext, versionId, bytes);
    dk.plaintext.fill(0);
    return {
      id: versionId,
      stages: [],
      createdMs: ctx.clock.now(),
      kind: value.string !== undefined ? 'string' : 'binary',
      keyArn: dk.keyArn,
      dataKey: Buffer.from(dk.blob).toString('base64'),
      value: sealed,
    };
  } catch (err) {
    throw mapped(err, true);
  }
}

/** The value of a version: SecretString or SecretBinary. */
export async function decryptVersion(ctx: Ctx, rec: SecretRecord, v: VersionRecord): Promise<{ SecretString?: string; SecretBinary?: Uint8Array }> {
  let dataKey: Buffer;
  // A replica's view reads its primary's versions: their key and context are the primary's.
  const source = rec.primaryRegion !== undefined && rec.sourceArn !== undefined ? { ...rec, arn: rec.sourceArn, region: rec.primaryRegion } : rec;
  const kctx: Ctx = source === rec ? ctx : { ...ctx, region: source.region };
  try {
    dataKey = await decryptFor(kctx, Buffer.from(v.dataKey, 'base64'), { encryptionContext: contextOf(source, v.id), viaService: viaService(kctx, source), keyId: v.keyArn });
  } catch (err) {
    throw mapped(err, false);
  }
  const bytes = openValue(dataKey, v.id, v.value);
  dataKey.fill(0);
  return v.kind === 'string' ? { SecretString: bytes.toString('utf8') } : { SecretBinary: bytes };
}
