/**
 * Key specs: which key usages each allows, the algorithms it supports, and the KeyMetadata
 * CreateKey and DescribeKey return.
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
 */
import type { CustomerMasterKeySpec, EncryptionAlgorithmSpec, KeyAgreementAlgorithmSpec, KeyMetadata, KeySpec, KeyUsageType, MacAlgorithmSpec, SigningAlgorithmSpec } from './model.gen.js';
import { multiRegionConfiguration } from './multi-region.js';
import type { KeyRecord } from './state.js';

const RSA_SIGNING: readonly SigningAlgorithmSpec[] = [
  'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512',
];
const RSA_ENCRYPTION: readonly EncryptionAlgorithmSpec[] = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];

interface SpecInfo {
  readonly usages: readonly KeyUsageType[];
  readonly encryption?: readonly EncryptionAlgorithmSpec[];
  readonly signing?: readonly SigningAlgorithmSpec[];
  readonly mac?: readonly MacAlgorithmSpec[];
  readonly agreement?: readonly KeyAgreementAlgorithmSpec[];
}

const ECC_NIST = (alg: SigningAlgorithmSpec): SpecInfo => ({ usages: ['SIGN_VERIFY', 'KEY_AGREEMENT'], signing: [alg], agreement: ['ECDH'] });
const RSA: SpecInfo = { usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'], encryption: RSA_ENCRYPTION, signing: RSA_SIGNING };

/** The specs Warden creates. */
// Differs from AWS: SM2 (China Regions), ECC_NIST_EDWARDS25519 and ML_DSA_44/65/87 keys are not offered yet (UnsupportedOperationException).
export const SPECS: Readonly<Partial<Record<KeySpec, SpecInfo>>> = {
  SYMMETRIC_DEFAULT: { usages: ['ENCRYPT_DECRYPT'], encryption: ['SYMMETRIC_DEFAULT'] },
  RSA_2048: RSA,
  RSA_3072: RSA,
  RSA_4096: RSA,
  ECC_NIST_P256: ECC_NIST('ECDSA_SHA_256'),
  ECC_NIST_P384: ECC_NIST('ECDSA_SHA_384'),
  ECC_NIST_P521: ECC_NIST('ECDSA_SHA_512'),
  ECC_SECG_P256K1: { usages: ['SIGN_VERIFY'], signing: ['ECDSA_SHA_256'] },
  HMAC_224: { usages: ['GENERATE_VERIFY_MAC'], mac: ['HMAC_SHA_224'] },
  HMAC_256: { usages: ['GENERATE_VERIFY_MAC'], mac: ['HMAC_SHA_256'] },
  HMAC_384: { usages: ['GENERATE_VERIFY_MAC'], mac: ['HMAC_SHA_384'] },
  HMAC_512: { usages: ['GENERATE_VERIFY_MAC'], mac: ['HMAC_SHA_512'] },
};

/** Encryption algorithms the key supports (empty unless its usage is ENCRYPT_DECRYPT). */
export const encryptionAlgorithms = (rec: KeyRecord): readonly EncryptionAlgorithmSpec[] =>
  rec.keyUsage === 'ENCRYPT_DECRYPT' ? (SPECS[rec.keySpec]?.encryption ?? []) : [];
export const signingAlgorithms = (rec: KeyRecord): readonly SigningAlgorithmSpec[] =>
  rec.keyUsage === 'SIGN_VERIFY' ? (SPECS[rec.keySpec]?.signing ?? []) : [];
export const macAlgorithms = (rec: KeyRecord): readonly MacAlgorithmSpec[] =>
  rec.keyUsage === 'GENERATE_VERIFY_MAC' ? (SPECS[rec.keySpec]?.mac ?? []) : [];
export const agreementAlgorithms = (rec: KeyRecord): readonly KeyAgreementAlgorithmSpec[] =>
  rec.keyUsage === 'KEY_AGREEMENT' ? (SPECS[rec.keySpec]?.agreement ?? []) : [];

/**
 * KeyMetadata as CreateKey and DescribeKey return it (LocalStack's AWS recordings of both: the
 * algorithm lists only for the key's usage, MultiRegion always, MultiRegionConfiguration only
 * for multi-Region keys).
 */
export function keyMetadata(rec: KeyRecord): KeyMetadata {
  const m: KeyMetadata = {
    AWSAccountId: rec.account,
    KeyId: rec.keyId,
    Arn: rec.arn,
    CreationDate: new Date(rec.createdMs),
    Enabled: rec.state === 'Enabled',
    Description: rec.description,
    KeyUsage: rec.keyUsage,
    KeyState: rec.state,
    Origin: rec.origin,
    KeyManager: rec.keyManager,
    CustomerMasterKeySpec: rec.keySpec as CustomerMasterKeySpec, // every spec Warden creates has the deprecated name too
    KeySpec: rec.keySpec,
    MultiRegion: rec.multiRegion,
  };
  if (rec.deletionMs !== undefined && rec.state === 'PendingDeletion') {
    m.DeletionDate = new Date(rec.deletionMs);
    if (rec.pendingWindowDays !== undefined) m.PendingDeletionWindowInDays = rec.pendingWindowDays;
  }
  // A primary waiting for its replicas' deletion has no deletion date yet, only its window (KeyMetadata).
  if (rec.state === 'PendingReplicaDeletion' && rec.pendingWindowDays !== undefined) m.PendingDeletionWindowInDays = rec.pendingWindowDays;
  const enc = encryptionAlgorithms(rec);
  if (enc.length > 0) m.EncryptionAlgorithms = [...enc];
  const sig = signingAlgorithms(rec);
  if (sig.length > 0) m.SigningAlgorithms = [...sig];
  const mac = macAlgorithms(rec);
  if (mac.length > 0) m.MacAlgorithms = [...mac];
  const agr = agreementAlgorithms(rec);
  if (agr.length > 0) m.KeyAgreementAlgorithms = [...agr];
  if (rec.multiRegion) m.MultiRegionConfiguration = multiRegionConfiguration(rec);
  // Imported material: "ExpirationModel … present only when Origin is EXTERNAL", ValidTo likewise when the material expires (KeyMetadata).
  if (rec.origin === 'EXTERNAL') {
    const m0 = rec.backing.find((b) => b.version === rec.current);
    if (m0 !== undefined) {
      m.ExpirationModel = m0.validToMs !== undefined ? 'KEY_MATERIAL_EXPIRES' : 'KEY_MATERIAL_DOES_NOT_EXPIRE';
      if (m0.validToMs !== undefined) m.ValidTo = new Date(m0.validToMs);
    }
  }
  // "present for symmetric encryption keys with AWS_KMS origin" (KeyMetadata, API reference).
  const current = rec.backing.find((b) => b.version === rec.current);
  if (rec.keySpec === 'SYMMETRIC_DEFAULT' && rec.origin === 'AWS_KMS' && current !== undefined) m.CurrentKeyMaterialId = current.materialId;
  return m;
}
