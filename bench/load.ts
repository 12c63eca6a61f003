import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../test/signing.js';

export interface PreparedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;
}

export interface LoadResult {
  readonly connections: number;
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50ms: number;
  readonly p99ms: number;
}

/** The development profile's any-key root credentials. */
export const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** One POST to `/`, SigV4-signed once and replayed (as wrk would). */
export async function signedPost(url: string, service: string, headers: Record<string, string>, body: string, credentials = CREDENTIALS): Promise<PreparedRequest> {
  const u = new URL(url);
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials, sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: '/',
    headers: { host: u.host, ...headers, 'user-agent': 'warden-bench' },
    body,
  });
  return { url, method: 'POST', headers: signed.headers as Record<string, string>, body };
}

/** One awsJson 1.1 request (`target` is the X-Amz-Target), signed once and replayed. */
export function signedJson(url: string, service: string, target: string, input: object): Promise<PreparedRequest> {
  return signedPost(url, service, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, JSON.stringify(input));
}

/** The head of the Markdown table `row` fills. */
export const TABLE_HEAD: readonly string[] = ['| server | connections | req/s | p50 ms | p99 ms | errors |', '|---|---:|---:|---:|---:|---:|'];

/** One line of that table. */
export const row = (name: string, r: LoadResult): string =>
  `| ${name} | ${r.connections} | ${Math.round(r.rps).toLocaleString('en-US')} | ${r.p50ms.toFixed(2)} | ${r.p99ms.toFixed(2)} | ${r.errors} |`;

/**
 * Closed-loop load: `connections` workers on keep-alive sockets, each sending the next request
 * when its previous answer arrived. The request is signed once and replayed (as wrk would), so
 * the generator spends its core on HTTP, not on signing.
 */
export async function runLoad(requests: PreparedRequest | readonly PreparedRequest[], connections: number, warmupMs: number, durationMs: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  // Several requests: worker i replays the i-th (mod their number), e.g. one S3 key per connection.
  const all = Array.isArray(requests) ? requests : [requests as PreparedRequest];
  const once = (req: PreparedRequest, url: URL) =>
    new Promise<number>((ok, fail) => {
      const r = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: req.method, headers: req.headers, agent }, (res) => {
        res.on('data', () => {});
        res.on('end', () => ok(res.statusCode ?? 0));
      });
      r.on('error', fail);
      r.end(req.body);
    });
  const latencies: number[] = [];
  let errors = 0;
  let recording = false;
  let stop = false;
  const worker = async (_: unknown, i: number) => {
    const req = all[i % all.length]!;
    const url = new URL(req.url);
    while (!stop) {
      const t0 = performance.now();
      const status = await once(req, url).catch(() => 0);
      if (!recording) continue;
      if (status !== 200) errors++;
      latencies.push(performance.now() - t0);
    }
  };
  const workers = Array.from({ length: connections }, worker);
  await new Promise((r) => setTimeout(r, warmupMs));
  recording = true;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, durationMs));
  recording = false;
  const seconds = (performance.now() - start) / 1000;
  stop = true;
  await Promise.all(workers);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { connections, requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50ms: pct(0.5), p99ms: pct(0.99) };
}

/** Spawns a server script (echo.js, warden start) and waits for its 'listening on <url>' line. */
export async function spawnServer(cmd: string[]): Promise<{ proc: ChildProcess; url: string; startMs: number }> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, cmd, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) ok(m[1]!.replace('localhost', '127.0.0.1'));
    });
    proc.once('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
  return { proc, url, startMs: performance.now() - t0 };
}

const benchDir = fileURLToPath(new URL('.', import.meta.url));
/** The connection counts every throughput bench measures. */
export const CONNECTIONS: readonly number[] = [1, 32, 64];

/** The bare node:http echo server's rows, measured in the same run as Warden for comparison. */
export async function echoRows(contentType: string, body: string, seconds: number): Promise<string[]> {
  const echo = await spawnServer([join(benchDir, 'echo.js')]);
  try {
    const req = { url: echo.url, method: 'POST', headers: { 'content-type': contentType }, body };
    const rows: string[] = [];
    for (const c of CONNECTIONS) rows.push(row('node:http echo', await runLoad(req, c, 1000, seconds * 1000)));
    return rows;
  } finally {
    echo.proc.kill();
  }
}

/** `warden start` on a fresh SQLite data dir; `stop` ends it and removes the dir. */
export async function startBenchWarden(name: string): Promise<{ url: string; proc: ChildProcess; startMs: number; stop(): void }> {
  const dataDir = mkdtempSync(join(tmpdir(), `warden-bench-${name}-`));
  try {
    const w = await spawnServer([join(benchDir, '../src/cli/warden.js'), 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--log-level', 'warn']);
    return {
      ...w,
      stop() {
        w.proc.kill('SIGTERM');
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
