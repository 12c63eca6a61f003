/**
 * The digest signing keys: one RSA 2048 key pair per Region (AWS signs digests with a per-Region
 * key; ListPublicKeys returns its public half), generated on first need, private key sealed by
 * the barrier.
 *
 *   cloudtrail/aws/<region>/signing-key/<validity start, ms, 15 digits>   SigningKeyRecord
 *
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html
 */
import { createHash, createPrivateKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { SealingBarrier } from '../../core/operation.js';
import type { ReadTx, WriteTx } from '../../store/store.js';

const generate = promisify(generateKeyPair);
const CODEC_VERSION = 1;
/** How long a key signs before the next one is made. // Differs from AWS: its rotation period is not published. */
export const KEY_VALIDITY_MS = 365 * 24 * 3600 * 1000;

interface SigningKeyRecord {
  readonly v: typeof CODEC_VERSION;
  /** DER PKCS#1 RSAPublicKey, base64. */
  readonly publicDer: string;
  /** PKCS#8 DER, sealed, base64. */
  readonly privateSealed: string;
  readonly fingerprint: string;
  readonly validFromMs: number;
  readonly validToMs: number;
}

export interface PublicSigningKey {
  readonly publicDer: Buffer;
  readonly fingerprint: string;
  readonly validFromMs: number;
  readonly validToMs: number;
}

export interface SigningKey extends PublicSigningKey {
  readonly privateKey: KeyObject;
}

const prefix = (region: string): string => `cloudtrail/aws/${region}/signing-key/`;
const keyOf = (region: string, fromMs: number): string => `${prefix(region)}${String(fromMs).padStart(15, '0')}`;

/** The fingerprint ListPublicKeys and digestPublicKeyFingerprint carry: hex MD5 of the DER public key. // unverified: how AWS derives it. */
export const fingerprintOf = (publicDer: Uint8Array): string => createHash('md5').update(publicDer).digest('hex');

function decode(value: Uint8Array): SigningKeyRecord {
  return JSON.parse(Buffer.from(value).toString('utf8')) as SigningKeyRecord;
}

/** Every key of the Region, oldest first (public halves only). */
export async function listSigningKeys(tx: ReadTx, region: string): Promise<PublicSigningKey[]> {
  return (await tx.scan(prefix(region))).map((e) => {
    const r = decode(e.value);
    return { publicDer: Buffer.from(r.publicDer, 'base64'), fingerprint: r.fingerprint, validFromMs: r.validFromMs, validToMs: r.validToMs };
  });
}

/** The key that signs now, made if the Region has none valid at `now`. */
export async function currentSigningKey(tx: WriteTx, barrier: SealingBarrier, region: string, now: number): Promise<SigningKey> {
  const entries = await tx.scan(prefix(region));
  for (let i = entries.length - 1; i >= 0; i--) {
    const r = decode(entries[i]!.value);
    if (r.validFromMs <= now && now < r.validToMs) {
      const pkcs8 = barrier.unseal(entries[i]!.key, Buffer.from(r.privateSealed, 'base64'));
      return {
        publicDer: Buffer.from(r.publicDer, 'base64'),
        fingerprint: r.fingerprint,
        validFromMs: r.validFromMs,
        validToMs: r.validToMs,
        privateKey: createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }),
      };
    }
  }
  const { publicKey, privateKey } = await generate('rsa', { modulusLength: 2048 });
  const publicDer = publicKey.export({ format: 'der', type: 'pkcs1' });
  const storageKey = keyOf(region, now);
  const rec: SigningKeyRecord = {
    v: CODEC_VERSION,
    publicDer: publicDer.toString('base64'),
    privateSealed: Buffer.from(barrier.seal(storageKey, privateKey.export({ format: 'der', type: 'pkcs8' }))).toString('base64'),
    fingerprint: fingerprintOf(publicDer),
    validFromMs: now,
    validToMs: now + KEY_VALIDITY_MS,
  };
  // Two callers making the first key at once: one commit wins, the other runs again and reads it.
  tx.put(storageKey, Buffer.from(JSON.stringify(rec), 'utf8'), 0);
  return { publicDer, fingerprint: rec.fingerprint, validFromMs: rec.validFromMs, validToMs: rec.validToMs, privateKey };
}
