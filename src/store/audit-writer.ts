/**
 * Audit appends on a thread of their own (DESIGN §5), so that writing a batch of records into the
 * inbox — SQLite's cost grows with the bytes, ~10 µs per KB of record on this machine, 20–35 µs of
 * a KMS or Secrets Manager request — no longer runs on the event loop that answers requests.
 *
 * The request thread hands a batch over through shared memory, not postMessage: session 3
 * measured a per-batch postMessage (structured clone of the records, the wake-up) at ~13 % of the
 * event loop, more than the insert it saved. Here one batch costs the request thread one
 * `encodeInto` of the batch's text and one wake-up (~25 µs, shared by the ~20 records a batch holds
 * under load). One batch is in flight at a time; what arrives meanwhile is the next batch, so the
 * group commit stays. A record is acknowledged only once the thread's transaction committed.
 *
 * The thread starts on the first append; until it is up, and for good if it dies, appends take the
 * request thread's own connection (`appendAuditAsync` answers undefined and the caller writes
 * synchronously), so an audit write never waits on the thread's health.
 *
 * Shared memory: control words | per record INBOX_COLUMNS lengths (UTF-8 bytes) | error text |
 * the batch's columns one after the other, UTF-8.
 */
import { Worker } from 'node:worker_threads';
import { AuditWriteError, type AuditRecord } from './store.js';
import { INBOX_COLUMNS, inboxValues } from './sqlite-audit.js';

/** Control words (Int32 indexes). */
export const CTL = { submitted: 0, done: 1, status: 2, stop: 3, count: 4, bytes: 5, errorBytes: 6 } as const;
const CTL_WORDS = 8;
/** Records one batch can carry. */
export const MAX_RECORDS = 4096;
const ERROR_BYTES = 4096;
/** UTF-8 bytes of a batch's text. */
const DATA_BYTES = 8 * 1024 * 1024;

export interface SharedLayout {
  readonly ctl: Int32Array;
  readonly lengths: Int32Array;
  readonly error: Uint8Array;
  readonly data: Uint8Array;
}

export function layout(sab: SharedArrayBuffer): SharedLayout {
  const lengthsAt = CTL_WORDS * 4;
  const errorAt = lengthsAt + MAX_RECORDS * INBOX_COLUMNS * 4;
  const dataAt = errorAt + ERROR_BYTES;
  return {
    ctl: new Int32Array(sab, 0, CTL_WORDS),
    lengths: new Int32Array(sab, lengthsAt, MAX_RECORDS * INBOX_COLUMNS),
    error: new Uint8Array(sab, errorAt, ERROR_BYTES),
    data: new Uint8Array(sab, dataAt, DATA_BYTES),
  };
}
const SHARED_BYTES = CTL_WORDS * 4 + MAX_RECORDS * INBOX_COLUMNS * 4 + ERROR_BYTES + DATA_BYTES;

export interface WriterThreadOptions {
  readonly file: string;
  /** How long the thread keeps retrying a write lock another connection holds. */
  readonly busyTimeoutMs: number;
  /** Whether the thread's connection leaves checkpoints to the maintenance thread. */
  readonly noAutoCheckpoint: boolean;
}

export class AuditWriterThread {
  private worker: Worker | undefined;
  private shared: SharedLayout | undefined;
  private ready = false;
  private dead = false;
  private submitted = 0;
  private pending: { resolve: () => void; reject: (e: Error) => void } | undefined;
  /** The shared data area as a Buffer (write at an offset: no view per value). */
  private data: Buffer | undefined;

  constructor(private readonly opts: WriterThreadOptions) {}

  /**
   * Hands `records` to the thread; resolves once they are committed. Undefined when the thread
   * cannot take them (not started yet, dead, or a batch too large): the caller writes them itself.
   * At most one batch is in flight.
   */
  append(records: readonly AuditRecord[]): Promise<void> | undefined {
    if (!this.ready) {
      this.start();
      return undefined;
    }
    if (this.pending !== undefined) throw new Error('an audit batch is already in flight');
    if (records.length === 0 || records.length > MAX_RECORDS) return undefined;
    const s = this.shared!;
    const data = this.data!;
    let at = 0;
    let i = 0;
    for (const r of records) {
      const values = inboxValues(r);
      for (let c = 0; c < INBOX_COLUMNS; c++) {
        const v = values[c]!;
        // At most 3 UTF-8 bytes per UTF-16 code unit: a value that might not fit sends the batch the other way.
        if (at + v.length * 3 > data.length) return undefined;
        const n = data.write(v, at, 'utf8');
        s.lengths[i++] = n;
        at += n;
      }
    }
    const written = at;
    Atomics.store(s.ctl, CTL.count, records.length);
    Atomics.store(s.ctl, CTL.bytes, written);
    const before = Atomics.load(s.ctl, CTL.done);
    const settled = new Promise<void>((resolve, reject) => (this.pending = { resolve, reject }));
    Atomics.store(s.ctl, CTL.submitted, ++this.submitted);
    Atomics.notify(s.ctl, CTL.submitted);
    this.worker!.ref();
    this.awaitDone(before);
    return settled;
  }

  /** Stops the thread (nothing may be in flight: the audit log flushes first). */
  close(): void {
    const w = this.worker;
    this.worker = undefined;
    this.ready = false;
    this.dead = true;
    if (w === undefined) return;
    Atomics.store(this.shared!.ctl, CTL.stop, 1);
    Atomics.notify(this.shared!.ctl, CTL.submitted);
    void w.terminate();
  }

  private start(): void {
    if (this.worker !== undefined || this.dead) return;
    const sab = new SharedArrayBuffer(SHARED_BYTES);
    this.shared = layout(sab);
    this.data = Buffer.from(sab, this.shared.data.byteOffset, this.shared.data.byteLength);
    const w = new Worker(new URL('./audit-writer-worker.js', import.meta.url), { workerData: { sab, ...this.opts } });
    this.worker = w;
    w.unref();
    w.once('message', () => (this.ready = this.worker === w));
    w.once('error', (e) => this.fail(`the audit writer thread failed: ${e.message}`));
    w.once('exit', () => this.fail('the audit writer thread exited'));
  }

  private fail(message: string): void {
    this.ready = false;
    this.dead = true;
    this.worker = undefined;
    const p = this.pending;
    this.pending = undefined;
    p?.reject(new AuditWriteError(message));
  }

  private awaitDone(before: number): void {
    const s = this.shared!;
    const w = Atomics.waitAsync(s.ctl, CTL.done, before);
    if (w.async) void w.value.then(() => this.settle());
    else this.settle();
  }

  private settle(): void {
    const s = this.shared!;
    if (Atomics.load(s.ctl, CTL.done) !== this.submitted) return this.awaitDone(Atomics.load(s.ctl, CTL.done));
    const p = this.pending;
    this.pending = undefined;
    this.worker?.unref();
    if (p === undefined) return;
    if (Atomics.load(s.ctl, CTL.status) === 0) return p.resolve();
    const n = Atomics.load(s.ctl, CTL.errorBytes);
    p.reject(new AuditWriteError(Buffer.from(s.error.buffer, s.error.byteOffset, n).toString('utf8')));
  }
}
