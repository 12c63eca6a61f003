/**
 * The audit writer thread (audit-writer.ts): waits for a batch in shared memory, inserts it into
 * the inbox in one IMMEDIATE transaction on its own connection, reports done (or the error).
 * A write lock held by another connection is retried in short pauses for up to busyTimeoutMs:
 * blocking here costs the request thread nothing, and short pauses beat SQLite's busy handler,
 * whose sleeps grow to 100 ms.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { CTL, layout, type WriterThreadOptions } from './audit-writer.js';
import { INBOX_COLUMNS, inboxRowInserter, type InboxValues } from './sqlite-audit.js';

const opts = workerData as WriterThreadOptions & { sab: SharedArrayBuffer };
const s = layout(opts.sab);
const db = new Database(opts.file);
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
if (opts.noAutoCheckpoint) db.pragma('wal_autocheckpoint = 0');
const insert = db.transaction(inboxRowInserter(db));
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const pause = (ms: number): void => void Atomics.wait(sleeper, 0, 0, ms);

function rowsOfBatch(): InboxValues[] {
  const count = Atomics.load(s.ctl, CTL.count);
  const data = Buffer.from(s.data.buffer, s.data.byteOffset, Atomics.load(s.ctl, CTL.bytes));
  const rows: InboxValues[] = [];
  let at = 0;
  let i = 0;
  for (let r = 0; r < count; r++) {
    const row: string[] = [];
    for (let c = 0; c < INBOX_COLUMNS; c++) {
      const n = s.lengths[i++]!;
      row.push(data.toString('utf8', at, at + n));
      at += n;
    }
    rows.push(row as InboxValues);
  }
  return rows;
}

function write(rows: readonly InboxValues[]): void {
  const since = Date.now();
  for (;;) {
    try {
      insert.immediate(rows);
      return;
    } catch (e) {
      const busy = (e as { code?: string }).code === 'SQLITE_BUSY';
      if (!busy || Date.now() - since > opts.busyTimeoutMs) throw e;
      pause(0.25);
    }
  }
}

function report(err: unknown): void {
  if (err === undefined) {
    Atomics.store(s.ctl, CTL.status, 0);
    return;
  }
  const { written } = new TextEncoder().encodeInto(err instanceof Error ? err.message : String(err), s.error);
  Atomics.store(s.ctl, CTL.errorBytes, written);
  Atomics.store(s.ctl, CTL.status, 1);
}

parentPort!.postMessage('ready');
let seen = 0;
for (;;) {
  Atomics.wait(s.ctl, CTL.submitted, seen);
  if (Atomics.load(s.ctl, CTL.stop) === 1) break;
  seen = Atomics.load(s.ctl, CTL.submitted);
  let err: unknown;
  try {
    write(rowsOfBatch());
  } catch (e) {
    err = e ?? new Error('audit write failed');
  }
  report(err);
  Atomics.store(s.ctl, CTL.done, seen);
  Atomics.notify(s.ctl, CTL.done);
}
db.close();
