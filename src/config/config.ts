import { resolve } from 'node:path';

export type Profile = 'development' | 'secure';
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Everything `warden start` can be told, validated once. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly profile: Profile;
  /** Persistent state lives here unless inMemory. */
  readonly dataDir: string;
  readonly inMemory: boolean;
  readonly accountId: string;
  readonly region: string;
  readonly logLevel: LogLevel;
  readonly rootKeyFile?: string;
  /** The WARDEN_ROOT_KEY value, if set. Never logged. */
  readonly rootKeyEnv?: string;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
  /** Milliseconds between audit group commits. */
  readonly auditGroupCommitMs: number;
  /** KMS cryptographic requests per second per account and Region; 0 = no limit. */
  readonly kmsQuota: number;
  /**
   * Secrets Manager rotation: Lambda function name or ARN → URL each rotation step is POSTed to
   * (`--rotation-endpoint NAME=URL`, repeatable; env: comma-separated).
   */
  readonly rotationEndpoints: Readonly<Record<string, string>>;
  /** Serve HTTPS beside HTTP on the same port (--tls, or implied by --tls-cert). */
  readonly tls: boolean;
  /** The user's certificate and key (PEM); without them --tls uses a self-signed certificate. */
  readonly tlsCertFile?: string;
  readonly tlsKeyFile?: string;
  /** Seconds between CloudTrail log file deliveries (AWS: about every 5 minutes). */
  readonly trailIntervalSeconds: number;
  /** Seconds between CloudTrail digest files (AWS: hourly). */
  readonly digestIntervalSeconds: number;
  /** Processes serving the one port and data dir (`--workers N`; node:cluster); 1 = this process. */
  readonly workers: number;
  /** CloudTrail Insights: the baseline window in seconds (AWS: 7 days). */
  readonly insightsBaselineSeconds: number;
  /** CloudTrail Insights: the period events are counted in, in seconds (AWS: 1 minute). */
  readonly insightsPeriodSeconds: number;
  /** Parameter Store quotas per account and Region: Standard (AWS 10,000) and Advanced (AWS 100,000) parameters. */
  readonly ssmStandardParameterLimit: number;
  readonly ssmAdvancedParameterLimit: number;
}

export class ConfigError extends Error {}

export const DEFAULTS = {
  host: '0.0.0.0',
  port: 4566,
  dataDir: '.warden',
  accountId: '000000000000',
  region: 'us-east-1',
  logLevel: 'info' as LogLevel,
  maxBodyBytes: 16 * 1024 * 1024,
  // 0 = the next event-loop turn: every request that reached the audit step in this turn shares
  // one transaction. Measured better than a 2 ms timer at 1 and at 64 connections (PERFORMANCE.md).
  auditGroupCommitMs: 0,
  kmsQuota: 0,
  // Development: trails deliver within seconds so a user sees files at once; secure: AWS's pace.
  trailIntervalSeconds: { development: 5, secure: 300 },
  digestIntervalSeconds: 3600,
  workers: 1,
  insightsBaselineSeconds: 7 * 24 * 3600,
  insightsPeriodSeconds: 60,
  ssmStandardParameterLimit: 10_000,
  ssmAdvancedParameterLimit: 100_000,
};

/** Flag name → its kind. Each flag also reads env `WARDEN_<NAME>` (dashes → underscores). */
const FLAGS = {
  host: 'string',
  port: 'int',
  'data-dir': 'string',
  'in-memory': 'bool',
  'account-id': 'string',
  region: 'string',
  secure: 'bool',
  'log-level': 'string',
  'root-key-file': 'string',
  'max-body-bytes': 'int',
  'audit-group-commit-ms': 'int',
  'kms-quota': 'int',
  'rotation-endpoint': 'list',
  tls: 'bool',
  'tls-cert': 'string',
  'tls-key': 'string',
  'trail-interval': 'int',
  'digest-interval': 'int',
  workers: 'int',
  'insights-baseline': 'int',
  'insights-period': 'int',
  'ssm-standard-parameter-limit': 'int',
  'ssm-advanced-parameter-limit': 'int',
} as const;
type Flag = keyof typeof FLAGS;

/** Parses `--flag value`, `--flag=value` and boolean `--flag`; env fills what flags leave unset. */
export function parseConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const raw = new Map<Flag, string>();
  const listFromArgv = new Set<Flag>();
  for (const name of Object.keys(FLAGS) as Flag[]) {
    const value = env[`WARDEN_${name.toUpperCase().replaceAll('-', '_')}`];
    if (value !== undefined && value !== '') raw.set(name, value);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument '${arg}'`);
    const eq = arg.indexOf('=');
    const name = (eq === -1 ? arg.slice(2) : arg.slice(2, eq)) as Flag;
    const kind = FLAGS[name];
    if (kind === undefined) throw new ConfigError(`unknown option '--${name}'`);
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (kind === 'bool') value = 'true';
    else {
      const next = argv[++i];
      if (next === undefined) throw new ConfigError(`option '--${name}' needs a value`);
      value = next;
    }
    // A repeated list flag adds to the flags before it (and replaces the environment's value).
    const seen = kind === 'list' && listFromArgv.has(name);
    listFromArgv.add(name);
    raw.set(name, seen ? `${raw.get(name)},${value}` : value);
  }
  return build(raw, env);
}

function build(raw: Map<Flag, string>, env: Readonly<Record<string, string | undefined>>): Config {
  const str = (f: Flag, d: string) => raw.get(f) ?? d;
  const bool = (f: Flag) => {
    const v = raw.get(f);
    if (v === undefined) return false;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    throw new ConfigError(`option '--${f}' takes true or false, not '${v}'`);
  };
  const int = (f: Flag, d: number, min: number, max: number) => {
    const v = raw.get(f);
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`option '--${f}' must be an integer from ${min} to ${max}, not '${v}'`);
    return n;
  };
  const accountId = str('account-id', DEFAULTS.accountId);
  if (!/^\d{12}$/.test(accountId)) throw new ConfigError(`--account-id must be 12 digits, not '${accountId}'`);
  const region = str('region', DEFAULTS.region);
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new ConfigError(`--region '${region}' is not a region name like us-east-1`);
  const logLevel = str('log-level', DEFAULTS.logLevel);
  if (!['error', 'warn', 'info', 'debug'].includes(logLevel)) throw new ConfigError(`--log-level must be error, warn, info or debug`);
  const rootKeyFile = raw.get('root-key-file');
  const rootKeyEnv = env['WARDEN_ROOT_KEY'];
  const tlsCert = raw.get('tls-cert');
  const tlsKey = raw.get('tls-key');
  if ((tlsCert === undefined) !== (tlsKey === undefined)) throw new ConfigError('--tls-cert and --tls-key go together: pass both, or neither for a self-signed certificate');
  const tlsOff = raw.get('tls') !== undefined && !bool('tls');
  if (tlsOff && tlsCert !== undefined) throw new ConfigError('--tls-cert and --tls-key need TLS on; drop --tls=false');
  const workers = int('workers', DEFAULTS.workers, 1, 64);
  if (workers > 1 && bool('in-memory')) throw new ConfigError('--workers needs a data dir: in-memory state cannot be shared between processes');
  return {
    host: str('host', DEFAULTS.host),
    port: int('port', DEFAULTS.port, 0, 65535),
    profile: bool('secure') ? 'secure' : 'development',
    dataDir: resolve(str('data-dir', DEFAULTS.dataDir)),
    inMemory: bool('in-memory'),
    accountId,
    region,
    logLevel: logLevel as LogLevel,
    maxBodyBytes: int('max-body-bytes', DEFAULTS.maxBodyBytes, 1024, 5 * 1024 ** 3),
    auditGroupCommitMs: int('audit-group-commit-ms', DEFAULTS.auditGroupCommitMs, 0, 1000),
    kmsQuota: int('kms-quota', DEFAULTS.kmsQuota, 0, 1_000_000),
    rotationEndpoints: rotationEndpoints(raw.get('rotation-endpoint')),
    tls: bool('tls') || tlsCert !== undefined,
    ...(tlsCert !== undefined && tlsKey !== undefined ? { tlsCertFile: resolve(tlsCert), tlsKeyFile: resolve(tlsKey) } : {}),
    trailIntervalSeconds: int('trail-interval', DEFAULTS.trailIntervalSeconds[bool('secure') ? 'secure' : 'development'], 1, 86_400),
    digestIntervalSeconds: int('digest-interval', DEFAULTS.digestIntervalSeconds, 1, 86_400),
    workers,
    ...insights(int('insights-baseline', DEFAULTS.insightsBaselineSeconds, 1, 90 * 86_400), int('insights-period', DEFAULTS.insightsPeriodSeconds, 1, 3600)),
    ssmStandardParameterLimit: int('ssm-standard-parameter-limit', DEFAULTS.ssmStandardParameterLimit, 0, 10_000_000),
    ssmAdvancedParameterLimit: int('ssm-advanced-parameter-limit', DEFAULTS.ssmAdvancedParameterLimit, 0, 10_000_000),
    ...(rootKeyFile !== undefined ? { rootKeyFile: resolve(rootKeyFile) } : {}),
    ...(rootKeyEnv ? { rootKeyEnv } : {}),
  };
}

/** The Insights baseline must hold at least one period. */
function insights(baseline: number, period: number): Pick<Config, 'insightsBaselineSeconds' | 'insightsPeriodSeconds'> {
  if (baseline < period) throw new ConfigError(`--insights-baseline (${baseline}) must be at least --insights-period (${period})`);
  return { insightsBaselineSeconds: baseline, insightsPeriodSeconds: period };
}

/** `NAME=URL,NAME=URL` → map; NAME is a Lambda function name or ARN, URL http(s). */
function rotationEndpoints(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of (text ?? '').split(',').filter((s) => s.trim() !== '')) {
    const eq = item.indexOf('=');
    const name = item.slice(0, eq).trim();
    const url = item.slice(eq + 1).trim();
    if (eq <= 0 || !/^https?:\/\/\S+$/.test(url)) throw new ConfigError(`--rotation-endpoint takes NAME=URL with an http(s) URL, not '${item}'`);
    out[name] = url;
  }
  return out;
}
