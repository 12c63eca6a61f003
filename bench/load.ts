import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
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
  readonly p999ms: number;
  readonly maxms: number;
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
 * Closed-loop load: `connections` keep-alive sockets, each sending the next request when its
 * previous answer arrived (no pipelining). The request is signed once and replayed, and written
 * as prepared bytes on a raw socket, as wrk would: the generator shares this machine's cores with
 * the server, and node:http's client costs about as much CPU per request as its server.
 */
export async function runLoad(requests: PreparedRequest | readonly PreparedRequest[], connections: number, warmupMs: number, durationMs: number): Promise<LoadResult> {
  // Several requests: connection i replays the i-th (mod their number), e.g. one S3 key per connection.
  const all = Array.isArray(requests) ? (requests as readonly PreparedRequest[]) : [requests as PreparedRequest];
  const url = new URL(all[0]!.url);
  const wires = all.map(wireBytes);
  const latencies: number[] = [];
  let errors = 0;
  let recording = false;
  let stop = false;
  const sockets = await Promise.all(Array.from({ length: connections }, () => openSocket(url)));
  const workers = sockets.map(async (socket, i) => {
    const wire = wires[i % wires.length]!;
    const responses = new ResponseReader(socket, all[i % all.length]!.method === 'HEAD');
    while (!stop) {
      const t0 = performance.now();
      socket.write(wire);
      const status = await responses.next();
      if (!recording) continue;
      if (status !== 200 && status !== 204 && status !== 206) errors++;
      latencies.push(performance.now() - t0);
    }
    socket.destroy();
  });
  await new Promise((r) => setTimeout(r, warmupMs));
  recording = true;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, durationMs));
  recording = false;
  const seconds = (performance.now() - start) / 1000;
  stop = true;
  await Promise.all(workers);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { connections, requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50ms: pct(0.5), p99ms: pct(0.99), p999ms: pct(0.999), maxms: latencies[latencies.length - 1] ?? 0 };
}

/** A request as the bytes sent on the wire. */
function wireBytes(req: PreparedRequest): Buffer {
  const url = new URL(req.url);
  const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
  const head = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`];
  const names = new Set(Object.keys(req.headers).map((h) => h.toLowerCase()));
  if (!names.has('host')) head.push(`host: ${url.host}`);
  for (const [k, v] of Object.entries(req.headers)) if (k.toLowerCase() !== 'content-length') head.push(`${k}: ${v}`);
  if (body.length > 0 || req.method !== 'GET') head.push(`content-length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

function openSocket(url: URL): Promise<Socket> {
  return new Promise((ok, fail) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => ok(socket));
    socket.setNoDelay(true);
    socket.once('error', fail);
  });
}

/**
 * Reads HTTP/1.1 responses off one socket: the status line, Content-Length or chunked framing,
 * nothing else. `next()` resolves with the status of the next complete response (0 when the
 * connection broke).
 */
class ResponseReader {
  private buf: Buffer = Buffer.alloc(0);
  /** Body bytes still to skip of the response whose head was read (Content-Length framing). */
  private remaining = 0;
  private status = 0;
  private waiting: ((status: number) => void) | undefined;

  constructor(
    socket: Socket,
    private readonly headOnly: boolean,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
      this.drain();
    });
    const broken = () => this.waiting?.(0);
    socket.on('close', broken);
    socket.on('error', broken);
  }

  next(): Promise<number> {
    return new Promise((ok) => {
      this.waiting = ok;
      this.drain();
    });
  }

  private drain(): void {
    if (this.waiting === undefined) return;
    if (this.remaining > 0) {
      // Large bodies are counted, not collected.
      const take = Math.min(this.remaining, this.buf.length);
      this.remaining -= take;
      this.buf = this.buf.subarray(take);
      if (this.remaining > 0) return;
      return this.done(this.status);
    }
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buf.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (this.headOnly || status === 204 || status === 304 || (length === null && !/\r\ntransfer-encoding: *chunked/i.test(head))) {
      this.buf = this.buf.subarray(end + 4);
      return this.done(status);
    }
    if (length === null) {
      const last = this.buf.indexOf('\r\n0\r\n\r\n', end);
      if (last < 0) return;
      this.buf = this.buf.subarray(last + 7);
      return this.done(status);
    }
    this.buf = this.buf.subarray(end + 4);
    this.remaining = Number(length[1]);
    this.status = status;
    if (this.remaining === 0) return this.done(status);
    this.drain();
  }

  private done(status: number): void {
    const waiting = this.waiting!;
    this.waiting = undefined;
    waiting(status);
  }
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

/** `--workers N` given to a bench is passed on to `warden start`. */
export function wardenWorkersArgs(): string[] {
  const i = process.argv.indexOf('--workers');
  return i > 0 ? ['--workers', process.argv[i + 1] ?? '1'] : [];
}

/** `warden start` on a fresh SQLite data dir; `stop` ends it and removes the dir. */
export async function startBenchWarden(name: string, nodeArgs: readonly string[] = []): Promise<{ url: string; proc: ChildProcess; startMs: number; stop(): void }> {
  const dataDir = mkdtempSync(join(tmpdir(), `warden-bench-${name}-`));
  try {
    const w = await spawnServer([...nodeArgs, join(benchDir, '../src/cli/warden.js'), 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--log-level', 'warn', ...wardenWorkersArgs()]);
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
