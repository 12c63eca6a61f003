/**
 * Parameter Store's use of KMS on the caller's behalf: each SecureString version is sealed under a
 * data key from kms:GenerateDataKey with the encryption context AWS documents
 * ({PARAMETER_ARN: <arn>}, sysman-paramstore-securestring / parameter-store KMS docs), and KMS
 * failures in SSM's vocabulary.
 *
 * Differs from AWS: AWS encrypts standard-tier values with kms:Encrypt directly and uses envelope
 * encryption (GenerateDataKey) only for advanced parameters; Warden uses envelope encryption for
 * both, so the caller needs kms:GenerateDataKey on a customer key.
 */
import type { Ctx } from '../../core/operation.js';
import { decryptFor, generateDataKeyFor, KmsCallFailure, type ManagedKeyOptions } from '../kms/internal.js';
import { AccessDeniedException, InvalidKeyId } from './errors.js';
import { openValue, sealValue, type ParameterRecord, type ParameterVersion } from './state.js';

export const KMS_ENCRYPT = 'kms:GenerateDataKey';
export const KMS_DECRYPT = 'kms:Decrypt';
export const MANAGED_KEY_ALIAS = 'alias/aws/ssm';

const viaService = (region: string): string => `ssm.${region}.amazonaws.com`;

/** The policy of aws/ssm, shaped like the other AWS managed keys' policies. // unverified byte for byte */
function managedPolicy(account: string, region: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Id: 'auto-ssm-1',
      Statement: [
        {
          Sid: 'Allow access through Systems Manager for all principals in the account that are authorized to use Systems Manager',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
          Resource: '*',
          Condition: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': viaService(region) } },
        },
        {
          Sid: 'Allow direct access to key metadata to the account',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${account}:root` },
          Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
          Resource: '*',
        },
      ],
    },
    null,
    2,
  );
}

const MANAGED: ManagedKeyOptions = {
  service: 'ssm',
  // The description AWS gives aws/ssm. // unverified
  description: 'Default key that protects my SSM parameters when no other key is defined',
  policy: managedPolicy,
};

function mapped(err: unknown): unknown {
  if (!(err instanceof KmsCallFailure)) return err;
  // AccessDeniedException carrying KMS's own message. // unverified
  if (err.kind === 'AccessDenied') return new AccessDeniedException(err.message);
  // InvalidKeyId: the modeled error for a KeyId that is missing, disabled or unusable. // unverified text (KMS's message)
  return new InvalidKeyId(err.message);
}

const contextOf = (rec: ParameterRecord) => ({ PARAMETER_ARN: rec.arn });
const aadOf = (rec: ParameterRecord, version: number): string => `${rec.arn}#${version}`;

/** Seals a SecureString value for `version`; keyId undefined → the AWS managed key aws/ssm. */
export async function encryptValue(ctx: Ctx, rec: ParameterRecord, version: number, keyId: string | undefined, value: string): Promise<{ keyArn: string; dataKey: string; value: string }> {
  try {
    const dk = await generateDataKeyFor(ctx, keyId, { encryptionContext: contextOf(rec), viaService: viaService(rec.region), managed: MANAGED });
    const sealed = sealValue(dk.plaintext, aadOf(rec, version), value);
    dk.plaintext.fill(0);
    return { keyArn: dk.keyArn, dataKey: Buffer.from(dk.blob).toString('base64'), value: sealed };
  } catch (err) {
    throw mapped(err);
  }
}

/** The value of a version as the caller sees it: plaintext, or (SecureString without decryption) the ciphertext. */
export async function valueOf(ctx: Ctx, rec: ParameterRecord, v: ParameterVersion, withDecryption: boolean): Promise<string> {
  if (v.type !== 'SecureString') return v.value;
  // Without WithDecryption the caller gets the encrypted value (base64), never the plaintext.
  if (!withDecryption) return Buffer.concat([Buffer.from(v.dataKey ?? '', 'base64'), Buffer.from(v.value, 'base64')]).toString('base64');
  let dataKey: Buffer;
  try {
    dataKey = await decryptFor(ctx, Buffer.from(v.dataKey ?? '', 'base64'), { encryptionContext: contextOf(rec), viaService: viaService(rec.region), ...(v.keyArn !== undefined ? { keyId: v.keyArn } : {}) });
  } catch (err) {
    throw mapped(err);
  }
  const plain = openValue(dataKey, aadOf(rec, v.version), v.value);
  dataKey.fill(0);
  return plain;
}
