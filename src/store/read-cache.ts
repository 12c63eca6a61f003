/**
 * A bounded cache of point reads in front of a backend (DESIGN §5: hot state cached in memory,
 * invalidated by version). Every write to the backend passes through `commit`/`reset` here, so
 * the cache is exact for a backend that this process alone writes: keep one Warden process per
 * SQLite data dir (a second writer would leave entries stale). Scans and audit go straight through.
 */
import type { Backend, CommitBatch } from './backend.js';
import type { AuditQuery, AuditRecord, Entry, StoredAuditRecord } from './store.js';

/** `null`: known to be absent. */
type Cached = Entry | null;

export class CachingBackend implements Backend {
  private readonly cache = new Map<string, Cached>();
  /** The inner backend's epoch the cache is exact for (shared writers only). */
  private seenEpoch: number | undefined;

  constructor(
    private readonly inner: Backend,
    private readonly capacity: number,
  ) {
    this.seenEpoch = inner.epoch?.();
  }

  /**
   * With other processes writing the same data (Backend.epoch): forgets everything when any of
   * them committed since the last look. Called at the start of every transaction.
   */
  sync(): void {
    if (this.inner.epoch === undefined) return;
    const now = this.inner.epoch();
    if (now === this.seenEpoch) return;
    this.cache.clear();
    this.seenEpoch = now;
  }

  get kind(): Backend['kind'] {
    return this.inner.kind;
  }

  get location(): string {
    return this.inner.location;
  }

  get(key: string): Entry | undefined {
    let hit = this.cache.get(key);
    if (hit === undefined) {
      hit = this.inner.get(key) ?? null;
      this.remember(key, hit);
    } else if (this.cache.size > this.capacity / 2) {
      // Map order is insertion order: re-inserting marks the entry as recently used. Only near
      // the bound does recency matter; below it, re-inserting on every hit only churns the
      // Map's tables (garbage the young generation promotes).
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    // The contract hands out copies the caller may mutate.
    return hit === null ? undefined : { key, value: new Uint8Array(hit.value), version: hit.version };
  }

  version(key: string): number {
    const hit = this.cache.get(key);
    return hit === undefined ? this.inner.version(key) : (hit?.version ?? 0);
  }

  scan(prefix: string, after: string | undefined, limit: number | undefined): Entry[] {
    return this.inner.scan(prefix, after, limit);
  }

  commit(batch: CommitBatch): void {
    try {
      this.inner.commit(batch);
    } finally {
      // Forget rather than update: the backend assigns the versions.
      for (const key of batch.writes.keys()) this.cache.delete(key);
    }
    if (this.inner.ownCommit !== undefined && batch.writes.size > 0 && this.seenEpoch !== undefined) {
      // Our own commit moved the epoch: still exact, unless another process committed in between.
      const after = this.inner.ownCommit(this.seenEpoch);
      if (after === undefined) this.cache.clear();
      this.seenEpoch = after ?? this.inner.epoch!();
    }
  }

  appendAudit(records: readonly AuditRecord[]): void {
    this.inner.appendAudit(records);
  }

  queryAudit(q: AuditQuery): StoredAuditRecord[] {
    return this.inner.queryAudit(q);
  }

  pruneAudit(olderThan: string): number {
    return this.inner.pruneAudit(olderThan);
  }

  reset(): void {
    this.cache.clear();
    this.inner.reset();
  }

  close(): void {
    this.cache.clear();
    this.inner.close();
  }

  private remember(key: string, value: Cached): void {
    if (this.capacity <= 0) return;
    if (this.cache.size >= this.capacity) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, value);
  }
}
