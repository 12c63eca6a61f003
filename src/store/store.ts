/**
 * Warden's storage contract: an ordered key/value space with atomic multi-key commits and
 * optimistic versions, plus the audit log. Keys are `service/account/region/kind/id`.
 * Async although better-sqlite3 is synchronous, so a networked backend (postgres) fits later.
 */
export interface Entry {
  readonly key: string;
  readonly value: Uint8Array;
  /** Starts at 1 on first write; increases by one on every put. */
  readonly version: number;
}

export interface ScanPage {
  /** Return keys strictly greater than this one (pagination cursor). */
  readonly after?: string;
  /** At most this many entries (default: all). */
  readonly limit?: number;
}

export interface ReadTx {
  get(key: string): Promise<Entry | undefined>;
  /** Entries whose key starts with `prefix`, in ascending key order. */
  scan(prefix: string, page?: ScanPage): Promise<Entry[]>;
  /**
   * The committed audit log (newest first, or in log order), for services that read it
   * (CloudTrail LookupEvents and trail delivery).
   */
  queryAudit(q: AuditQuery): Promise<StoredAuditRecord[]>;
}

/**
 * Reads see committed state plus this transaction's own buffered writes. Every key read with `get`
 * joins the read set: if one changed before commit, `fn` runs again on fresh state. Scans are NOT
 * part of the read set (a key another writer adds to or removes from a scanned range is no
 * conflict); `expectVersion` compares with the committed version at commit.
 */
export interface WriteTx extends ReadTx {
  /**
   * Buffered until commit; later reads in the same transaction see it.
   * `expectVersion` 0 means "must not exist"; a mismatch at commit is a conflict.
   */
  put(key: string, value: Uint8Array, expectVersion?: number): void;
  delete(key: string, expectVersion?: number): void;
  /** An audit event committed atomically with this transaction's writes. */
  appendAudit(event: AuditRecord): void;
}

/** One CloudTrail event as stored: indexed columns plus the full JSON record. */
export interface AuditRecord {
  readonly eventId: string;
  readonly eventTime: string;
  readonly account: string;
  readonly region: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly requestId: string;
  /** The complete CloudTrail record, JSON-encoded. */
  readonly json: string;
  /**
   * Further lookup attributes derived from the record by its builder, indexed but not returned
   * by queries (the record itself is in `json`). A record without them is found only by the
   * columns above.
   */
  readonly attributes?: readonly AuditAttribute[];
  /**
   * CloudTrail eventCategory (`Management` when absent). Stored for filtering — event history
   * shows management events only — and, like `attributes`, not returned by queries.
   */
  readonly eventCategory?: string;
}

/** The LookupEvents attributes a store indexes beside the columns of AuditRecord. */
export type AuditAttributeKey = 'Username' | 'AccessKeyId' | 'ReadOnly' | 'ResourceName' | 'ResourceType';
export const AUDIT_ATTRIBUTE_KEYS: readonly AuditAttributeKey[] = ['Username', 'AccessKeyId', 'ReadOnly', 'ResourceName', 'ResourceType'];

export interface AuditAttribute {
  readonly key: AuditAttributeKey;
  readonly value: string;
}

export interface StoredAuditRecord extends Omit<AuditRecord, 'attributes' | 'eventCategory'> {
  /** Monotonic position in the log. */
  readonly seq: number;
}

export interface AuditQuery {
  readonly account?: string;
  readonly region?: string;
  readonly eventName?: string;
  readonly requestId?: string;
  readonly eventId?: string;
  readonly eventSource?: string;
  /** Only records with eventTime >= this (CloudTrail's second-precision UTC form, compared as text). */
  readonly startTime?: string;
  /** Only records with eventTime <= this (same form). */
  readonly endTime?: string;
  /**
   * A post-filter over the record (e.g. its parsed JSON), applied after the indexed filters and
   * before `limit`. Backends evaluate it in process, record by record, newest first.
   */
  readonly match?: (record: StoredAuditRecord) => boolean;
  /** Only records of this eventCategory (absent on the record: `Management`). */
  readonly eventCategory?: string;
  /** Only records carrying this derived attribute (AuditRecord.attributes). */
  readonly attribute?: AuditAttribute;
  /** Only records with seq lower than this. */
  readonly beforeSeq?: number;
  /** Only records with seq higher than this (log-order consumers such as trail delivery). */
  readonly afterSeq?: number;
  /**
   * Newest-first pagination cursor: only records strictly after this position in the `newest`
   * order, i.e. with (eventTime, seq) lower. Records appended later never shift such a page.
   */
  readonly before?: { readonly eventTime: string; readonly seq: number };
  /**
   * `newest` (default): by eventTime descending, then seq descending — CloudTrail's order, and
   * the order the indexes serve. `log`: by seq ascending, the order records were committed.
   * `latest`: by seq descending, the last committed first (whatever the clock said then).
   */
  readonly order?: 'newest' | 'log' | 'latest';
  readonly limit?: number;
}

export interface AuditLog {
  /**
   * Appends events not tied to a state change (reads, failures). Group-committed: resolves once
   * the event is durable. Rejects if it cannot be written — no audit, no answer.
   */
  append(event: AuditRecord): Promise<void>;
  /** Newest first unless `q.order` says otherwise. */
  query(q: AuditQuery): Promise<StoredAuditRecord[]>;
  /**
   * Deletes records with eventTime before this (CloudTrail's second-precision form); resolves
   * with how many were deleted. For retention (event history keeps 90 days).
   */
  prune(olderThan: string): Promise<number>;
  /** Resolves when every appended event is durable. */
  flush(): Promise<void>;
  /** False after a flush failed, true again after one succeeds: /health shows it (Vault's hung-sink lesson). */
  readonly healthy: boolean;
  /** The message of the most recent failed flush, kept for /health after recovery. */
  readonly lastError?: string;
}

/** An audit write failed: the request it belongs to must not be answered (no audit, no answer). */
export class AuditWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`audit log write failed: ${message}`, options);
    this.name = 'AuditWriteError';
  }
}

export class ConflictError extends Error {
  constructor(readonly key: string) {
    super(`write conflict on ${key}`);
    this.name = 'ConflictError';
  }
}

export interface Store {
  readonly kind: 'memory' | 'sqlite';
  /** Where it lives, for /health and the banner (path or ':memory:'). */
  readonly location: string;
  read<T>(fn: (tx: ReadTx) => Promise<T>): Promise<T>;
  /**
   * Runs `fn`, then commits its buffered writes and audit events all or nothing. On a version
   * conflict `fn` runs again (a bounded number of times) against fresh state. The promise
   * resolves only after the commit: an acknowledged write is durable.
   */
  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T>;
  readonly audit: AuditLog;
  /** Wipes all state and audit except keys under `_warden/` (the barrier keyring): /_warden/reset. */
  reset(): Promise<void>;
  close(): Promise<void>;
}
