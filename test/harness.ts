import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/config.js';
import { silentLogger } from '../src/core/log.js';
import { startWarden, type StartOptions, type Warden } from '../src/main.js';

/** The well-known development credentials. */
export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface Running {
  readonly url: string;
  readonly warden: Warden;
  /** An SDK v3 client pointed at this Warden with the test credentials. */
  client<C>(ctor: new (config: Record<string, unknown>) => C, extra?: Record<string, unknown>): C;
  /** The newest audit event with this eventName (flushes first), parsed. */
  lastEvent(eventName: string): Promise<Record<string, any>>;
  /** The audit event of one request. */
  eventFor(requestId: string): Promise<Record<string, any>>;
  stop(): Promise<void>;
}

/** Starts Warden in this process on a random port, in memory unless told otherwise. */
export async function startTestWarden(args: readonly string[] = [], opts: StartOptions = {}, env: Record<string, string> = {}): Promise<Running> {
  const config = parseConfig(['--port', '0', '--host', '127.0.0.1', '--in-memory', ...args], env);
  const warden = await startWarden(config, { log: silentLogger, ...opts });
  const url = `http://127.0.0.1:${warden.server.port}`;
  const find = async (q: { eventName?: string; requestId?: string }) => {
    await warden.store.audit.flush();
    // The last committed event, whatever time a test's clock gave it.
    const [rec] = await warden.store.audit.query({ ...q, order: 'latest', limit: 1 });
    if (rec === undefined) throw new Error(`no audit event for ${JSON.stringify(q)}`);
    return JSON.parse(rec.json) as Record<string, any>;
  };
  return {
    url,
    warden,
    client: (ctor, extra = {}) => new ctor({ endpoint: url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1, ...extra }),
    lastEvent: (eventName) => find({ eventName }),
    eventFor: (requestId) => find({ requestId }),
    stop: () => warden.stop(),
  };
}

const WARDEN_BIN = resolve(fileURLToPath(import.meta.url), '../../src/cli/warden.js');

export interface WardenProcess {
  readonly url: string;
  readonly proc: ChildProcess;
  readonly output: () => string;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `warden start` as a separate process (CLI tests, crash tests). */
export async function spawnWarden(args: readonly string[], env: Record<string, string> = {}): Promise<WardenProcess> {
  const proc = spawn(process.execPath, [WARDEN_BIN, 'start', '--port', '0', '--host', '127.0.0.1', ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`warden did not start in time:\n${out}`)), 15_000);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    proc.stdout!.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`warden exited with ${code}:\n${out}`));
    });
  });
  const exited = new Promise<number | null>((ok) => proc.once('exit', (code) => ok(code)));
  return {
    url,
    proc,
    output: () => out,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix = 'warden-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
