/**
 * The encryption barrier (Vault's `barrier/aes_gcm.go` idea): every secret byte Warden stores is
 * sealed here with AES-256-GCM under a data key, with the storage key as AAD, so a value copied to
 * another row, truncated or altered does not open. The data keys live in a keyring stored at
 * `_warden/barrier/keyring`, itself sealed under the root key; `reset()` keeps it.
 *
 * Sealed value: version (1) | data-key id (4, BE) | IV (12) | ciphertext | tag (16).
 * Keyring row:  version (1) | IV (12) | ciphertext | tag (16), AAD = KEYRING_AAD, under the root key;
 * its plaintext: version (1) | count (2, BE) | count × [ id (4) | created ms (8, double) | key (32) ].
 * New seals use the newest data key (the highest id); older keys stay to unseal old values, which
 * is what rotation needs.
 */
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { Store } from '../store/store.js';

export const KEYRING_KEY = '_warden/barrier/keyring';
const KEYRING_AAD = Buffer.from('warden/barrier/keyring/v1', 'utf8');
const SEALED_VERSION = 1;
const KEYRING_ROW_VERSION = 1;
const KEYRING_PLAINTEXT_VERSION = 1;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + 4 + IV_BYTES;
const ENTRY_BYTES = 4 + 8 + KEY_BYTES;

export class BarrierError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BarrierError';
  }
}

/**
 * IVs by NIST SP 800-38D §8.2.1's deterministic construction: an 8-byte random fixed field per
 * source and a 4-byte invocation counter. Within one source an IV never repeats (the fixed field
 * is replaced, and must differ, before the counter wraps); two sources (processes, restarts)
 * collide only if their random 64-bit fields do. Cheaper than `randomBytes(12)` per seal (2.7 µs).
 */
export class IvSource {
  private readonly fixed = Buffer.alloc(8);
  private counter = 0;

  constructor() {
    randomBytes(8).copy(this.fixed);
  }

  /** Writes the next IV into `out` at `offset`. */
  next(out: Buffer, offset: number): void {
    if (this.counter === 0x1_0000_0000) {
      const old = Buffer.from(this.fixed);
      do randomBytes(8).copy(this.fixed);
      while (this.fixed.equals(old));
      this.counter = 0;
    }
    this.fixed.copy(out, offset);
    out.writeUInt32BE(this.counter++, offset + 8);
  }
}

/** One source per process, shared by every Barrier, so no two seals in this process share an IV. */
const IVS = new IvSource();

interface DataKey {
  readonly id: number;
  readonly createdMs: number;
  readonly key: KeyObject;
}

export class Barrier {
  private readonly keys = new Map<number, DataKey>();
  private active!: DataKey;

  private constructor(
    private readonly store: Store,
    private readonly rootKey: KeyObject,
    keys: readonly DataKey[],
  ) {
    this.install(keys);
  }

  /**
   * Opens the keyring of the store, creating it (one fresh data key) on first use. A root key that
   * does not open an existing keyring is refused: it would otherwise start a second keyring.
   */
  static async open(store: Store, rootKey: Uint8Array): Promise<Barrier> {
    if (!(rootKey instanceof Uint8Array) || rootKey.byteLength !== KEY_BYTES) {
      throw new BarrierError(`the root key must be ${KEY_BYTES} bytes`);
    }
    const root = createSecretKey(rootKey);
    const keys = await store.write(async (tx) => {
      const row = await tx.get(KEYRING_KEY);
      if (row) return decodeKeyring(openKeyringRow(root, row.value));
      const first: DataKey = { id: 1, createdMs: Date.now(), key: createSecretKey(randomBytes(KEY_BYTES)) };
      tx.put(KEYRING_KEY, sealKeyringRow(root, encodeKeyring([first])), 0);
      return [first];
    });
    return new Barrier(store, root, keys);
  }

  /** The id of the data key new seals use. */
  get activeKeyId(): number {
    return this.active.id;
  }

  get keyIds(): number[] {
    return [...this.keys.keys()].sort((a, b) => a - b);
  }

  seal(storageKey: string, plaintext: Uint8Array): Uint8Array {
    const k = this.active;
    const out = Buffer.allocUnsafe(HEADER_BYTES + plaintext.byteLength + TAG_BYTES);
    out[0] = SEALED_VERSION;
    out.writeUInt32BE(k.id, 1);
    IVS.next(out, 5);
    const cipher = createCipheriv('aes-256-gcm', k.key, out.subarray(5, HEADER_BYTES));
    cipher.setAAD(Buffer.from(storageKey, 'utf8'));
    let n = HEADER_BYTES;
    n += cipher.update(plaintext).copy(out, n);
    n += cipher.final().copy(out, n);
    cipher.getAuthTag().copy(out, n);
    return out;
  }

  unseal(storageKey: string, sealed: Uint8Array): Uint8Array {
    const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (buf.length < HEADER_BYTES + TAG_BYTES) throw new BarrierError(`the sealed value of ${storageKey} is truncated`);
    if (buf[0] !== SEALED_VERSION) throw new BarrierError(`the sealed value of ${storageKey} has unknown format ${buf[0]}`);
    const id = buf.readUInt32BE(1);
    const k = this.keys.get(id);
    if (!k) throw new BarrierError(`the sealed value of ${storageKey} names data key ${id}, which the keyring does not hold`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', k.key, buf.subarray(5, HEADER_BYTES));
      decipher.setAAD(Buffer.from(storageKey, 'utf8'));
      decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
      const body = decipher.update(buf.subarray(HEADER_BYTES, buf.length - TAG_BYTES));
      const tail = decipher.final();
      return tail.length === 0 ? body : Buffer.concat([body, tail]);
    } catch (e) {
      throw new BarrierError(`the sealed value of ${storageKey} does not open: it was moved, truncated or altered`, { cause: e });
    }
  }

  /** Adds a new data key and makes it the active one; older keys still unseal. Returns its id. */
  async rotate(): Promise<number> {
    const keys = await this.store.write(async (tx) => {
      const row = await tx.get(KEYRING_KEY);
      if (!row) throw new BarrierError('the barrier keyring is missing from the store');
      const current = decodeKeyring(openKeyringRow(this.rootKey, row.value));
      const next: DataKey = {
        id: Math.max(...current.map((k) => k.id)) + 1,
        createdMs: Date.now(),
        key: createSecretKey(randomBytes(KEY_BYTES)),
      };
      const all = [...current, next];
      tx.put(KEYRING_KEY, sealKeyringRow(this.rootKey, encodeKeyring(all)), row.version);
      return all;
    });
    this.install(keys);
    return this.active.id;
  }

  /** Re-reads the keyring (after another process rotated it). */
  async reload(): Promise<void> {
    const row = await this.store.read((tx) => tx.get(KEYRING_KEY));
    if (!row) throw new BarrierError('the barrier keyring is missing from the store');
    this.install(decodeKeyring(openKeyringRow(this.rootKey, row.value)));
  }

  private install(keys: readonly DataKey[]): void {
    if (keys.length === 0) throw new BarrierError('the barrier keyring holds no data key');
    this.keys.clear();
    for (const k of keys) this.keys.set(k.id, k);
    this.active = keys.reduce((a, b) => (b.id > a.id ? b : a));
  }
}

function sealKeyringRow(root: KeyObject, plaintext: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', root, iv);
  cipher.setAAD(KEYRING_AAD);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  plaintext.fill(0);
  return Buffer.concat([Buffer.of(KEYRING_ROW_VERSION), iv, body, cipher.getAuthTag()]);
}

function openKeyringRow(root: KeyObject, row: Uint8Array): Buffer {
  const buf = Buffer.from(row.buffer, row.byteOffset, row.byteLength);
  if (buf.length < 1 + IV_BYTES + TAG_BYTES || buf[0] !== KEYRING_ROW_VERSION) {
    throw new BarrierError('the barrier keyring in this data dir is damaged or of an unknown format');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', root, buf.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(KEYRING_AAD);
    decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
    return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
  } catch (e) {
    throw new BarrierError("the root key does not open this data dir's keyring", { cause: e });
  }
}

function encodeKeyring(keys: readonly DataKey[]): Buffer {
  const out = Buffer.alloc(3 + keys.length * ENTRY_BYTES);
  out[0] = KEYRING_PLAINTEXT_VERSION;
  out.writeUInt16BE(keys.length, 1);
  let o = 3;
  for (const k of keys) {
    out.writeUInt32BE(k.id, o);
    out.writeDoubleBE(k.createdMs, o + 4);
    k.key.export().copy(out, o + 12);
    o += ENTRY_BYTES;
  }
  return out;
}

function decodeKeyring(plain: Buffer): DataKey[] {
  try {
    if (plain[0] !== KEYRING_PLAINTEXT_VERSION) throw new BarrierError(`unknown keyring format ${plain[0]}`);
    const count = plain.readUInt16BE(1);
    if (plain.length !== 3 + count * ENTRY_BYTES) throw new BarrierError('the keyring has the wrong length');
    const keys: DataKey[] = [];
    for (let i = 0, o = 3; i < count; i++, o += ENTRY_BYTES) {
      keys.push({
        id: plain.readUInt32BE(o),
        createdMs: plain.readDoubleBE(o + 4),
        key: createSecretKey(plain.subarray(o + 12, o + 12 + KEY_BYTES)),
      });
    }
    return keys;
  } finally {
    plain.fill(0);
  }
}
