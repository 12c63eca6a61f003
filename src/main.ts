import { AccessKeyUsage, CredentialResolver, recordingKeyUse } from './auth/credentials.js';
import type { Config } from './config/config.js';
import { systemClock, type Clock } from './core/clock.js';
import type { SealingBarrier } from './core/operation.js';
import { createLogger, type Logger } from './core/log.js';
import { Barrier } from './crypto/barrier.js';
import { loadRootKey } from './crypto/root-key.js';
import { createEngineAuthorizer } from './iam/engine.js';
import { Pipeline } from './pipeline/pipeline.js';
import { startJobs } from './server/jobs.js';
import { startServer, type RunningServer } from './server/server.js';
import { loadTls, type TlsMaterial } from './server/tls.js';
import { PRINCIPAL_POLICIES, SERVICES } from './services/registry.js';
import { createMemoryStore } from './store/memory.js';
import { openSqliteStore } from './store/sqlite.js';
import type { Store } from './store/store.js';

export interface Warden {
  readonly config: Config;
  readonly server: RunningServer;
  readonly store: Store;
  /** The encryption barrier (tests run background jobs with it). */
  readonly barrier: SealingBarrier;
  readonly url: string;
  readonly rootKeySource: string;
  /** The certificate served over TLS (--tls), if any. */
  readonly tls?: TlsMaterial;
  /** Drains in-flight requests, flushes the audit log, closes the store. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly log?: Logger;
  readonly clock?: Clock;
  /** This process is worker `index` of `count` (`--workers`, server/cluster.ts). */
  readonly worker?: { readonly index: number; readonly count: number };
}

/** Opens the store behind the barrier and starts serving. Shared by `warden start` and tests. */
export async function startWarden(startConfig: Config, opts: StartOptions = {}): Promise<Warden> {
  const worker = opts.worker !== undefined && opts.worker.count > 1 ? opts.worker : undefined;
  // Each worker takes its share of the KMS request quota.
  const config = worker !== undefined && startConfig.kmsQuota > 0 ? { ...startConfig, kmsQuota: Math.max(1, Math.ceil(startConfig.kmsQuota / worker.count)) } : startConfig;
  const log = opts.log ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  const rootKey = loadRootKey({
    ...(config.rootKeyFile !== undefined ? { rootKeyFile: config.rootKeyFile } : {}),
    ...(config.rootKeyEnv !== undefined ? { env: config.rootKeyEnv } : {}),
    dataDir: config.dataDir,
    inMemory: config.inMemory,
    profile: config.profile,
  });
  if (rootKey.warning) log.warn(rootKey.warning);
  const store = config.inMemory ? createMemoryStore() : openSqliteStore({ dataDir: config.dataDir, groupCommitMs: config.auditGroupCommitMs, readCacheEntries: 10_000, backgroundCheckpoint: true, auditIndexer: true, nonBlocking: true, sharedWriters: worker !== undefined, maintenanceElsewhere: worker !== undefined && worker.index > 0 });
  try {
    const barrier = await Barrier.open(store, rootKey.key);
    const pipeline = new Pipeline({
      config,
      store,
      services: SERVICES,
      credentials: new CredentialResolver(config.profile, config.accountId, barrier),
      authorizer: recordingKeyUse(createEngineAuthorizer({ policies: PRINCIPAL_POLICIES }), new AccessKeyUsage(store, clock)),
      clock,
      log,
      barrier,
    });
    const tls = await loadTls(config, store, barrier, clock.now());
    let server: RunningServer;
    try {
      server = await startServer({ config, pipeline, store, services: SERVICES.map((s) => s.name), log, ...(tls !== undefined ? { tls } : {}) });
    } catch (err) {
      tls?.dispose();
      throw err;
    }
    // Background jobs run once per data dir: in worker 0 when there are several.
    const jobs = worker === undefined || worker.index === 0 ? startJobs(SERVICES, { store, clock, barrier, config, log }) : undefined;
    // Operations load on first use; load the rest soon after start so the first call to each
    // service does not pay for its imports, without delaying the first answer.
    setTimeout(() => {
      for (const s of SERVICES) s.loadOperations().catch((err: unknown) => log.error(`loading ${s.name} failed`, { error: String(err) }));
    }, 300).unref();
    return {
      config,
      server,
      store,
      barrier,
      url: server.url,
      rootKeySource: rootKey.source,
      ...(tls !== undefined ? { tls } : {}),
      async stop() {
        await server.close();
        await jobs?.stop();
        await store.close();
        tls?.dispose();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
