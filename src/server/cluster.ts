/**
 * `warden start --workers N`: N processes (node:cluster) serving one port and one data dir, so a
 * machine's cores all answer requests; the primary only forks, relays signals and watches.
 *
 * What keeps N processes one Warden: SQLite's locking for every commit; each process's read
 * cache dropped when another process committed (sqlite.ts `sharedWriters`); background jobs
 * (deliveries, deletions, rotations, purges) in worker 0 only; `--kms-quota` split between the
 * workers. The first worker starts alone, so a new data dir's root key, keyring and certificate
 * are made once. A worker that dies stops the others (fail closed: a supervisor restarts Warden).
 */
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config/config.js';
import type { Logger } from '../core/log.js';

/** The message a worker sends once it listens: the banner it would have printed alone. */
export interface WorkerReady {
  readonly type: 'warden-ready';
  readonly banner: string;
}

/** Which worker this process is, when it is one. */
export function workerRole(config: Config): { readonly index: number; readonly count: number } | undefined {
  if (!cluster.isWorker) return undefined;
  return { index: Number(process.env['WARDEN_WORKER_INDEX'] ?? '0'), count: config.workers };
}

export function isClusterPrimary(config: Config): boolean {
  return config.workers > 1 && cluster.isPrimary;
}

export async function runPrimary(config: Config, log: Logger): Promise<void> {
  const workers: Worker[] = [];
  let stopping = false;
  const stopAll = (code: number): void => {
    if (stopping) return;
    stopping = true;
    let left = workers.filter((w) => !w.isDead()).length;
    if (left === 0) process.exit(code);
    for (const w of workers) {
      if (w.isDead()) continue;
      w.once('exit', () => {
        if (--left === 0) process.exit(code);
      });
      w.process.kill('SIGTERM');
    }
  };
  const fork = (index: number): Promise<string> =>
    new Promise((ok, fail) => {
      const w = cluster.fork({ WARDEN_WORKER_INDEX: String(index) });
      workers.push(w);
      w.on('message', (m: WorkerReady) => {
        if (m?.type === 'warden-ready') ok(m.banner);
      });
      w.once('exit', (code, signal) => {
        const why = `worker ${index} (pid ${w.process.pid}) exited (${signal ?? `code ${code}`})`;
        fail(new Error(why));
        if (stopping) return;
        log.error(`${why}; stopping the other workers`);
        stopAll(1);
      });
    });
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  try {
    const banner = await fork(0);
    await Promise.all(Array.from({ length: config.workers - 1 }, (_, i) => fork(i + 1)));
    process.stdout.write(banner.replace(/\n/, `\n  workers: ${config.workers} processes (primary pid ${process.pid})\n`));
  } catch (err) {
    log.error('a worker failed to start', { error: err instanceof Error ? err.message : String(err) });
    stopAll(1);
  }
}
