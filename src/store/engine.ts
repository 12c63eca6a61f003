/**
 * What both backends share: buffered write transactions with read-set validation and retries,
 * over a `Backend` (backend.ts) and the audit writer (audit-log.ts). A backend only provides synchronous primitives (`Backend`),
 * so memory and SQLite behave identically by construction; the conformance suite checks it.
 *
 * Concurrency model. A commit (validate the checks, apply the writes, append the audit rows) runs
 * synchronously inside one backend call, so within a process no other commit can interleave with
 * it; across processes SQLite's `BEGIN IMMEDIATE` serializes commits. `fn` itself may await
 * freely: its reads are optimistic and validated at commit (first-committer-wins).
 */
import { ConflictError, type AuditQuery, type AuditRecord, type Entry, type StoredAuditRecord, type ReadTx, type ScanPage, type Store, type WriteTx } from './store.js';
import { StoreBusyError, StoreClosedError, type Backend, type CommitBatch, type CommitCheck } from './backend.js';
import { GroupCommitAuditLog, normalizeAudit } from './audit-log.js';
import { assertKey, assertLimit, assertWellFormed, compareKeys } from './keys.js';

/** `fn` runs at most this many times before a persistent conflict is returned to the caller. */
export const MAX_WRITE_ATTEMPTS = 10;

export interface EngineOptions {
  /** Audit group-commit window; 0 flushes on the next turn of the event loop. */
  readonly groupCommitMs: number;
}

// `new Uint8Array(v)` copies; `Buffer#slice` would return a view.
const copyBytes = (v: Uint8Array): Uint8Array => new Uint8Array(v);

function assertValue(value: Uint8Array): void {
  if (!(value instanceof Uint8Array)) throw new TypeError('a stored value must be a Uint8Array');
}

function assertExpectVersion(v: number | undefined): void {
  if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0)) {
    throw new RangeError(`expectVersion must be a non-negative integer, got ${String(v)}`);
  }
}

function checkScan(prefix: string, page: ScanPage | undefined): void {
  assertWellFormed(prefix);
  if (page?.after !== undefined) assertWellFormed(page.after, 'scan cursor');
  assertLimit(page?.limit);
}

/** `read()`: every call sees the latest committed state; it is not a snapshot. */
class DirectReadTx implements ReadTx {
  constructor(
    private readonly backend: Backend,
    private readonly live: () => void,
  ) {}

  async get(key: string): Promise<Entry | undefined> {
    this.live();
    assertKey(key);
    return this.backend.get(key);
  }

  async scan(prefix: string, page?: ScanPage): Promise<Entry[]> {
    this.live();
    checkScan(prefix, page);
    return this.backend.scan(prefix, page?.after, page?.limit);
  }

  async queryAudit(q: AuditQuery): Promise<StoredAuditRecord[]> {
    this.live();
    assertLimit(q.limit);
    return this.backend.queryAudit(q);
  }
}

/**
 * Buffers writes until commit. `get` records the committed version (and bytes) it saw in the read
 * set; the commit fails if any of them changed. Scans are NOT part of the read set: a key inserted
 * into or removed from a scanned range by another writer is not a conflict (no phantom
 * protection). Code that must not miss concurrent inserts reads or writes a guard key with `get`.
 * `expectVersion` is compared with the committed version at commit time, whatever this transaction
 * buffered for that key before.
 */
class BufferedWriteTx implements WriteTx {
  private readonly writes = new Map<string, Uint8Array | null>();
  private readonly reads = new Map<string, CommitCheck>();
  private readonly expects: CommitCheck[] = [];
  private readonly audit: AuditRecord[] = [];
  private done = false;

  constructor(
    private readonly backend: Backend,
    private readonly storeLive: () => void,
  ) {}

  async get(key: string): Promise<Entry | undefined> {
    this.live();
    assertKey(key);
    const own = this.writes.get(key);
    if (own === null) return undefined;
    if (own !== undefined) return { key, value: copyBytes(own), version: this.committedVersion(key) + 1 };
    const entry = this.backend.get(key);
    if (!this.reads.has(key)) {
      this.reads.set(key, entry ? { key, version: entry.version, value: copyBytes(entry.value) } : { key, version: 0 });
    }
    return entry;
  }

  async scan(prefix: string, page?: ScanPage): Promise<Entry[]> {
    this.live();
    checkScan(prefix, page);
    const after = page?.after;
    const limit = page?.limit;
    const mine: [string, Uint8Array | null][] = [];
    let deletes = 0;
    for (const [k, v] of this.writes) {
      if (k.startsWith(prefix) && (after === undefined || compareKeys(k, after) > 0)) {
        mine.push([k, v]);
        if (v === null) deletes++;
      }
    }
    if (mine.length === 0) return this.backend.scan(prefix, after, limit);
    // Each buffered delete can remove at most one committed entry from the page, so reading
    // `limit + deletes` committed entries is enough to fill the merged page.
    const committed = this.backend.scan(prefix, after, limit === undefined ? undefined : limit + deletes);
    const merged = new Map<string, Entry>();
    for (const e of committed) merged.set(e.key, e);
    for (const [k, v] of mine) {
      if (v === null) {
        merged.delete(k);
      } else {
        const base = merged.get(k)?.version ?? this.backend.version(k);
        merged.set(k, { key: k, value: copyBytes(v), version: base + 1 });
      }
    }
    const out = [...merged.values()].sort((a, b) => compareKeys(a.key, b.key));
    return limit === undefined ? out : out.slice(0, limit);
  }

  put(key: string, value: Uint8Array, expectVersion?: number): void {
    this.live();
    assertKey(key);
    assertValue(value);
    assertExpectVersion(expectVersion);
    this.expect(key, expectVersion);
    this.writes.set(key, copyBytes(value));
  }

  delete(key: string, expectVersion?: number): void {
    this.live();
    assertKey(key);
    assertExpectVersion(expectVersion);
    this.expect(key, expectVersion);
    this.writes.set(key, null);
  }

  /**
   * A version the caller read back from this transaction's own earlier write (committed + 1, or 0
   * after its own delete) means "unchanged since then": it is checked as the committed version.
   */
  private expect(key: string, expectVersion: number | undefined): void {
    if (expectVersion === undefined) return;
    const own = this.writes.get(key);
    if (own !== undefined) {
      const committed = this.committedVersion(key);
      const seen = own === null ? 0 : committed + 1;
      if (expectVersion === seen) {
        this.expects.push({ key, version: committed });
        return;
      }
    }
    this.expects.push({ key, version: expectVersion });
  }

  /** The committed audit log (this transaction's own events are not in it yet). */
  async queryAudit(q: AuditQuery): Promise<StoredAuditRecord[]> {
    this.live();
    assertLimit(q.limit);
    return this.backend.queryAudit(q);
  }

  appendAudit(event: AuditRecord): void {
    this.live();
    this.audit.push(normalizeAudit(event));
  }

  finish(): CommitBatch {
    this.done = true;
    return { checks: [...this.reads.values(), ...this.expects], writes: this.writes, audit: this.audit };
  }

  private committedVersion(key: string): number {
    return this.reads.get(key)?.version ?? this.backend.version(key);
  }

  private live(): void {
    if (this.done) throw new Error('the write transaction is finished; do not use it after fn returns');
    this.storeLive();
  }
}

/** How long a commit keeps trying while another connection holds the write lock. */
export const BUSY_RETRY_MS = 5000;

/**
 * Commits, retrying on later turns of the event loop while the backend reports the write lock
 * taken (StoreBusyError): the thread keeps serving requests meanwhile instead of sleeping in
 * SQLite's busy handler.
 */
async function commitWhenFree(backend: Backend, batch: CommitBatch, live: () => void): Promise<void> {
  const deadline = Date.now() + BUSY_RETRY_MS;
  for (;;) {
    try {
      backend.commit(batch);
      return;
    } catch (e) {
      if (!(e instanceof StoreBusyError) || Date.now() > deadline) throw e;
    }
    await new Promise((r) => setTimeout(r, 1));
    live();
  }
}

/** A Store over any Backend. */
export class EngineStore implements Store {
  readonly audit: GroupCommitAuditLog;
  private closed = false;
  private readonly live = (): void => {
    if (this.closed) throw new StoreClosedError();
  };

  constructor(
    private readonly backend: Backend,
    opts: EngineOptions,
  ) {
    this.audit = new GroupCommitAuditLog(backend, opts.groupCommitMs);
  }

  get kind(): Store['kind'] {
    return this.backend.kind;
  }

  get location(): string {
    return this.backend.location;
  }

  async read<T>(fn: (tx: ReadTx) => Promise<T>): Promise<T> {
    this.live();
    this.backend.sync?.();
    return fn(new DirectReadTx(this.backend, this.live));
  }

  async write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    this.live();
    let conflict: ConflictError | undefined;
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      // Writers that conflicted on one key would otherwise re-run in lockstep and conflict again
      // until the attempts run out: a random pause, doubling with the attempts (full jitter,
      // at most 64 ms), spreads them out.
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * Math.min(64, 2 ** attempt)));
      // Each attempt: a conflict with another process's commit must not read the stale entry again.
      this.backend.sync?.();
      const tx = new BufferedWriteTx(this.backend, this.live);
      let result: T;
      try {
        result = await fn(tx);
      } finally {
        // A throwing fn leaves nothing behind: its buffer is simply dropped.
        tx.finish();
      }
      this.live();
      try {
        await commitWhenFree(this.backend, tx.finish(), this.live);
        return result;
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        conflict = e;
      }
    }
    throw conflict ?? new ConflictError('(unknown)');
  }

  async reset(): Promise<void> {
    this.live();
    // Queued events belong to requests made before the reset: write (or fail) them first.
    await this.audit.flush().catch(() => undefined);
    this.backend.reset();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.audit.close();
    } finally {
      this.backend.close();
    }
  }
}
