// Where a request's server time goes: starts Warden with --cpu-prof, drives one scenario at 32
// connections, and prints the server's CPU time per request (from /proc: steadier than req/s on a
// shared machine) and the functions and files that take it.
// Usage: npm run build && node dist/bench/profile.js <scenario> [--seconds 5] [--top 25] [--no-profile] [--workers N]
// (with --workers the profile is the primary's; use --no-profile)
// Scenarios: gci (STS GetCallerIdentity, root), gci-user (with an IAM user's key), encrypt,
// decrypt, gdk (KMS GenerateDataKey), create-key (symmetric, each request a new key), secret (GetSecretValue), param (GetParameter WithDecryption).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CREDENTIALS, runLoad, signedJson, signedPost, spawnServer, wardenWorkersArgs, type PreparedRequest } from './load.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const scenario = process.argv[2] ?? 'gci';
const seconds = arg('--seconds', 5);
const top = arg('--top', 25);
const profiling = !process.argv.includes('--no-profile');
const here = fileURLToPath(new URL('.', import.meta.url));

type Setup = (url: string) => Promise<PreparedRequest>;
const opts = (url: string) => ({ endpoint: url, region: 'us-east-1', credentials: CREDENTIALS });
const gci = (url: string, credentials = CREDENTIALS): Promise<PreparedRequest> =>
  signedPost(url, 'sts', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, 'Action=GetCallerIdentity&Version=2011-06-15', credentials);
const kmsKey = async (url: string): Promise<string> => (await new KMSClient(opts(url)).send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
const context = { purpose: 'bench' };

const SCENARIOS: Record<string, Setup> = {
  gci: (url) => gci(url),
  'gci-user': async (url) => {
    const iam = new IAMClient(opts(url));
    await iam.send(new CreateUserCommand({ UserName: 'bench-user' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'bench-user' }));
    return gci(url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
  },
  encrypt: async (url) => signedJson(url, 'kms', 'TrentService.Encrypt', { KeyId: await kmsKey(url), Plaintext: Buffer.alloc(32, 7).toString('base64'), EncryptionContext: context }),
  decrypt: async (url) => {
    const KeyId = await kmsKey(url);
    const { CiphertextBlob } = await new KMSClient(opts(url)).send(new EncryptCommand({ KeyId, Plaintext: Buffer.alloc(32, 7), EncryptionContext: context }));
    return signedJson(url, 'kms', 'TrentService.Decrypt', { CiphertextBlob: Buffer.from(CiphertextBlob!).toString('base64'), EncryptionContext: context });
  },
  'create-key': (url) => signedJson(url, 'kms', 'TrentService.CreateKey', { Description: 'bench' }),
  gdk: async (url) => signedJson(url, 'kms', 'TrentService.GenerateDataKey', { KeyId: await kmsKey(url), KeySpec: 'AES_256', EncryptionContext: context }),
  secret: async (url) => {
    await new SecretsManagerClient(opts(url)).send(new CreateSecretCommand({ Name: 'bench/secret', SecretString: '{"password":"p4ssw0rd"}' }));
    return signedJson(url, 'secretsmanager', 'secretsmanager.GetSecretValue', { SecretId: 'bench/secret' });
  },
  param: async (url) => {
    await new SSMClient(opts(url)).send(new PutParameterCommand({ Name: '/bench/param', Value: 'p4ssw0rd', Type: 'SecureString' }));
    return signedJson(url, 'ssm', 'AmazonSSM.GetParameter', { Name: '/bench/param', WithDecryption: true });
  },
};

/** utime + stime in µs of a process (`/proc/<pid>/stat`) or of one of its threads (`…/task/<tid>/stat`). */
function cpuMicros(statFile: string): number {
  const fields = readFileSync(statFile, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
}
/** A process and its descendants (the workers of `--workers N`). */
function processTree(pid: number): number[] {
  const out = [pid];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean)) out.push(...processTree(Number(child)));
  }
  return out;
}
/** All threads of the process tree, and its event-loop threads (each process's main thread, whose tid is its pid). */
function cpuOf(pid: number): { all: number; main: number } {
  let all = 0;
  let main = 0;
  for (const p of processTree(pid)) {
    all += cpuMicros(`/proc/${p}/stat`);
    main += cpuMicros(`/proc/${p}/task/${p}/stat`);
  }
  return { all, main };
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
}

/** The measured load's span on the monotonic clock V8 stamps samples with (µs), and its request count. */
interface Window {
  readonly fromUs: number;
  readonly toUs: number;
  readonly requests: number;
}
const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * Self and inclusive time per function and per file, as shares of the samples taken during the
 * measured load (warm-up and shutdown excluded) and as µs per request.
 */
function summarize(p: Profile, w: Window): string[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  let total = 0;
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t < w.fromUs || t > w.toUs) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    total += dt;
  });
  const short = (url: string): string => url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/').replace(/^node:/, 'node:');
  const fnName = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const inclusiveFn = new Map<string, number>();
  const inclusiveFile = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const leaf = byId.get(id)!;
    self.set(fnName(leaf), (self.get(fnName(leaf)) ?? 0) + us);
    const seenFn = new Set<string>();
    const seenFile = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      const f = fnName(n);
      if (!seenFn.has(f)) inclusiveFn.set(f, (inclusiveFn.get(f) ?? 0) + us), seenFn.add(f);
      const file = short(n.callFrame.url) || n.callFrame.functionName;
      if (!seenFile.has(file)) inclusiveFile.set(file, (inclusiveFile.get(file) ?? 0) + us), seenFile.add(file);
    }
  }
  const table = (title: string, m: Map<string, number>): string[] => [
    `\n${title}`,
    ...[...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} % ${(us / w.requests).toFixed(1).padStart(6)} µs  ${k}`),
  ];
  // --callers NAME: the call chains (innermost first) that lead to functions whose name contains NAME.
  const callers = new Map<string, number>();
  const wanted = process.argv.includes('--callers') ? process.argv[process.argv.indexOf('--callers') + 1] : undefined;
  if (wanted !== undefined) {
    for (const [id, us] of selfUs) {
      const chain: string[] = [];
      for (let cur: number | undefined = id; cur !== undefined && chain.length < 8; cur = parent.get(cur)) chain.push(fnName(byId.get(cur)!));
      if (chain[0]?.includes(wanted)) callers.set(chain.join(' < '), (callers.get(chain.join(' < ')) ?? 0) + us);
    }
  }
  return [
    ...table('self time', self),
    ...table('inclusive, by function', inclusiveFn),
    ...table('inclusive, by file', inclusiveFile),
    ...(wanted !== undefined ? table(`callers of ${wanted}`, callers) : []),
  ];
}

async function main(): Promise<void> {
  const setup = SCENARIOS[scenario];
  if (setup === undefined) throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(SCENARIOS).join(', ')}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-profile-'));
  const profDir = mkdtempSync(join(tmpdir(), 'warden-cpuprof-'));
  const w = await spawnServer([...(profiling ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []), join(here, '../src/cli/warden.js'), 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--log-level', 'warn', ...wardenWorkersArgs()]);
  try {
    const req = await setup(w.url);
    await runLoad(req, 32, 1000, 1000);
    const before = cpuOf(w.proc.pid!);
    const fromUs = monotonicUs();
    const r = await runLoad(req, 32, 0, seconds * 1000);
    const toUs = monotonicUs();
    const after = cpuOf(w.proc.pid!);
    const per = (us: number): string => (us / r.requests).toFixed(0);
    process.stdout.write(
      `${scenario}: ${Math.round(r.rps)} req/s at 32 connections, p99 ${r.p99ms.toFixed(1)} ms (p99.9 ${r.p999ms.toFixed(1)}, max ${r.maxms.toFixed(1)}), server CPU ${per(after.all - before.all)} µs/request ` +
        `(event-loop threads ${per(after.main - before.main)}), ${r.errors} errors\n`,
    );
    const exited = new Promise((ok) => w.proc.once('exit', ok));
    w.proc.kill('SIGTERM');
    await exited;
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (file !== undefined) process.stdout.write(`${summarize(JSON.parse(readFileSync(join(profDir, file), 'utf8')) as Profile, { fromUs, toUs, requests: r.requests }).join('\n')}\n`);
  } finally {
    w.proc.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
