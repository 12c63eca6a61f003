/**
 * Writing audit records into SQLite: the `audit` row and its `audit_attr` index rows. Shared by
 * the backend's own connection (audit rows of a state-changing transaction) and the audit writer
 * thread (audit-worker.ts), which writes every other event off the request thread.
 */
import type Database from 'better-sqlite3';
import type { AuditAttribute, AuditRecord } from './store.js';

/** A function inserting records on `db` (call it inside a transaction). */
export function auditInserter(db: Database.Database): (records: readonly AuditRecord[]) => void {
  const insert = db.prepare<[string, string, string, string, string, string, string, string, number | null, string]>(
    'INSERT INTO audit (event_id, event_time, account, region, event_source, event_name, request_id, json, read_only, event_category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // An event's attribute rows go in one statement (one per row count, prepared on first use).
  const attrInserts: Database.Statement[] = [];
  const attrInsert = (n: number): Database.Statement =>
    (attrInserts[n] ??= db.prepare(
      `INSERT OR IGNORE INTO audit_attr (account, region, k, v, event_time, seq) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
    ));
  return (records) => {
    for (const r of records) {
      let readOnly: number | null = null;
      let rows = 0;
      for (const a of r.attributes ?? []) {
        if (a.key === 'ReadOnly') readOnly = a.value === 'true' ? 1 : 0;
        else rows++;
      }
      const { lastInsertRowid } = insert.run(r.eventId, r.eventTime, r.account, r.region, r.eventSource, r.eventName, r.requestId, r.json, readOnly, r.eventCategory ?? 'Management');
      if (rows === 0) continue;
      const params: (string | number | bigint)[] = [];
      for (const a of r.attributes!) if (a.key !== 'ReadOnly') params.push(r.account, r.region, a.key, a.value, r.eventTime, lastInsertRowid);
      attrInsert(rows).run(...params);
    }
  };
}

/**
 * A batch of records as one string for the audit thread: posting one string costs a copy, where
 * structured-cloning the record objects cost ~8 % of a request's event-loop time. Fields are
 * separated by NUL, which the JSON text never holds raw (JSON.stringify escapes it) and the
 * other fields do not hold either (ids, times, names, validated attribute values); an attribute
 * value that does is indexed with U+FFFD in its place.
 */
export function packAuditBatch(records: readonly AuditRecord[]): string {
  const parts: string[] = [String(records.length)];
  for (const r of records) {
    const attrs = r.attributes ?? [];
    parts.push(r.eventId, r.eventTime, r.account, r.region, r.eventSource, r.eventName, r.requestId, r.eventCategory ?? 'Management', String(attrs.length));
    for (const a of attrs) parts.push(a.key, a.value.includes('\0') ? a.value.replaceAll('\0', '\uFFFD') : a.value);
    parts.push(r.json);
  }
  return parts.join('\0');
}

export function unpackAuditBatch(packed: string): AuditRecord[] {
  const parts = packed.split('\0');
  let i = 0;
  const next = (): string => {
    const v = parts[i++];
    if (v === undefined) throw new Error('truncated audit batch');
    return v;
  };
  const count = Number(next());
  const out: AuditRecord[] = [];
  for (let n = 0; n < count; n++) {
    const [eventId, eventTime, account, region, eventSource, eventName, requestId, eventCategory] = [next(), next(), next(), next(), next(), next(), next(), next()];
    const attributes: AuditAttribute[] = [];
    for (let a = Number(next()); a > 0; a--) attributes.push({ key: next() as AuditAttribute['key'], value: next() });
    out.push({ eventId, eventTime, account, region, eventSource, eventName, requestId, eventCategory, attributes, json: next() });
  }
  if (i !== parts.length) throw new Error('malformed audit batch');
  return out;
}
