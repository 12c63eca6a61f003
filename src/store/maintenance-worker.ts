/**
 * The store's maintenance thread, on its own connection, one thread for two jobs (each thread is
 * a V8 isolate: ~10 MiB of resident memory and a share of the start-up).
 *
 * WAL checkpoints (`checkpoint`): PASSIVE every tick, so the copying of WAL pages into the
 * database file happens off the event loop that answers requests (measured at ~9 % of a loaded
 * server's event-loop time otherwise). PASSIVE never blocks the writer; a checkpoint that cannot
 * finish (a reader holds an old snapshot) is retried next tick.
 *
 * Audit indexing (`index`; sqlite-audit.ts, step 2). Indexing an event
 * costs more than appending it (measured ~60 µs against ~40 µs: the row is written again with
 * five indexes and its attribute rows), so the thread indexes when the log is quiet — the inbox
 * stopped growing — and, under sustained load, only once the inbox holds more than HIGH_WATER
 * events, down to LOW_WATER, in short steps with pauses so that the request thread's commits (which
 * never wait for the lock, see sqlite.ts `nonBlocking`) get in between. Queries index what is left
 * themselves, so they never miss an event. Started by `openSqliteStore({ backgroundCheckpoint, auditIndexer })`.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { auditIndexer } from './sqlite-audit.js';

const { file, intervalMs, checkpoint, index } = workerData as { file: string; intervalMs: number; checkpoint: boolean; index: boolean };
/** Inbox sizes (events) between which a busy log is indexed. */
const HIGH_WATER = 100_000;
const LOW_WATER = 50_000;
/** Events per indexing transaction (~3 ms of the write lock). */
const STEP = 50;
/** Under load, the pause between two steps, for the request thread's commits to get in. */
const YIELD_MS = 5;

const db = new Database(file);
db.pragma('busy_timeout = 100');
db.pragma('synchronous = NORMAL');
const indexer = auditIndexer(db);
const newest = db.prepare<[], number | null>('SELECT max(seq) FROM audit_inbox').pluck();
/** The first event not indexed yet (schema 4: the watermark + 1). */
const oldest = db.prepare<[], number | null>('SELECT min(seq) FROM audit_inbox WHERE seq > (SELECT seq FROM audit_indexed)').pluck();

let seenNewest: number | null = null;
let draining = false;

const pause = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

function tick(): void {
  const top = newest.get() ?? null;
  if (top === null || oldest.get() == null) {
    seenNewest = top;
    return;
  }
  const quiet = top === seenNewest;
  seenNewest = top;
  const backlog = top - (oldest.get() ?? top) + 1;
  if (backlog > HIGH_WATER) draining = true;
  if (!quiet && !draining) return;
  for (;;) {
    if (indexer.step(STEP) < STEP) break;
    const now = newest.get() ?? null;
    const left = (now ?? 0) - (oldest.get() ?? now ?? 0) + 1;
    if (draining && left <= LOW_WATER) draining = false;
    // Busy again (the inbox grew while we indexed) and not over the high water: yield.
    if (now !== top && !draining) break;
    if (now !== top) pause(YIELD_MS);
  }
}

const timer = setInterval(() => {
  if (index) {
    try {
      tick();
    } catch {
      // Busy or any failure: the next tick tries again; queries catch up themselves.
    }
  }
  if (checkpoint) {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or interrupted: the next tick tries again; the writer is never affected.
    }
  }
}, intervalMs);

parentPort?.on('message', (msg: unknown) => {
  if (msg !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
