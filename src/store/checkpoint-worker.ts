/**
 * Runs SQLite WAL checkpoints on a worker thread with its own connection, so the copying of WAL
 * pages into the database file happens off the event loop that answers requests. PASSIVE never
 * blocks the writer; a checkpoint that cannot finish (a reader holds an old snapshot) is retried
 * next tick. Started by `openSqliteStore({ backgroundCheckpoint: true })`.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new Database(file);
db.pragma('busy_timeout = 1000');

const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or interrupted: the next tick tries again; the writer is never affected.
  }
}, intervalMs);

parentPort?.on('message', (msg: unknown) => {
  if (msg !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.postMessage('stopped');
});
