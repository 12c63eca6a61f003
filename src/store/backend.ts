/**
 * The contract between the engine (transactions, retries, the audit queue) and a backend
 * (synchronous primitives). A commit runs synchronously inside one backend call, so within a
 * process no other commit interleaves with it.
 */
import { ConflictError, type AuditQuery, type AuditRecord, type Entry, type Store, type StoredAuditRecord } from './store.js';
import { bytesEqual } from './keys.js';

/** One condition a commit must find still true. `version` 0 means "the key must not exist". */
export interface CommitCheck {
  readonly key: string;
  readonly version: number;
  /**
   * Read-set entries also compare the bytes: versions restart at 1 after a delete, so a
   * delete-and-recreate between the read and the commit would otherwise pass unnoticed (ABA).
   */
  readonly value?: Uint8Array;
}

export interface CommitBatch {
  readonly checks: readonly CommitCheck[];
  /** `null` deletes. The values are private copies: the backend may keep them. */
  readonly writes: ReadonlyMap<string, Uint8Array | null>;
  readonly audit: readonly AuditRecord[];
}

/** The synchronous primitives a backend provides. */
export interface Backend {
  readonly kind: Store['kind'];
  readonly location: string;
  /** A copy the caller may keep and mutate. */
  get(key: string): Entry | undefined;
  /** The committed version, 0 when absent. */
  version(key: string): number;
  /** Keys starting with `prefix`, strictly after `after`, ascending code-point order, at most `limit`. */
  scan(prefix: string, after: string | undefined, limit: number | undefined): Entry[];
  /** All or nothing. Throws ConflictError, having applied nothing, when a check fails. */
  commit(batch: CommitBatch): void;
  /** All or nothing, in one transaction. */
  appendAudit(records: readonly AuditRecord[]): void;
  /**
   * Only for a backend other processes write too (sqlite.ts `sharedWriters`): a number that
   * changes whenever any process commits state; `ownCommit` says whether the last commit of this
   * process was the only change since the epoch it had seen (`seen`).
   */
  epoch?(): number;
  ownCommit?(seen: number): number | undefined;
  /** A caching layer's chance to notice other processes' commits (read-cache.ts), per transaction. */
  sync?(): void;
  queryAudit(q: AuditQuery): StoredAuditRecord[];
  /** Deletes audit records with eventTime before `olderThan`; returns how many. */
  pruneAudit(olderThan: string): number;
  /** Deletes every key not under `_warden/` and every audit record, atomically. */
  reset(): void;
  close(): void;
}

/** Keys under this prefix survive `reset()` (the barrier keyring). */
export const RESERVED_PREFIX = '_warden/';

/**
 * Another connection holds the write lock and this backend does not wait for it
 * (sqlite.ts `nonBlocking`): nothing was written; try again shortly, without blocking the thread.
 */
export class StoreBusyError extends Error {
  constructor(cause: unknown) {
    super('the store is busy (another connection holds the write lock)', { cause });
    this.name = 'StoreBusyError';
  }
}

export class StoreClosedError extends Error {
  constructor() {
    super('the store is closed');
    this.name = 'StoreClosedError';
  }
}

/** Validates every check against `current` (a backend's own lookup); throws ConflictError on the first miss. */
export function validateChecks(
  checks: readonly CommitCheck[],
  current: (key: string) => { readonly version: number; readonly value: Uint8Array } | undefined,
): void {
  for (const c of checks) {
    const cur = current(c.key);
    const version = cur?.version ?? 0;
    if (version !== c.version) throw new ConflictError(c.key);
    if (c.value !== undefined && cur !== undefined && !bytesEqual(cur.value, c.value)) throw new ConflictError(c.key);
  }
}
