/**
 * Audit records in SQLite, in two steps.
 *
 * 1. On the request path a record is one row of `audit_inbox` (a rowid table without secondary
 *    indexes), committed before the answer: durable, and cheap. Measured: writing the `audit` row
 *    with its five indexes and `audit_attr` rows in the request thread was ~20 % of a KMS
 *    Encrypt's event-loop time, and handing it to a thread cost a wake-up per batch.
 * 2. The indexer copies inbox rows, in `seq` order, into `audit` (same seq; since schema 4
 *    without the record text, which stays in the inbox row and is read back by seq) and their
 *    lookup attributes into `audit_attr`, and moves the `audit_indexed` watermark, in batches: on the maintenance thread (maintenance-worker.ts)
 *    every few tens of milliseconds, and in the reading thread before any audit query
 *    (`catchUp`), so a query always sees every committed event.
 *
 * The inbox's AUTOINCREMENT sequence is the log's: migration 3 starts it at audit's largest seq.
 */
import type Database from 'better-sqlite3';
import type { AuditAttribute, AuditRecord } from './store.js';

/** Attributes as one text: key NUL value NUL …; a NUL inside a value is indexed as U+FFFD. */
function packAttributes(attrs: readonly AuditAttribute[] | undefined): string {
  if (attrs === undefined || attrs.length === 0) return '';
  const parts: string[] = [];
  for (const a of attrs) parts.push(a.key, a.value.includes('\0') ? a.value.replaceAll('\0', '\uFFFD') : a.value);
  return parts.join('\0');
}

export function unpackAttributes(packed: string): AuditAttribute[] {
  if (packed === '') return [];
  const parts = packed.split('\0');
  if (parts.length % 2 !== 0) throw new Error('malformed audit attributes');
  const out: AuditAttribute[] = [];
  for (let i = 0; i < parts.length; i += 2) out.push({ key: parts[i] as AuditAttribute['key'], value: parts[i + 1]! });
  return out;
}

/** Step 1: a function inserting records into the inbox on `db` (call it inside a transaction). */
export function auditInserter(db: Database.Database): (records: readonly AuditRecord[]) => void {
  const insert = db.prepare<[string, string, string, string, string, string, string, string, string, string]>(
    'INSERT INTO audit_inbox (event_id, event_time, account, region, event_source, event_name, request_id, event_category, attrs, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return (records) => {
    for (const r of records) {
      insert.run(r.eventId, r.eventTime, r.account, r.region, r.eventSource, r.eventName, r.requestId, r.eventCategory ?? 'Management', packAttributes(r.attributes), r.json);
    }
  };
}

interface InboxRow {
  readonly seq: number;
  readonly eventId: string;
  readonly eventTime: string;
  readonly account: string;
  readonly region: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly requestId: string;
  readonly eventCategory: string;
  readonly attrs: string;
}

export interface AuditIndexer {
  /** Whether the inbox holds rows (one indexed probe). */
  pending(): boolean;
  /** Moves up to `limit` inbox rows into the indexed log in one IMMEDIATE transaction; how many. */
  step(limit: number): number;
  /** Steps until the inbox is empty. */
  catchUp(): void;
}

/** Step 2 on `db`. */
export function auditIndexer(db: Database.Database): AuditIndexer {
  const probe = db.prepare('SELECT 1 FROM audit_inbox WHERE seq > (SELECT seq FROM audit_indexed) LIMIT 1').pluck();
  const batch = db.prepare<[number], InboxRow>(
    'SELECT seq, event_id AS eventId, event_time AS eventTime, account, region, event_source AS eventSource, event_name AS eventName, ' +
      'request_id AS requestId, event_category AS eventCategory, attrs FROM audit_inbox WHERE seq > (SELECT seq FROM audit_indexed) ORDER BY seq LIMIT ?',
  );
  const insert = db.prepare<[number, string, string, string, string, string, string, string, string, number | null, string]>(
    'INSERT INTO audit (seq, event_id, event_time, account, region, event_source, event_name, request_id, json, read_only, event_category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const attr = db.prepare<[string, string, string, string, string, number]>(
    'INSERT OR IGNORE INTO audit_attr (account, region, k, v, event_time, seq) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const advance = db.prepare<[number]>('UPDATE audit_indexed SET seq = ? WHERE id = 0');
  const move = db.transaction((limit: number): number => {
    const rows = batch.all(limit);
    for (const r of rows) {
      let readOnly: number | null = null;
      const attrs = unpackAttributes(r.attrs);
      for (const a of attrs) if (a.key === 'ReadOnly') readOnly = a.value === 'true' ? 1 : 0;
      // The record text stays in the inbox row (read back by seq): written once.
      insert.run(r.seq, r.eventId, r.eventTime, r.account, r.region, r.eventSource, r.eventName, r.requestId, '', readOnly, r.eventCategory);
      for (const a of attrs) if (a.key !== 'ReadOnly') attr.run(r.account, r.region, a.key, a.value, r.eventTime, r.seq);
    }
    if (rows.length > 0) advance.run(rows[rows.length - 1]!.seq);
    return rows.length;
  });
  const step = (limit: number): number => move.immediate(limit);
  return {
    pending: () => probe.get() !== undefined,
    step,
    catchUp: () => {
      while (probe.get() !== undefined) step(5000);
    },
  };
}
