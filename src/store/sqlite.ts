/**
 * The SQLite backend (the default): better-sqlite3, WAL, `synchronous=NORMAL`.
 *
 * Durability: in WAL mode with `synchronous=NORMAL` a commit is in the WAL (the OS page cache)
 * when it returns, so it survives the process being killed (the crash test SIGKILLs a writer);
 * only a power loss or kernel crash can lose the last commits before a checkpoint. That is the
 * trade DESIGN §5 makes: `FULL` costs an fsync (~150 µs here) per commit.
 *
 * Keys are TEXT with the BINARY collation, i.e. UTF-8 byte order = code-point order, the order
 * the memory backend uses too. Every statement is prepared once.
 */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import type { AuditQuery, AuditRecord, Entry, Store, StoredAuditRecord } from './store.js';
import { RESERVED_PREFIX, StoreBusyError, validateChecks, type Backend, type CommitBatch } from './backend.js';
import { CachingBackend } from './read-cache.js';
import { EngineStore } from './engine.js';
import { compareKeys } from './keys.js';
import { auditIndexer, auditInserter, type AuditIndexer } from './sqlite-audit.js';

export interface SqliteStoreOptions {
  /** Created (mode 0700) if missing. */
  readonly dataDir: string;
  /** The database file inside dataDir; default `warden.db`. */
  readonly file?: string;
  /** Audit group-commit window in ms; default 0 (the next event-loop turn). */
  readonly groupCommitMs?: number;
  /**
   * Entries of the point-read cache (read-cache.ts); default 0 = none. Only for a process that
   * is the data dir's sole writer (`warden start`), since other writers' commits are not seen.
   */
  readonly readCacheEntries?: number;
  /**
   * Checkpoint the WAL on the maintenance thread instead of inside commits (maintenance-worker.ts):
   * measured at ~9 % of a loaded server's event-loop time otherwise. Default false.
   */
  readonly backgroundCheckpoint?: boolean;
  /**
   * Another process on this data dir runs the maintenance thread (`warden start --workers`:
   * worker 0): no checkpoints inside commits, and no thread here. Default false.
   */
  readonly maintenanceElsewhere?: boolean;
  /** How long to wait for another process's write lock; default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /**
   * Never block the thread on another connection's write lock (the indexer thread's, another
   * worker's): a commit or audit append finding it taken throws StoreBusyError at once, and the
   * engine and the audit log retry on a later turn of the event loop. Audit queries still wait
   * (busyTimeoutMs). Default false.
   */
  readonly nonBlocking?: boolean;
  /**
   * Index the audit inbox on the maintenance thread (maintenance-worker.ts) with its own connection, when the
   * log is quiet or its backlog large; without it queries index what they find pending. Default false.
   */
  readonly auditIndexer?: boolean;
  /**
   * Other processes (`warden start --workers N`) write this data dir too: every commit of state
   * bumps an epoch row, and the read cache is dropped when the epoch moved under it. Default false.
   */
  readonly sharedWriters?: boolean;
}

export function openSqliteStore(opts: SqliteStoreOptions): Store {
  const backend = new SqliteBackend(opts);
  const cached = opts.readCacheEntries ? new CachingBackend(backend, opts.readCacheEntries) : backend;
  return new EngineStore(cached, { groupCommitMs: opts.groupCommitMs ?? 0 });
}

/** Runs a write, turning "another connection holds the lock" into StoreBusyError. */
function nonBlocking<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Database.SqliteError && e.code.startsWith('SQLITE_BUSY')) throw new StoreBusyError(e);
    throw e;
  }
}

/**
 * Schema migrations, one per version, applied in order inside an IMMEDIATE transaction; the
 * version is `PRAGMA user_version`. Append; never edit a released entry.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE kv (
     key TEXT PRIMARY KEY,
     value BLOB NOT NULL,
     version INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id TEXT NOT NULL,
     event_time TEXT NOT NULL,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     event_source TEXT NOT NULL,
     event_name TEXT NOT NULL,
     request_id TEXT NOT NULL,
     json TEXT NOT NULL
   );
   CREATE INDEX audit_account_region_seq ON audit (account, region, seq);
   CREATE INDEX audit_event_name_seq ON audit (event_name, seq);
   CREATE INDEX audit_request_id_seq ON audit (request_id, seq);`,
  // 2: LookupEvents at scale. Every attribute it filters by has an index that serves a page
  // newest first (eventTime, then seq) within one account and Region: the columns of `audit`
  // directly, the attributes only the JSON holds (user name, access key, read-only, resources)
  // through `audit_attr`; read-only, dense either way, is a column filtered while walking
  // audit_newest. Existing rows are indexed from their JSON.
  `CREATE TABLE audit_attr (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     k TEXT NOT NULL,
     v TEXT NOT NULL,
     event_time TEXT NOT NULL,
     seq INTEGER NOT NULL,
     PRIMARY KEY (account, region, k, v, event_time, seq)
   ) WITHOUT ROWID;
   ALTER TABLE audit ADD COLUMN read_only INTEGER;
   ALTER TABLE audit ADD COLUMN event_category TEXT NOT NULL DEFAULT 'Management';
   UPDATE audit SET event_category = json_extract(json, '$.eventCategory') WHERE json_type(json, '$.eventCategory') = 'text';
   UPDATE audit SET read_only = CASE json_type(json, '$.readOnly') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END;
   DROP INDEX audit_account_region_seq;
   DROP INDEX audit_event_name_seq;
   CREATE INDEX audit_newest ON audit (account, region, event_time, seq);
   CREATE INDEX audit_event_name ON audit (account, region, event_name, event_time, seq);
   CREATE INDEX audit_event_source ON audit (account, region, event_source, event_time, seq);
   CREATE INDEX audit_event_id ON audit (event_id);
   INSERT OR IGNORE INTO audit_attr
     SELECT account, region, 'AccessKeyId', json_extract(json, '$.userIdentity.accessKeyId'), event_time, seq FROM audit
     WHERE json_type(json, '$.userIdentity.accessKeyId') = 'text';
   INSERT OR IGNORE INTO audit_attr
     SELECT account, region, 'Username', u, event_time, seq FROM (
       SELECT account, region, event_time, seq,
         CASE json_extract(json, '$.userIdentity.type')
           WHEN 'Root' THEN coalesce(json_extract(json, '$.userIdentity.userName'), 'root')
           WHEN 'IAMUser' THEN json_extract(json, '$.userIdentity.userName')
           WHEN 'AssumedRole' THEN nullif(substr(json_extract(json, '$.userIdentity.principalId'), instr(json_extract(json, '$.userIdentity.principalId'), ':') + 1), '')
           WHEN 'FederatedUser' THEN nullif(substr(json_extract(json, '$.userIdentity.principalId'), instr(json_extract(json, '$.userIdentity.principalId'), ':') + 1), '')
         END AS u
       FROM audit)
     WHERE u IS NOT NULL;
   INSERT OR IGNORE INTO audit_attr
     SELECT a.account, a.region, 'ResourceName', json_extract(r.value, '$.ARN'), a.event_time, a.seq
     FROM audit a, json_each(a.json, '$.resources') r WHERE json_type(r.value, '$.ARN') = 'text';
   INSERT OR IGNORE INTO audit_attr
     SELECT a.account, a.region, 'ResourceType', json_extract(r.value, '$.type'), a.event_time, a.seq
     FROM audit a, json_each(a.json, '$.resources') r WHERE json_type(r.value, '$.type') = 'text';`,
  // 3: the request path appends to an inbox without secondary indexes; an indexer moves its rows
  // into audit/audit_attr (sqlite-audit.ts). Its sequence continues audit's.
  `CREATE TABLE audit_inbox (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id TEXT NOT NULL,
     event_time TEXT NOT NULL,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     event_source TEXT NOT NULL,
     event_name TEXT NOT NULL,
     request_id TEXT NOT NULL,
     event_category TEXT NOT NULL,
     attrs TEXT NOT NULL,
     json TEXT NOT NULL
   );
   INSERT INTO sqlite_sequence (name, seq) SELECT 'audit_inbox', coalesce(max(seq), 0) FROM audit;`,
  // 4: the inbox keeps its rows as the log's record text; indexing writes `audit` without the
  // JSON (kept once, in the inbox) and advances a watermark instead of deleting (sqlite-audit.ts).
  `CREATE TABLE audit_indexed (
     id INTEGER PRIMARY KEY CHECK (id = 0),
     seq INTEGER NOT NULL
   );
   INSERT INTO audit_indexed (id, seq) SELECT 0, coalesce(max(seq), 0) FROM audit;`,
];
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The shared-writers epoch (kept by reset, like everything under `_warden/`). */
const EPOCH_KEY = `${RESERVED_PREFIX}epoch`;

// Since schema 4 an indexed row's record text stays in audit_inbox (json '' in audit).
const AUDIT_COLUMNS =
  'a.seq AS seq, a.event_id AS eventId, a.event_time AS eventTime, a.account AS account, a.region AS region, ' +
  "a.event_source AS eventSource, a.event_name AS eventName, a.request_id AS requestId, " +
  "CASE a.json WHEN '' THEN (SELECT i.json FROM audit_inbox i WHERE i.seq = a.seq) ELSE a.json END AS json";

interface Row {
  readonly value: Buffer;
  readonly version: number;
}
interface KeyedRow extends Row {
  readonly key: string;
}

/**
 * The least string above every string that starts with `prefix` (increment its last code point),
 * or undefined when there is none ('' or a trailing U+10FFFF).
 */
export function prefixUpperBound(prefix: string): string | undefined {
  let p = prefix;
  while (p.length > 0) {
    const last = p.codePointAt(p.length - 1)!;
    // A trailing low surrogate belongs to a pair: take the whole code point.
    const isPair = last >= 0xdc00 && last <= 0xdfff && p.length >= 2;
    const cp = isPair ? p.codePointAt(p.length - 2)! : last;
    const head = p.slice(0, p.length - (isPair ? 2 : 1));
    if (cp < 0x10ffff) return head + String.fromCodePoint(cp + 1 === 0xd800 ? 0xe000 : cp + 1);
    p = head;
  }
  return undefined;
}

function migrate(db: Database.Database): void {
  const current = (): number => db.pragma('user_version', { simple: true }) as number;
  if (current() > SCHEMA_VERSION) {
    throw new Error(
      `the data dir's database has schema version ${current()}, newer than this Warden (${SCHEMA_VERSION}); upgrade Warden`,
    );
  }
  for (let v = current(); v < SCHEMA_VERSION; v = current()) {
    db.transaction(() => {
      // Re-read inside the write lock: another process may have migrated meanwhile.
      const now = current();
      if (now >= SCHEMA_VERSION) return;
      db.exec(MIGRATIONS[now]!);
      db.pragma(`user_version = ${now + 1}`);
    }).immediate();
  }
}

export class SqliteBackend implements Backend {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly auditQueries = new Map<string, Database.Statement>();
  private readonly commitTx: (batch: CommitBatch) => void;
  private readonly auditTx: (records: readonly AuditRecord[]) => void;
  private readonly resetTx: () => void;
  /** maintenance-worker.ts: background checkpoints and audit indexing. */
  private maintenance: Worker | undefined;
  private readonly indexer: AuditIndexer;
  /** Indexes the audit inbox (waiting for the write lock if need be). */
  private readonly catchUp: () => void;
  /** Only with `sharedWriters`: see Backend.epoch/ownCommit. */
  readonly epoch?: () => number;
  readonly ownCommit?: (seen: number) => number | undefined;
  /** The epoch before and after this process's last commit of state. */
  private lastCommit: { before: number; after: number } | undefined;

  constructor(opts: SqliteStoreOptions) {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    this.location = resolve(opts.dataDir, opts.file ?? 'warden.db');
    // Create the file ourselves so it is 0600 from the start; SQLite gives -wal and -shm the same mode.
    if (!existsSync(this.location)) closeSync(openSync(this.location, 'a', 0o600));
    const db = new Database(this.location);
    this.db = db;
    const busyTimeoutMs = Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000));
    try {
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db);
      if (opts.nonBlocking) db.pragma('busy_timeout = 0');
      if (opts.backgroundCheckpoint || opts.maintenanceElsewhere) db.pragma('wal_autocheckpoint = 0');
      if ((opts.backgroundCheckpoint || opts.auditIndexer) && !opts.maintenanceElsewhere) {
        this.maintenance = new Worker(new URL('./maintenance-worker.js', import.meta.url), {
          workerData: { file: this.location, intervalMs: 200, checkpoint: opts.backgroundCheckpoint === true, index: opts.auditIndexer === true },
        });
        this.maintenance.unref();
      }
    } catch (e) {
      db.close();
      throw e;
    }
    this.stmt = {
      get: db.prepare<[string], Row>('SELECT value, version FROM kv WHERE key = ?'),
      version: db.prepare<[string], number>('SELECT version FROM kv WHERE key = ?').pluck(),
      // Ranges: [from, to) and (after, to); without an upper bound (prefix '' or ending in
      // U+10FFFF) the scan walks on and stops at the first key outside the prefix.
      scanFromTo: db.prepare<[string, string, number], KeyedRow>(
        'SELECT key, value, version FROM kv WHERE key >= ? AND key < ? ORDER BY key LIMIT ?',
      ),
      scanAfterTo: db.prepare<[string, string, number], KeyedRow>(
        'SELECT key, value, version FROM kv WHERE key > ? AND key < ? ORDER BY key LIMIT ?',
      ),
      scanFrom: db.prepare<[string, number], KeyedRow>('SELECT key, value, version FROM kv WHERE key >= ? ORDER BY key LIMIT ?'),
      scanAfter: db.prepare<[string, number], KeyedRow>('SELECT key, value, version FROM kv WHERE key > ? ORDER BY key LIMIT ?'),
      put: db.prepare<[string, Uint8Array]>(
        'INSERT INTO kv (key, value, version) VALUES (?, ?, 1) ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = kv.version + 1',
      ),
      del: db.prepare<[string]>('DELETE FROM kv WHERE key = ?'),
      resetKv: db.prepare<[string, string]>('DELETE FROM kv WHERE key < ? OR key >= ?'),
      resetAudit: db.prepare('DELETE FROM audit'),
      resetAttr: db.prepare('DELETE FROM audit_attr'),
      resetInbox: db.prepare('DELETE FROM audit_inbox'),
      pruneInbox: db.prepare<[number, string]>('DELETE FROM audit_inbox WHERE seq <= ? AND event_time < ?'),
      oldest: db.prepare<[number], { seq: number; eventTime: string }>('SELECT seq, event_time AS eventTime FROM audit ORDER BY seq LIMIT ?'),
      pruneAudit: db.prepare<[number, string]>('DELETE FROM audit WHERE seq <= ? AND event_time < ?'),
      pruneAttr: db.prepare<[string, number]>('DELETE FROM audit_attr WHERE event_time < ? AND seq <= ?'),
    };
    const insertAudit = auditInserter(db);
    this.indexer = auditIndexer(db);

    const shared = opts.sharedWriters === true;
    const bumpEpoch = db.prepare<[string]>('INSERT INTO kv (key, value, version) VALUES (?, x\'\', 1) ON CONFLICT (key) DO UPDATE SET version = kv.version + 1');
    const commit = db.transaction((batch: CommitBatch) => {
      validateChecks(batch.checks, (k) => this.stmt.get.get(k));
      for (const [key, value] of batch.writes) {
        if (value === null) this.stmt.del.run(key);
        else this.stmt.put.run(key, value);
      }
      if (shared && batch.writes.size > 0) {
        const before = this.stmt.version.get(EPOCH_KEY) ?? 0;
        bumpEpoch.run(EPOCH_KEY);
        this.lastCommit = { before, after: before + 1 };
      }
      insertAudit(batch.audit);
    });
    if (shared) {
      this.epoch = () => this.stmt.version.get(EPOCH_KEY) ?? 0;
      this.ownCommit = (seen) => (this.lastCommit !== undefined && this.lastCommit.before === seen ? this.lastCommit.after : undefined);
    }
    // IMMEDIATE: take the write lock before validating, so another process cannot commit between
    // our checks and our writes.
    this.commitTx = (batch) => nonBlocking(() => commit.immediate(batch));
    const audit = db.transaction(insertAudit);
    this.auditTx = (records) => nonBlocking(() => audit.immediate(records));
    // Queries and pruning index the inbox first, and wait for the lock to do it.
    const waiting = (fn: () => void): void => {
      if (!opts.nonBlocking) return fn();
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      try {
        fn();
      } finally {
        db.pragma('busy_timeout = 0');
      }
    };
    this.catchUp = () => waiting(() => this.indexer.catchUp());
    const reset = db.transaction(() => {
      this.stmt.resetKv.run(RESERVED_PREFIX, prefixUpperBound(RESERVED_PREFIX)!);
      if (shared) bumpEpoch.run(EPOCH_KEY);
      this.stmt.resetAudit.run();
      this.stmt.resetAttr.run();
      this.stmt.resetInbox.run();
    });
    this.resetTx = () => reset.immediate();
  }

  get(key: string): Entry | undefined {
    const row = this.stmt.get.get(key);
    return row && { key, value: row.value, version: row.version };
  }

  version(key: string): number {
    return this.stmt.version.get(key) ?? 0;
  }

  scan(prefix: string, after: string | undefined, limit: number | undefined): Entry[] {
    if (limit === 0) return [];
    const max = limit ?? -1;
    const fromAfter = after !== undefined && compareKeys(after, prefix) >= 0;
    const start = fromAfter ? after : prefix;
    const upper = prefixUpperBound(prefix);
    if (upper !== undefined) {
      return (fromAfter ? this.stmt.scanAfterTo : this.stmt.scanFromTo).all(start, upper, max);
    }
    const out: Entry[] = [];
    for (const row of (fromAfter ? this.stmt.scanAfter : this.stmt.scanFrom).iterate(start, max)) {
      if (!row.key.startsWith(prefix)) break;
      out.push(row);
    }
    return out;
  }

  commit(batch: CommitBatch): void {
    if (batch.writes.size === 0 && batch.audit.length === 0) {
      // Nothing to write: validating the read set is enough, no write lock needed.
      validateChecks(batch.checks, (k) => this.stmt.get.get(k));
      return;
    }
    this.commitTx(batch);
  }

  appendAudit(records: readonly AuditRecord[]): void {
    if (records.length > 0) this.auditTx(records);
  }

  queryAudit(q: AuditQuery): StoredAuditRecord[] {
    // Every committed event is visible to a query: index what the inbox still holds first.
    this.catchUp();
    // With an attribute the page is read from audit_attr's index (alias x) and joined to its
    // rows; otherwise from audit's own indexes. Either way the ORDER BY matches an index, so a
    // page costs O(limit) however large the log (PERFORMANCE.md, bench/lookup.ts).
    // ReadOnly is a column of audit (dense: filtered while walking audit_newest), the other
    // attributes rows of audit_attr.
    const attr = q.attribute !== undefined && q.attribute.key !== 'ReadOnly' ? q.attribute : undefined;
    const t = attr !== undefined ? 'x' : 'a';
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: q.limit ?? -1 };
    const filter = (column: string, name: string, value: string | number | undefined, op = '='): void => {
      if (value === undefined) return;
      where.push(`${column} ${op} @${name}`);
      params[name] = value;
    };
    filter(`${t}.account`, 'account', q.account);
    filter(`${t}.region`, 'region', q.region);
    if (attr !== undefined) {
      filter('x.k', 'attrKey', attr.key);
      filter('x.v', 'attrValue', attr.value);
    } else if (q.attribute !== undefined) {
      // Any value but 'true'/'false' matches nothing, as in the memory backend.
      filter('a.read_only', 'readOnly', q.attribute.value === 'true' ? 1 : q.attribute.value === 'false' ? 0 : -1);
    }
    filter('a.event_name', 'eventName', q.eventName);
    filter('a.request_id', 'requestId', q.requestId);
    filter('a.event_id', 'eventId', q.eventId);
    filter('a.event_source', 'eventSource', q.eventSource);
    // A residual filter: event history's indexes hold every category.
    filter('a.event_category', 'eventCategory', q.eventCategory);
    filter(`${t}.event_time`, 'startTime', q.startTime, '>=');
    filter(`${t}.event_time`, 'endTime', q.endTime, '<=');
    filter(`${t}.seq`, 'beforeSeq', q.beforeSeq, '<');
    filter(`${t}.seq`, 'afterSeq', q.afterSeq, '>');
    if (q.before !== undefined) {
      where.push(`(${t}.event_time, ${t}.seq) < (@beforeTime, @beforeCursorSeq)`);
      params['beforeTime'] = q.before.eventTime;
      params['beforeCursorSeq'] = q.before.seq;
    }
    // The planner, without statistics, may prefer walking audit_newest in order over a selective
    // index: name the index for the shapes LookupEvents and `warden explain` use.
    const scoped = q.account !== undefined && q.region !== undefined && (q.order ?? 'newest') === 'newest';
    const index =
      q.eventId !== undefined ? 'audit_event_id'
      : q.requestId !== undefined ? 'audit_request_id_seq'
      : scoped && q.eventName !== undefined ? 'audit_event_name'
      : scoped && q.eventSource !== undefined ? 'audit_event_source'
      : undefined;
    const from = attr !== undefined ? 'audit_attr x JOIN audit a ON a.seq = x.seq' : `audit a${index !== undefined ? ` INDEXED BY ${index}` : ''}`;
    const order = q.order === 'log' ? `${t}.seq` : q.order === 'latest' ? `${t}.seq DESC` : `${t}.event_time DESC, ${t}.seq DESC`;
    const sql =
      `SELECT ${AUDIT_COLUMNS} FROM ${from}` + (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') + ` ORDER BY ${order} LIMIT @limit`;
    let stmt = this.auditQueries.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.auditQueries.set(sql, stmt); // bounded: one shape per combination of filters
    }
    if (q.match === undefined) return stmt.all(params) as StoredAuditRecord[];
    // The post-filter runs row by row over the indexed selection, without a SQL limit.
    params['limit'] = -1;
    const out: StoredAuditRecord[] = [];
    if (q.limit === 0) return out;
    for (const row of stmt.iterate(params) as IterableIterator<StoredAuditRecord>) {
      if (!q.match(row)) continue;
      out.push(row);
      if (out.length === q.limit) break;
    }
    return out;
  }

  /**
   * Deletes the oldest records while they are older than `olderThan`, in log order, so each step
   * is a primary-key range; a record whose eventTime is out of step with its neighbours waits
   * for a later prune (LookupEvents' own time filter hides it meanwhile). Then the orphaned
   * audit_attr rows, which costs a scan of that table: prune is a daily job.
   */
  pruneAudit(olderThan: string): number {
    this.catchUp();
    let deleted = 0;
    let maxSeq = -1;
    for (;;) {
      const rows = this.stmt.oldest.all(1000);
      let upTo = -1;
      for (const r of rows) {
        if (r.eventTime >= olderThan) break;
        upTo = r.seq;
      }
      if (upTo < 0) break;
      maxSeq = upTo;
      deleted += this.db.transaction(() => {
        this.stmt.pruneInbox.run(upTo, olderThan);
        return this.stmt.pruneAudit.run(upTo, olderThan).changes;
      }).immediate();
      if (rows.length < 1000) break;
    }
    if (deleted > 0) this.db.transaction(() => this.stmt.pruneAttr.run(olderThan, maxSeq)).immediate();
    return deleted;
  }

  reset(): void {
    this.resetTx();
  }

  close(): void {
    if (!this.db.open) return;
    // The worker's connection may be mid-checkpoint; terminating it is safe (SQLite's own locking),
    // and closing the last connection below checkpoints what is left.
    void this.maintenance?.terminate();
    this.maintenance = undefined;
    // What the maintenance thread left in the audit inbox is indexed below, so a closed data dir has none.
    try {
      try {
        this.catchUp();
      } catch {
        // Left in the inbox: the next open's first query indexes it.
      }
      this.db.pragma('optimize');
    } finally {
      this.db.close();
    }
  }
}
