/**
 * Warden's KMS ciphertext blob (DESIGN §6): self-describing, so Decrypt without a KeyId finds the
 * key, and versioned, so rotation keeps old ciphertexts readable.
 *
 *   format (1) | key id (16) | backing-key version (4, BE) | IV (12) | ciphertext | tag (16)
 *
 * Format 1 carries a single-Region key id (a UUID, 16 bytes); format 2 a multi-Region key id
 * (`mrk-` + 32 hex digits, the 16 bytes those digits spell). AES-256-GCM under the backing key.
 * AAD = the 21-byte header (format, key id, version) followed by the canonical encryption
 * context, so neither the key reference nor the context can be changed without the tag failing:
 *
 *   pair count (4) | per pair, sorted by key in UTF-8 byte order: key length (4) | key | value length (4) | value
 *
 * Length prefixes keep {"ab":"c"} and {"a":"bc"} apart. An empty or absent context is the same AAD.
 */
import { createCipheriv, createDecipheriv, type KeyObject } from 'node:crypto';
import { IvSource } from './barrier.js';

const FORMAT_UUID = 1;
const FORMAT_MRK = 2;
const ID_BYTES = 16;
const HEADER_BYTES = 1 + ID_BYTES + 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bytes a blob adds to its plaintext. */
export const BLOB_OVERHEAD = HEADER_BYTES + IV_BYTES + TAG_BYTES;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MRK = /^mrk-[0-9a-f]{32}$/;

/** A separate IV source from the barrier's: the two never share a key, but why let them meet. */
const IVS = new IvSource();

export interface BlobHeader {
  /** The key id as KMS spells it (UUID, or `mrk-…`), lower case. */
  readonly keyId: string;
  /** The backing-key (rotation) version the blob was sealed under. */
  readonly version: number;
}

/** True when `keyId` can be carried by a blob (every id Warden generates can). */
export const isBlobKeyId = (keyId: string): boolean => UUID.test(keyId) || MRK.test(keyId);

function writeHeader(out: Buffer, keyId: string, version: number): void {
  if (UUID.test(keyId)) {
    out[0] = FORMAT_UUID;
    out.write(keyId.replace(/-/g, ''), 1, ID_BYTES, 'hex');
  } else if (MRK.test(keyId)) {
    out[0] = FORMAT_MRK;
    out.write(keyId.slice(4), 1, ID_BYTES, 'hex');
  } else {
    throw new RangeError(`key id ${keyId} cannot be carried by a ciphertext blob`);
  }
  out.writeUInt32BE(version, 1 + ID_BYTES);
}

/** The key reference of a blob, or undefined when the bytes are not a Warden blob. */
export function parseBlobHeader(blob: Uint8Array): BlobHeader | undefined {
  if (blob.byteLength < BLOB_OVERHEAD) return undefined;
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const hex = b.toString('hex', 1, 1 + ID_BYTES);
  let keyId: string;
  if (b[0] === FORMAT_UUID) keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  else if (b[0] === FORMAT_MRK) keyId = `mrk-${hex}`;
  else return undefined;
  return { keyId, version: b.readUInt32BE(1 + ID_BYTES) };
}

/** The canonical encoding of an encryption context (see the file comment), after `prefix` bytes. */
export function canonicalContext(context: Readonly<Record<string, string>> | undefined, prefix = 0): Buffer {
  const keys = context === undefined ? [] : Object.keys(context);
  if (keys.length === 0) return Buffer.alloc(prefix + 4);
  const pairs = keys.map((k) => [Buffer.from(k, 'utf8'), Buffer.from(context![k]!, 'utf8')] as const);
  if (pairs.length > 1) pairs.sort((a, b) => Buffer.compare(a[0], b[0]));
  let size = prefix + 4;
  for (const [k, v] of pairs) size += 8 + k.length + v.length;
  const out = Buffer.allocUnsafe(size);
  out.writeUInt32BE(pairs.length, prefix);
  let o = prefix + 4;
  for (const [k, v] of pairs) {
    out.writeUInt32BE(k.length, o);
    o += 4 + k.copy(out, o + 4);
    out.writeUInt32BE(v.length, o);
    o += 4 + v.copy(out, o + 4);
  }
  return out;
}

/** The AAD of a blob: its header followed by the canonical context, in one allocation. */
function aad(blob: Buffer, context: Readonly<Record<string, string>> | undefined): Buffer {
  const out = canonicalContext(context, HEADER_BYTES);
  blob.copy(out, 0, 0, HEADER_BYTES);
  return out;
}

/** Seals `plaintext` under a backing key (AES-256 KeyObject) of `keyId` at `version`. */
export function sealBlob(key: KeyObject, keyId: string, version: number, plaintext: Uint8Array, context?: Readonly<Record<string, string>>): Buffer {
  const out = Buffer.allocUnsafe(BLOB_OVERHEAD + plaintext.byteLength);
  writeHeader(out, keyId, version);
  IVS.next(out, HEADER_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, out.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES));
  cipher.setAAD(aad(out, context));
  let n = HEADER_BYTES + IV_BYTES;
  n += cipher.update(plaintext).copy(out, n);
  n += cipher.final().copy(out, n);
  cipher.getAuthTag().copy(out, n);
  return out;
}

/**
 * Opens a blob with the backing key its header names (the caller looked it up). Undefined when
 * the blob was altered, belongs to another key or version, or the context differs.
 */
export function openBlob(key: KeyObject, blob: Uint8Array, context?: Readonly<Record<string, string>>): Buffer | undefined {
  if (blob.byteLength < BLOB_OVERHEAD) return undefined;
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, b.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES));
    decipher.setAAD(aad(b, context));
    decipher.setAuthTag(b.subarray(b.length - TAG_BYTES));
    const body = decipher.update(b.subarray(HEADER_BYTES + IV_BYTES, b.length - TAG_BYTES));
    const tail = decipher.final();
    return tail.length === 0 ? body : Buffer.concat([body, tail]);
  } catch {
    return undefined;
  }
}
