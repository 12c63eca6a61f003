import type { Entry } from './store.js';

/**
 * Decoded records by storage key, reused while the stored bytes are unchanged: comparing ~1 KB of
 * bytes costs a fraction of JSON.parse. Records handed out are shared between requests, so a
 * record type cached here must be immutable (readonly all the way down; writers build new ones).
 * One cache per Warden (per barrier), like the KMS key cache.
 */
export class DecodedCache<T> {
  private readonly entries = new Map<string, { readonly raw: Uint8Array; readonly rec: T }>();

  constructor(private readonly maxEntries = 10_000) {}

  get(entry: Entry, decode: (e: Entry) => T): T {
    const hit = this.entries.get(entry.key);
    if (hit !== undefined && sameBytes(hit.raw, entry.value)) return hit.rec;
    const rec = decode(entry);
    if (hit !== undefined) this.entries.delete(entry.key);
    else if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(entry.key, { raw: new Uint8Array(entry.value), rec });
    return rec;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
