#!/usr/bin/env node
import { formatExplanation } from '../audit/explain-format.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccountExists, createAccount, createRootAccessKey } from '../auth/credentials.js';
import { checkIssuer, JwksError, parseJwks, putJwks } from '../auth/oidc-jwks.js';
import { ConfigError, parseConfig, type Config } from '../config/config.js';
import { createLogger } from '../core/log.js';
import { Barrier, BarrierError } from '../crypto/barrier.js';
import { loadRootKey, ROOT_KEY_FILE_NAME, RootKeyError } from '../crypto/root-key.js';
import { startWarden, type Warden } from '../main.js';
import { VERSION } from '../server/server.js';
import { TlsConfigError } from '../server/tls.js';
import { openSqliteStore } from '../store/sqlite.js';
import { isClusterPrimary, runPrimary, workerRole, type WorkerReady } from '../server/cluster.js';
import type { Store } from '../store/store.js';

const USAGE = `warden ${VERSION} — an AWS-compatible security cloud

Usage:
  warden start [options]   serve every Warden service on one port
  warden init  [options]   create the data dir and print its first root access key (secure profile)
  warden accounts create [--account-id ID] [options]
                           create another account (random id unless given) in the data dir
                           and print its first root access key
  warden oidc set-jwks --issuer URL --jwks FILE [--endpoint URL | --data-dir DIR]
                           register an OIDC issuer's public keys (Warden cannot fetch its JWKS)
                           for AssumeRoleWithWebIdentity
  warden explain ID [--endpoint URL | --data-dir DIR]
                           why request ID was allowed or denied, from its audit event
  warden audit verify --data-dir DIR [--trail NAME|ARN] [--account-id ID] [--root-key-file FILE]
                           validate the trails' log files and signed digests, as
                           \`aws cloudtrail validate-logs\` does (the trail objects in the data dir's S3)
  warden version

Options (each also read from WARDEN_<NAME>, e.g. WARDEN_PORT):
  --port N                 listen port (default 4566)
  --host ADDR              listen address (default 0.0.0.0)
  --data-dir DIR           persistent state (default ./.warden)
  --in-memory              keep state in memory only
  --account-id ID          the default account (default 000000000000; moto's is 123456789012)
  --region NAME            the default region (default us-east-1)
  --secure                 secure profile: no default credentials, unknown keys rejected
  --root-key-file FILE     root key sealing all state (or WARDEN_ROOT_KEY)
  --log-level LEVEL        error | warn | info | debug (default info)
  --max-body-bytes N       largest request body read whole (default 16 MiB; S3 object
                           uploads are streamed, up to 5 GB)
  --kms-quota N            KMS cryptographic requests/second per account and region, then
                           ThrottlingException (default 0: no limit)
  --rotation-endpoint NAME=URL
                           Secrets Manager rotation: POST each step for Lambda function NAME
                           (name or ARN) to URL; repeatable (env: comma-separated)
  --tls                    serve HTTPS too, on the same port, with a self-signed certificate
                           made on first start (kept in the data dir; fresh each start in memory)
  --tls-cert FILE          serve HTTPS with your own PEM certificate (chain) …
  --tls-key FILE           … and its PEM private key (both, or neither)
  --trail-interval S       seconds between CloudTrail log file deliveries (default 5; secure 300)
  --digest-interval S      seconds between CloudTrail digest files (default 3600)
  --workers N              serve with N processes sharing the port and the data dir (default 1;
                           not with --in-memory); --kms-quota is split between them
  --insights-baseline S    CloudTrail Insights baseline window in seconds (default 604800, 7 days)
  --insights-period S      CloudTrail Insights counting period in seconds (default 60)
  --ssm-standard-parameter-limit N
                           Parameter Store standard parameters per account and region, then
                           ParameterLimitExceeded (default 10000, AWS's quota; lower it to test)
  --ssm-advanced-parameter-limit N
                           the same for advanced parameters (default 100000)
`;

function tlsLines(w: Warden): string[] {
  if (w.tls === undefined || w.server.httpsUrl === undefined) return [];
  const what = w.tls.source === 'file' ? 'your certificate' : `self-signed certificate (valid to ${w.tls.validTo})`;
  return [
    `  tls: ${w.server.httpsUrl} on the same port — ${what}`,
    `       ${w.tls.certFile}  SHA-256 ${w.tls.fingerprint}`,
    `  trust it: AWS_CA_BUNDLE=${w.tls.certFile}  (or aws --ca-bundle ${w.tls.certFile}; SDK v3: NodeHttpHandler with an https.Agent whose ca is that file)`,
  ];
}

function banner(c: Config, url: string, rootKeySource: string, w: Warden): string {
  const creds = c.profile === 'development'
    ? `credentials: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test (root of ${c.accountId}); any other key is taken as a root user, unverified`
    : 'credentials: secure profile — only keys Warden issued (see `warden init`) are accepted';
  return [
    `Warden ${VERSION} listening on ${url}`,
    `  profile: ${c.profile}   account: ${c.accountId}   region: ${c.region}`,
    `  state: ${c.inMemory ? 'in memory (lost on exit)' : c.dataDir}   root key: ${rootKeySource}`,
    `  ${creds}`,
    ...tlsLines(w),
    `  try: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url ${url} sts get-caller-identity`,
    '',
  ].join('\n');
}

async function start(argv: readonly string[]): Promise<void> {
  const config = parseConfig(argv);
  const log = createLogger(config.logLevel);
  if (isClusterPrimary(config)) return runPrimary(config, log);
  const worker = workerRole(config);
  const warden = await startWarden(config, { log, ...(worker !== undefined ? { worker } : {}) });
  const text = banner(config, warden.url, warden.rootKeySource, warden);
  // A worker's banner is printed by the primary once every worker listens.
  if (worker !== undefined) process.send!({ type: 'warden-ready', banner: text } satisfies WorkerReady);
  else process.stdout.write(text);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: draining requests and flushing the audit log`);
    warden.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('shutdown failed', { error: String(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function init(argv: readonly string[]): Promise<void> {
  const config = parseConfig([...argv, '--secure']);
  if (config.inMemory) throw new ConfigError('warden init prepares a persistent data dir; --in-memory makes no sense here');
  // config.profile is 'secure' (the flag is appended last).
  await withUnsealedStore(config, async (store, barrier) => {
    const key = await createRootAccessKey(store, barrier, config.accountId, Date.now());
    process.stdout.write(
      `Root access key for account ${config.accountId} (shown once; store it now):\n` +
        `  AWS_ACCESS_KEY_ID=${key.accessKeyId}\n  AWS_SECRET_ACCESS_KEY=${key.secretAccessKey}\n`,
    );
  });
}

/**
 * The data dir of a stopped Warden, unsealed with the configured root key (the same options as
 * `warden start`): `use` runs with its store and barrier; the store is closed after.
 */
async function withUnsealedStore<T>(config: Config, use: (store: Store, barrier: Barrier) => Promise<T>): Promise<T> {
  const rootKey = loadRootKey({
    ...(config.rootKeyFile !== undefined ? { rootKeyFile: config.rootKeyFile } : {}),
    ...(config.rootKeyEnv !== undefined ? { env: config.rootKeyEnv } : {}),
    dataDir: config.dataDir,
    inMemory: false,
    profile: config.profile,
  });
  const store = openSqliteStore({ dataDir: config.dataDir });
  try {
    return await use(store, await Barrier.open(store, rootKey.key));
  } finally {
    await store.close();
  }
}

/** The value after option `name` in `args`, if given. */
function optionValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

/**
 * `warden accounts create`: an account beside the default one, with a root access key (printed
 * once). Other accounts also exist on first use; this one gets a verified key, for the secure
 * profile and for cross-account exercises with real signatures. Uses the same root key options as
 * `warden start` (development profile: the key kept in the data dir).
 */
async function accounts(argv: readonly string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'create') throw new ConfigError(`warden accounts: unknown subcommand '${sub ?? ''}' (try: warden accounts create)`);
  const i = rest.indexOf('--account-id');
  const id = i === -1 ? undefined : rest[i + 1];
  if (i !== -1 && (id === undefined || !/^\d{12}$/.test(id))) throw new ConfigError('--account-id takes a 12-digit account id');
  const config = parseConfig(i === -1 ? rest : rest.filter((_, j) => j !== i && j !== i + 1));
  if (config.inMemory) throw new ConfigError('warden accounts create writes to a persistent data dir; --in-memory makes no sense here');
  await withUnsealedStore(config, async (store, barrier) => {
    const made = await createAccount(store, barrier, id, Date.now()).catch((e: unknown) => {
      throw e instanceof AccountExists ? new CliError(e.message) : e;
    });
    process.stdout.write(
      `Account ${made.account} created. Root access key (shown once; store it now):\n` +
        `  AWS_ACCESS_KEY_ID=${made.accessKeyId}\n  AWS_SECRET_ACCESS_KEY=${made.secretAccessKey}\n`,
    );
  });
}

/**
 * `warden oidc set-jwks`: AssumeRoleWithWebIdentity verifies tokens with the issuer's keys, which
 * AWS fetches from the issuer and Warden is given instead (auth/oidc-jwks.ts): to a running
 * development Warden over HTTP, or into a data dir (with the root key options) while it is stopped.
 */
async function oidc(argv: readonly string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'set-jwks') throw new ConfigError(`warden oidc: unknown subcommand '${sub ?? ''}' (try: warden oidc set-jwks)`);
  const opt = (name: string) => optionValue(rest, name);
  const issuer = opt('--issuer');
  const file = opt('--jwks');
  if (issuer === undefined || file === undefined) throw new ConfigError('warden oidc set-jwks needs --issuer URL and --jwks FILE');
  const text = readFileSync(file, 'utf8');
  let keys;
  try {
    checkIssuer(issuer);
    keys = parseJwks(text);
  } catch (e) {
    throw e instanceof JwksError ? new CliError(e.message) : e;
  }
  const dataDir = opt('--data-dir');
  if (dataDir !== undefined) {
    const config = parseConfig(rest.filter((a, i) => !['--issuer', '--jwks'].includes(a) && !['--issuer', '--jwks'].includes(rest[i - 1] ?? '')));
    const k = keys;
    await withUnsealedStore(config, (store) => store.write(async (tx) => putJwks(tx, issuer, k, Date.now())));
  } else {
    const endpoint = opt('--endpoint') ?? process.env['AWS_ENDPOINT_URL'] ?? 'http://localhost:4566';
    const res = await fetch(`${endpoint}/_warden/oidc-jwks?issuer=${encodeURIComponent(issuer)}`, { method: 'PUT', body: text, headers: { 'content-type': 'application/json' } });
    if (res.status !== 200) throw new CliError(`${endpoint} answered ${res.status}: ${await res.text()}`);
  }
  process.stdout.write(`Registered ${keys.length} key(s) for OIDC issuer ${issuer}\n`);
}

/** A failure to report without the usage text. */
class CliError extends Error {}

async function explain(argv: readonly string[]): Promise<void> {
  const [requestId, ...rest] = argv;
  if (requestId === undefined || requestId.startsWith('--')) throw new ConfigError('warden explain needs a request id (x-amzn-RequestId / CloudTrail requestID)');
  const opt = (name: string) => optionValue(rest, name);
  const dataDir = opt('--data-dir');
  let json: string | undefined;
  if (dataDir !== undefined) {
    const store = openSqliteStore({ dataDir });
    try {
      json = (await store.audit.query({ requestId, limit: 1 }))[0]?.json;
    } finally {
      await store.close();
    }
  } else {
    const endpoint = opt('--endpoint') ?? process.env['AWS_ENDPOINT_URL'] ?? 'http://localhost:4566';
    const res = await fetch(`${endpoint}/_warden/events/${encodeURIComponent(requestId)}`);
    if (res.status === 200) json = await res.text();
    else if (res.status !== 404) throw new CliError(`${endpoint} answered ${res.status}: ${await res.text()}`);
  }
  if (json === undefined) throw new CliError(`no audit event for request ${requestId}`);
  process.stdout.write(formatExplanation(JSON.parse(json) as Record<string, unknown>));
}

async function audit(argv: readonly string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'verify') throw new ConfigError(`warden audit: unknown command '${sub ?? ''}' (try: warden audit verify)`);
  const opt = (name: string) => optionValue(rest, name);
  const trailName = opt('--trail');
  const account = opt('--account-id');
  // The trail files are objects in Warden's S3: their bodies are sealed, so the root key opens
  // the barrier (as `warden start` would: --root-key-file, WARDEN_ROOT_KEY or the data dir's key).
  const own = ['--trail', '--account-id'];
  const config = parseConfig(rest.filter((a, i) => !own.includes(a) && !own.includes(rest[i - 1] ?? '')));
  if (config.inMemory) throw new ConfigError('warden audit verify reads a data dir; --in-memory makes no sense here');
  // Never generate a development key here: it could not open the data and would stay behind.
  if (config.rootKeyFile === undefined && (config.rootKeyEnv ?? '').trim() === '' && !existsSync(join(config.dataDir, ROOT_KEY_FILE_NAME))) {
    throw new CliError(`no root key for ${config.dataDir}: pass --root-key-file FILE or set WARDEN_ROOT_KEY (the trail objects are sealed)`);
  }
  const rootKey = loadRootKey({
    ...(config.rootKeyFile !== undefined ? { rootKeyFile: config.rootKeyFile } : {}),
    ...(config.rootKeyEnv !== undefined ? { env: config.rootKeyEnv } : {}),
    dataDir: config.dataDir,
    inMemory: false,
    profile: config.profile,
  });
  const { verifyTrails } = await import('../services/cloudtrail/verify.js');
  const { serviceObjectReader } = await import('../services/s3/service-access.js');
  const store = openSqliteStore({ dataDir: config.dataDir });
  let bad = 0;
  try {
    const barrier = await Barrier.open(store, rootKey.key);
    const reader = serviceObjectReader({ store, barrier, dataDir: config.dataDir });
    const results = await verifyTrails(store, reader, {
      ...(trailName !== undefined ? { trailName } : {}),
      ...(account !== undefined ? { account } : {}),
    });
    if (results.length === 0) throw new CliError('no trail with log file validation enabled');
    for (const r of results) {
      if (r.report === undefined) {
        process.stdout.write(`${r.trailArn} (${r.region}): no digest delivered yet\n`);
        continue;
      }
      for (const p of r.report.problems) process.stdout.write(`${p}\n`);
      bad += r.report.problems.length;
      process.stdout.write(
        `${r.trailArn} (${r.region}): ${r.report.validDigests} digest files valid, ${r.report.validLogs} log files valid, ${r.report.problems.length} problems\n`,
      );
    }
  } finally {
    await store.close();
  }
  if (bad > 0) throw new CliError(`${bad} problems found`);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'start':
      return start(rest);
    case 'init':
      return init(rest);
    case 'accounts':
      return accounts(rest);
    case 'oidc':
      return oidc(rest);
    case 'explain':
      return explain(rest);
    case 'audit':
      return audit(rest);
    case 'version':
    case '--version':
      process.stdout.write(`${VERSION}\n`);
      return;
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return;
    default:
      throw new ConfigError(`unknown command '${command}'`);
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof CliError || err instanceof RootKeyError || err instanceof BarrierError || err instanceof TlsConfigError) {
    process.stderr.write(`warden: ${err.message}\n\n`);
  } else {
    process.stderr.write(`warden: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  if (err instanceof ConfigError) process.stderr.write(USAGE);
  process.exit(2);
});
