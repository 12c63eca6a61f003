/**
 * Unwrapped data keys of calls made on a caller's behalf (internal.ts decryptFor), kept briefly in
 * memory so repeated reads of one secret or parameter skip the unwrap — never stored, never
 * logged. The cache holds only the result of the cryptography: every call still authorizes and
 * checks the key's state before it is consulted, so disabling the key or revoking a permission
 * takes effect on the next call. AWS's own services cache data keys likewise (the Secrets Manager
 * guide: "Secrets Manager can reuse the decrypted key, so not all calls result in a Decrypt
 * request") — Warden still records a Decrypt event for every call.
 */
/** How long an unwrapped data key is kept, and how many are kept. */
export const DATA_KEY_TTL_MS = 60_000;
export const DATA_KEY_CACHE_SIZE = 1024;

interface Entry {
  readonly plaintext: Buffer;
  readonly expiresMs: number;
}

/** A bounded LRU with a time to live; values are copied in and out and zeroed when dropped. */
export class DataKeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ttlMs = DATA_KEY_TTL_MS, private readonly maxEntries = DATA_KEY_CACHE_SIZE) {}

  /**
   * The cache key: the key ARN, then the ciphertext blob (its bytes as latin1 text) and each pair
   * of the encryption context, sorted, every field length-prefixed: an injective encoding, so
   * neither another context (which must fail authentication) nor a blob with bytes appended can
   * hit an entry. Plain text rather than a digest: hashing cost as much as the unwrap it saves.
   * Nothing in it is secret (the blob is ciphertext).
   */
  static id(keyArn: string, blob: Uint8Array, context: Readonly<Record<string, string>>): string {
    let id = `${keyArn}\0${blob.byteLength}:${Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).toString('latin1')}`;
    const keys = Object.keys(context);
    if (keys.length > 1) keys.sort();
    for (const k of keys) {
      const v = context[k]!;
      id += `${k.length}:${k}${v.length}:${v}`;
    }
    return id;
  }

  get(id: string, nowMs: number): Buffer | undefined {
    const e = this.entries.get(id);
    if (e === undefined) return undefined;
    this.entries.delete(id);
    if (e.expiresMs <= nowMs) {
      e.plaintext.fill(0);
      return undefined;
    }
    this.entries.set(id, e); // most recently used last
    return Buffer.from(e.plaintext);
  }

  set(id: string, plaintext: Uint8Array, nowMs: number): void {
    const old = this.entries.get(id);
    if (old !== undefined) {
      this.entries.delete(id);
      old.plaintext.fill(0);
    }
    while (this.entries.size >= this.maxEntries) {
      const [oldestId, oldest] = this.entries.entries().next().value!;
      this.entries.delete(oldestId);
      oldest.plaintext.fill(0);
    }
    this.entries.set(id, { plaintext: Buffer.from(plaintext), expiresMs: nowMs + this.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
