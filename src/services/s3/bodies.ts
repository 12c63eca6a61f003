/**
 * Object bodies at rest, under the object's own data key, bound (AAD) to their bucket, key and
 * body id so a body file swapped under another object does not open. Two formats:
 *
 *   format 1 (whole, read only): AES-256-GCM over the whole body, iv ‖ ciphertext ‖ tag.
 *   format 2 (segmented, every new body): a 16-byte header (version 0x02, three zero bytes, the
 *     segment size as u32be, an 8-byte random nonce prefix), then the body in SEGMENT-byte
 *     plaintext segments, each sealed on its own as ciphertext ‖ tag with the nonce
 *     prefix ‖ u32be(index) and AAD = the body's binding ‖ header ‖ u32be(index) ‖ final flag.
 *     Reordered, dropped, repeated or truncated segments (the last one carries the final flag;
 *     an empty body is one empty final segment) do not open. A body can be written as it
 *     arrives and any byte range read by opening only the segments it covers.
 *
 * On disk a body is a file `<dataDir>/s3/<bodyId>`, written and fsynced (file and directory)
 * before the metadata that names it commits — an object is acknowledged only once durable; a
 * crash or a conflict retry leaves an orphan file that the sweeper removes. The store row
 * `body/<bodyId>` names the format (`{"file":true}` is format 1, `{"file":true,"format":2}`
 * format 2: the first byte of a format 1 body is a random IV byte, so the file alone cannot
 * tell). In memory (`--in-memory`) the sealed body (always format 2) is the store row.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { WardenBug } from '../../core/errors.js';
import type { BackgroundJob } from '../../core/operation.js';
import type { ReadTx, WriteTx } from '../../store/store.js';
import { BODY_PREFIX, bodyPath } from './state.js';

const IV = 12;
const TAG = 16;
/** Plaintext bytes per segment of a format 2 body. */
export const SEGMENT = 64 * 1024;
const HEADER = 16;
const SEGMENTED = 2;
/** Sealed bytes gathered before a write to the file, and read per read from it. */
const IO_BATCH = 1 << 20;
const FILE_WHOLE = '{"file":true}';
const FILE_SEGMENTED = '{"file":true,"format":2}';

/** A body that does not open under its data key and binding: tampered with, truncated or misplaced. */
export class BodyIntegrityError extends Error {}

export const newBodyId = (): string => randomBytes(16).toString('hex');
const aadOf = (bucket: string, key: string, bodyId: string): Buffer => Buffer.from(`s3-object\0${bucket}\0${key}\0${bodyId}`, 'utf8');

/** Format 1: the whole body in one AES-256-GCM message (no longer written; kept to read old bodies and for tests). */
export function sealBody(dek: Uint8Array, bucket: string, key: string, bodyId: string, plaintext: Uint8Array): Buffer {
  const iv = randomBytes(IV);
  const c = createCipheriv('aes-256-gcm', dek, iv);
  c.setAAD(aadOf(bucket, key, bodyId));
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([iv, ct, c.getAuthTag()]);
}

export function openBody(dek: Uint8Array, bucket: string, key: string, bodyId: string, sealed: Uint8Array): Buffer {
  const b = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (b.length < IV + TAG) throw new BodyIntegrityError(`s3 body ${bodyId} is truncated`);
  const d = createDecipheriv('aes-256-gcm', dek, b.subarray(0, IV));
  d.setAAD(aadOf(bucket, key, bodyId));
  d.setAuthTag(b.subarray(b.length - TAG));
  try {
    return Buffer.concat([d.update(b.subarray(IV, b.length - TAG)), d.final()]);
  } catch {
    throw new BodyIntegrityError(`s3 body ${bodyId} failed authentication (tampered or misplaced)`);
  }
}

/** The per-segment sealing of format 2. */
class Segments {
  constructor(
    private readonly dek: Buffer,
    private readonly binding: Buffer,
    private readonly header: Buffer,
    private readonly bodyId: string,
  ) {}

  private nonce(index: number): Buffer {
    const n = Buffer.alloc(IV);
    this.header.copy(n, 0, 8, 16);
    n.writeUInt32BE(index, 8);
    return n;
  }

  private aad(index: number, final: boolean): Buffer {
    const tail = Buffer.alloc(5);
    tail.writeUInt32BE(index, 0);
    tail[4] = final ? 1 : 0;
    return Buffer.concat([this.binding, this.header, tail]);
  }

  seal(index: number, final: boolean, plaintext: Uint8Array): Buffer[] {
    if (index > 0xffffffff) throw new WardenBug('s3 body has too many segments');
    const c = createCipheriv('aes-256-gcm', this.dek, this.nonce(index));
    c.setAAD(this.aad(index, final));
    const ct = c.update(plaintext);
    const rest = c.final();
    return rest.length > 0 ? [ct, rest, c.getAuthTag()] : [ct, c.getAuthTag()];
  }

  open(index: number, final: boolean, sealed: Buffer): Buffer {
    if (sealed.length < TAG) throw new BodyIntegrityError(`s3 body ${this.bodyId} is truncated`);
    const d = createDecipheriv('aes-256-gcm', this.dek, this.nonce(index));
    d.setAAD(this.aad(index, final));
    d.setAuthTag(sealed.subarray(sealed.length - TAG));
    try {
      const pt = d.update(sealed.subarray(0, sealed.length - TAG));
      const rest = d.final();
      return rest.length > 0 ? Buffer.concat([pt, rest]) : pt;
    } catch {
      throw new BodyIntegrityError(`s3 body ${this.bodyId} failed authentication at segment ${index} (tampered, truncated or misplaced)`);
    }
  }

  /** Zeroes the key copy. */
  wipe(): void {
    this.dek.fill(0);
  }
}

const dirOf = (dataDir: string): string => join(dataDir, 's3');

async function syncDir(dir: string): Promise<void> {
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

/**
 * Writes a new format 2 body as its plaintext arrives: `write` as often as needed, then `finish`
 * (durable, recorded in the transaction) or `abort` (the file is removed). Holds at most one
 * segment of plaintext and about IO_BATCH of ciphertext in memory (all of it in memory mode).
 */
export class BodyWriter {
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private out: Buffer[] = [];
  private outLength = 0;
  private index = 0;
  private written = 0;
  private closed = false;
  private sealedInMemory: Buffer | undefined;

  private constructor(
    readonly bodyId: string,
    private readonly segments: Segments,
    header: Buffer,
    private readonly dir: string | undefined,
    private readonly fh: FileHandle | undefined,
  ) {
    // The header goes out with the first segments.
    this.out = [header];
    this.outLength = header.length;
  }

  /** Starts a body; `dek` is copied (the caller may zero its own). */
  static async create(dataDir: string | undefined, dek: Uint8Array, bucket: string, key: string, bodyId = newBodyId()): Promise<BodyWriter> {
    const header = Buffer.alloc(HEADER);
    header[0] = SEGMENTED;
    header.writeUInt32BE(SEGMENT, 4);
    randomBytes(8).copy(header, 8);
    const segments = new Segments(Buffer.from(dek), aadOf(bucket, key, bodyId), header, bodyId);
    if (dataDir === undefined) return new BodyWriter(bodyId, segments, header, undefined, undefined);
    const dir = dirOf(dataDir);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const fh = await open(join(dir, bodyId), 'wx', 0o600);
    return new BodyWriter(bodyId, segments, header, dir, fh);
  }

  /** Plaintext bytes written so far. */
  get size(): number {
    return this.written;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.closed) throw new WardenBug('BodyWriter: write after finish/abort');
    if (chunk.length === 0) return;
    this.written += chunk.length;
    this.pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.pendingLength += chunk.length;
    // One full segment is always held back: only the end of the body says which segment is final.
    if (this.pendingLength > SEGMENT) {
      const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingLength);
      let off = 0;
      while (all.length - off > SEGMENT) {
        this.emit(this.segments.seal(this.index++, false, all.subarray(off, off + SEGMENT)));
        off += SEGMENT;
      }
      // Copy the remainder: the caller's buffer is not ours to keep.
      const rest = Buffer.from(all.subarray(off));
      this.pending = [rest];
      this.pendingLength = rest.length;
    }
    if (this.fh !== undefined && this.outLength >= IO_BATCH) await this.flush();
  }

  private emit(parts: Buffer[]): void {
    for (const p of parts) {
      this.out.push(p);
      this.outLength += p.length;
    }
  }

  private async flush(): Promise<void> {
    if (this.fh === undefined || this.out.length === 0) return;
    const parts = this.out;
    this.out = [];
    this.outLength = 0;
    await writeAll(this.fh, parts);
  }

  /** Seals the final segment and makes the body durable, then records it in `tx`. Returns the plaintext size. */
  async finish(tx: WriteTx): Promise<number> {
    if (this.closed) throw new WardenBug('BodyWriter: finish twice');
    const last = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingLength);
    this.emit(this.segments.seal(this.index++, true, last));
    this.pending = [];
    this.segments.wipe();
    this.closed = true;
    if (this.fh === undefined) {
      this.sealedInMemory = Buffer.concat(this.out);
      tx.put(bodyPath(this.bodyId), this.sealedInMemory);
      this.out = [];
      return this.written;
    }
    try {
      await writeAll(this.fh, this.out);
      this.out = [];
      await this.fh.sync();
    } catch (err) {
      await this.fh.close().catch(() => undefined);
      await unlink(join(this.dir!, this.bodyId)).catch(() => undefined);
      throw err;
    }
    await this.fh.close();
    await syncDir(this.dir!);
    tx.put(bodyPath(this.bodyId), Buffer.from(FILE_SEGMENTED));
    return this.written;
  }

  /** Where the finished body is (to read it back before its record commits). */
  stored(): StoredBody {
    if (this.sealedInMemory !== undefined) return { bodyId: this.bodyId, format: 2, sealed: this.sealedInMemory };
    return { bodyId: this.bodyId, format: 2, path: join(this.dir!, this.bodyId) };
  }

  /** Drops the body: nothing is recorded and the file is removed. */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.segments.wipe();
    this.pending = [];
    this.out = [];
    if (this.fh === undefined) return;
    await this.fh.close().catch(() => undefined);
    await unlink(join(this.dir!, this.bodyId)).catch(() => undefined);
  }
}

async function writeAll(fh: FileHandle, parts: Buffer[]): Promise<void> {
  // writev may write less than asked; go on from where it stopped.
  let rest = parts;
  while (rest.length > 0) {
    const total = rest.reduce((n, p) => n + p.length, 0);
    const { bytesWritten } = await fh.writev(rest);
    if (bytesWritten === total) return;
    let skip = bytesWritten;
    const next: Buffer[] = [];
    for (const p of rest) {
      if (skip >= p.length) {
        skip -= p.length;
        continue;
      }
      next.push(skip > 0 ? p.subarray(skip) : p);
      skip = 0;
    }
    rest = next;
  }
}

/** Writes a whole body at once (format 2). */
export async function storeBody(tx: WriteTx, dataDir: string | undefined, dek: Uint8Array, bucket: string, key: string, plaintext: Uint8Array, bodyId = newBodyId()): Promise<string> {
  const w = await BodyWriter.create(dataDir, dek, bucket, key, bodyId);
  try {
    await w.write(plaintext);
    await w.finish(tx);
  } catch (err) {
    await w.abort();
    throw err;
  }
  return bodyId;
}

/** A body opened for reading: its plaintext size, and any range of it decrypted as it is read. */
export interface BodyReader {
  readonly size: number;
  /** The plaintext bytes [start, end), authenticated segment by segment. Throws BodyIntegrityError. */
  range(start: number, end: number): AsyncGenerator<Buffer>;
  /** Releases the file and wipes the key copy; idempotent. */
  close(): Promise<void>;
}

interface SealedSource {
  readonly length: number;
  readAt(pos: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

function memorySource(b: Buffer): SealedSource {
  return { length: b.length, readAt: async (pos, length) => b.subarray(pos, pos + length), close: async () => {} };
}

async function fileSource(path: string): Promise<SealedSource> {
  const fh = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'ENOENT' ? new BodyIntegrityError(`s3 body file ${path} is missing`) : err;
  });
  const length = (await fh.stat()).size;
  let closed = false;
  return {
    length,
    async readAt(pos, len) {
      const buf = Buffer.allocUnsafe(len);
      let got = 0;
      while (got < len) {
        const { bytesRead } = await fh.read(buf, got, len - got, pos + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return buf.subarray(0, got);
    },
    async close() {
      if (closed) return;
      closed = true;
      await fh.close().catch(() => undefined);
    },
  };
}

/** Where a body is and in which format (from its store row), to open later outside the transaction. */
export interface StoredBody {
  readonly bodyId: string;
  readonly format: 1 | 2;
  /** The body file (on disk). */
  readonly path?: string;
  /** The sealed body (in memory). */
  readonly sealed?: Buffer;
}

export async function findBody(tx: ReadTx, dataDir: string | undefined, bodyId: string): Promise<StoredBody> {
  const row = await tx.get(bodyPath(bodyId));
  if (row === undefined) throw new WardenBug(`s3 body ${bodyId} is missing`);
  if (dataDir === undefined) return { bodyId, format: 2, sealed: Buffer.from(row.value.buffer, row.value.byteOffset, row.value.byteLength) };
  const marker = Buffer.from(row.value).toString('utf8');
  if (marker !== FILE_WHOLE && marker !== FILE_SEGMENTED) throw new WardenBug(`s3 body ${bodyId} has an unknown record ${marker}`);
  return { bodyId, format: marker === FILE_WHOLE ? 1 : 2, path: join(dirOf(dataDir), bodyId) };
}

/** Opens a body of either format; `dek` is copied. */
export async function openBodyReader(body: StoredBody, dek: Uint8Array, bucket: string, key: string): Promise<BodyReader> {
  const source = body.sealed !== undefined ? memorySource(body.sealed) : await fileSource(body.path!);
  try {
    if (body.format === 1) return wholeReader(openBody(dek, bucket, key, body.bodyId, await source.readAt(0, source.length)));
    return await segmentedReader(source, dek, bucket, key, body.bodyId);
  } catch (err) {
    await source.close();
    throw err;
  } finally {
    if (body.format === 1) await source.close();
  }
}

function wholeReader(plaintext: Buffer): BodyReader {
  return {
    size: plaintext.length,
    async *range(start, end) {
      if (end > start) yield plaintext.subarray(start, end);
    },
    close: async () => {
      plaintext.fill(0);
    },
  };
}

async function segmentedReader(source: SealedSource, dek: Uint8Array, bucket: string, key: string, bodyId: string): Promise<BodyReader> {
  const header = Buffer.from(await source.readAt(0, HEADER));
  const corrupt = (why: string) => new BodyIntegrityError(`s3 body ${bodyId} ${why}`);
  if (header.length < HEADER || header[0] !== SEGMENTED || header[1] !== 0 || header[2] !== 0 || header[3] !== 0) throw corrupt('has no valid header');
  const seg = header.readUInt32BE(4);
  if (seg === 0 || seg > 1 << 24) throw corrupt('has an invalid segment size');
  const unit = seg + TAG;
  const sealedLength = source.length - HEADER;
  const count = Math.ceil(sealedLength / unit);
  if (count === 0) throw corrupt('is truncated');
  const lastSealed = sealedLength - (count - 1) * unit;
  if (lastSealed < TAG) throw corrupt('is truncated');
  const size = (count - 1) * seg + lastSealed - TAG;
  const segments = new Segments(Buffer.from(dek), aadOf(bucket, key, bodyId), header, bodyId);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    segments.wipe();
    await source.close();
  };
  const batch = Math.max(1, Math.floor(IO_BATCH / unit));
  return {
    size,
    close,
    async *range(start, end) {
      if (!(start >= 0 && start <= end && end <= size)) throw new WardenBug(`s3 body range [${start}, ${end}) outside 0..${size}`);
      // An empty body is one empty final segment: open it all the same, so tampering shows.
      const first = size === 0 ? 0 : Math.floor(start / seg);
      const last = size === 0 ? 0 : end > start ? Math.floor((end - 1) / seg) : first;
      if (end === start && size !== 0) return;
      for (let i = first; i <= last; i += batch) {
        const j = Math.min(last, i + batch - 1);
        const pos = HEADER + i * unit;
        const len = j < count - 1 ? (j - i + 1) * unit : (count - 1 - i) * unit + lastSealed;
        const buf = await source.readAt(pos, len);
        if (buf.length < len) throw corrupt('is truncated');
        for (let k = i; k <= j; k++) {
          const at = (k - i) * unit;
          const pt = segments.open(k, k === count - 1, buf.subarray(at, Math.min(at + unit, buf.length)));
          const from = k === first ? start - k * seg : 0;
          const to = k === last ? end - k * seg : pt.length;
          if (to > from) yield pt.subarray(from, to);
        }
      }
    },
  };
}

/** Removes a body file no record names (a write that failed before its commit). */
export async function removeBodyFile(dataDir: string | undefined, bodyId: string): Promise<void> {
  if (dataDir !== undefined) await unlink(join(dirOf(dataDir), bodyId)).catch(() => undefined);
}

/** Forgets a body; its file goes with the next sweep. */
export function dropBody(tx: WriteTx, bodyId: string): void {
  tx.delete(bodyPath(bodyId));
}

/** Orphans are only removed once older than this, so a body written for an uncommitted request survives its commit. */
const ORPHAN_AGE_MS = 10 * 60_000;

/** Removes body files no object refers to any more (deleted, overwritten, or never committed). */
export const sweepBodies: BackgroundJob = {
  name: 's3-body-sweeper',
  intervalMs: () => 5 * 60_000,
  async run(env) {
    if (env.config.inMemory) return;
    const dir = dirOf(env.config.dataDir);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    const live = await env.store.read(async (tx) => new Set((await tx.scan(BODY_PREFIX)).map((e) => e.key.slice(BODY_PREFIX.length))));
    for (const name of names) {
      if (live.has(name) || !/^[0-9a-f]{32}$/.test(name)) continue;
      const st = await stat(join(dir, name)).catch(() => undefined);
      if (st !== undefined && env.clock.now() - st.mtimeMs > ORPHAN_AGE_MS) await unlink(join(dir, name)).catch(() => undefined);
    }
  },
};
