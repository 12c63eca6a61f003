// Measures Warden against a bare node:http echo server in the same run, and Warden's start-up
// time and idle memory. Usage: npm run bench [-- --seconds 10]. Results go to docs/PERFORMANCE.md by hand.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CONNECTIONS, CREDENTIALS, echoRows, row, runLoad, signedPost, spawnServer, TABLE_HEAD, type LoadResult, type PreparedRequest } from './load.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1] || 8);

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** STS GetCallerIdentity (awsQuery), signed once and replayed. */
function signedGetCallerIdentity(url: string, credentials = CREDENTIALS): Promise<PreparedRequest> {
  return signedPost(url, 'sts', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, 'Action=GetCallerIdentity&Version=2011-06-15', credentials);
}

/** A fresh IAM user's access key, made through the API as the root user. */
async function userKey(url: string): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const iam = new IAMClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await iam.send(new CreateUserCommand({ UserName: 'bench-user' }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'bench-user' }));
  iam.destroy();
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

async function firstAnswerMs(dataDir: string): Promise<{ ms: number; proc: ChildProcess; url: string }> {
  const t0 = performance.now();
  const s = await spawnServer([join(here, '../src/cli/warden.js'), 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--log-level', 'warn']);
  const req = await signedGetCallerIdentity(s.url);
  const res = await fetch(s.url, { method: 'POST', headers: req.headers, body: req.body });
  if (res.status !== 200) throw new Error(`first answer was ${res.status}`);
  return { ms: performance.now() - t0, proc: s.proc, url: s.url };
}

async function main(): Promise<void> {
  const lines: string[] = [...TABLE_HEAD];
  lines.push(...(await echoRows('application/x-www-form-urlencoded', 'Action=GetCallerIdentity&Version=2011-06-15', seconds)));

  const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
  try {
    const w = await firstAnswerMs(dataDir);
    await new Promise((r) => setTimeout(r, 1000));
    const idle = rssMiB(w.proc.pid!);
    const req = await signedGetCallerIdentity(w.url);
    const results: LoadResult[] = [];
    for (const c of CONNECTIONS) {
      const r = await runLoad(req, c, 1000, seconds * 1000);
      results.push(r);
      lines.push(row('Warden STS GetCallerIdentity (sqlite, durable audit)', r));
    }
    // The same with an IAM user's key: credential resolution and the user's record are cached.
    const userReq = await signedGetCallerIdentity(w.url, await userKey(w.url));
    for (const c of CONNECTIONS) lines.push(row('Warden STS GetCallerIdentity, IAM user key', await runLoad(userReq, c, 1000, seconds * 1000)));
    const loaded = rssMiB(w.proc.pid!);
    // Root against user key, fairly: alternating rounds (ABBA) on the same Warden, so the log's
    // growth and any indexing in the background fall on both alike; medians of 4 rounds each.
    const rounds: Record<'root' | 'user', number[]> = { root: [], user: [] };
    const cpu: Record<'root' | 'user', number[]> = { root: [], user: [] };
    const eventLoopMicros = (): number => {
      const f = readFileSync(`/proc/${w.proc.pid}/task/${w.proc.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(f[11]) + Number(f[12])) * 1e6) / 100;
    };
    for (const who of ['root', 'user', 'user', 'root', 'root', 'user', 'user', 'root'] as const) {
      await runLoad(who === 'root' ? req : userReq, 32, 0, 300);
      const before = eventLoopMicros();
      const r = await runLoad(who === 'root' ? req : userReq, 32, 0, Math.max(1000, (seconds * 1000) / 2));
      cpu[who].push((eventLoopMicros() - before) / r.requests);
      rounds[who].push(r.rps);
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [rootMedian, userMedian] = [median(rounds.root), median(rounds.user)];
    const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
    w.proc.kill('SIGTERM');
    process.stdout.write(
      `${lines.join('\n')}\n\nstart to first answer: ${w.ms.toFixed(0)} ms; idle RSS: ${idle.toFixed(1)} MiB; RSS after load: ${loaded.toFixed(1)} MiB\n` +
        `GetCallerIdentity at 32 connections, alternating rounds (ABBA ×2), median req/s: root key ${fmt(rootMedian)} ` +
        `(${rounds.root.map(fmt).join(', ')}), IAM user key ${fmt(userMedian)} (${rounds.user.map(fmt).join(', ')}): ` +
        `user/root = ${((100 * userMedian) / rootMedian).toFixed(1)} %; event-loop CPU per request, median: root ` +
        `${median(cpu.root).toFixed(0)} µs, user ${median(cpu.user).toFixed(0)} µs\n`,
    );
  } finally {
    rmSync(resolve(dataDir), { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
