// Store, audit and barrier throughput. Run: npm run build && node dist/bench/store.js [seconds per case]
// Numbers go to docs/PERFORMANCE.md by hand; nothing here is asserted in tests (DESIGN §10).
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Barrier } from '../src/crypto/barrier.js';
import { createMemoryStore } from '../src/store/memory.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { AuditRecord, Store } from '../src/store/store.js';

const SECONDS = Number(process.argv[2] ?? 2);
const VALUE = randomBytes(200);
const EVENT_JSON = JSON.stringify({ pad: 'x'.repeat(900) }); // ~1 KB CloudTrail-like record

let eventSeq = 0;
const event = (): AuditRecord => {
  const id = `ev-${++eventSeq}`;
  return {
    eventId: id,
    eventTime: '2025-01-01T00:00:00Z',
    account: '000000000000',
    region: 'us-east-1',
    eventSource: 'kms.amazonaws.com',
    eventName: 'Encrypt',
    requestId: id,
    json: EVENT_JSON,
  };
};

interface Result {
  readonly name: string;
  readonly ops: number;
  readonly seconds: number;
  readonly latencies?: number[];
}

function report(r: Result): void {
  const perSec = r.ops / r.seconds;
  let line = `${r.name.padEnd(58)} ${Math.round(perSec).toLocaleString('en-US').padStart(10)} /s  ${(1e6 / perSec).toFixed(1).padStart(7)} µs/op`;
  if (r.latencies && r.latencies.length > 0) {
    const l = r.latencies.sort((a, b) => a - b);
    const q = (p: number): string => l[Math.min(l.length - 1, Math.floor(p * l.length))]!.toFixed(2);
    line += `  latency p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`;
  }
  console.log(line);
}

/** `workers` concurrent loops, each awaiting `op` then yielding to the event loop as a server would between requests. */
async function closedLoop(name: string, workers: number, op: (i: number) => Promise<unknown>, yieldEach = true): Promise<void> {
  const latencies: number[] = [];
  let ops = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await op(ops);
        latencies.push(performance.now() - t0);
        ops++;
        if (yieldEach) await new Promise(setImmediate);
      }
    }),
  );
  report({ name, ops, seconds: (performance.now() - start) / 1000, latencies });
}

function syncLoop(name: string, op: (i: number) => void): void {
  let ops = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 256; i++) op(ops++);
  }
  report({ name, ops, seconds: (performance.now() - start) / 1000 });
}

async function storeCases(label: string, store: Store): Promise<void> {
  await closedLoop(`${label} write(): 1 put, 1 worker`, 1, (i) => store.write(async (tx) => tx.put(`b/k/${i % 10_000}`, VALUE)), false);
  await closedLoop(`${label} write(): get + put (read set), 1 worker`, 1, (i) =>
    store.write(async (tx) => {
      const key = `b/k/${i % 10_000}`;
      await tx.get(key);
      tx.put(key, VALUE);
    }), false,
  );
  await closedLoop(`${label} write(): put + appendAudit, 64 workers`, 64, (i) =>
    store.write(async (tx) => {
      tx.put(`b/k/${i % 10_000}`, VALUE);
      tx.appendAudit(event());
    }),
  );
  await closedLoop(`${label} read(): get, 1 worker`, 1, (i) => store.read((tx) => tx.get(`b/k/${i % 10_000}`)), false);
  await closedLoop(`${label} read(): scan 100 of 10k, 1 worker`, 1, (i) =>
    store.read((tx) => tx.scan('b/k/', { after: `b/k/${i % 9_000}`, limit: 100 })), false,
  );
  await closedLoop(`${label} audit per event in its own write(), 64 workers`, 64, () => store.write(async (tx) => tx.appendAudit(event())));
  await closedLoop(`${label} audit.append (group commit), 64 workers`, 64, () => store.audit.append(event()));
  await closedLoop(`${label} audit.append (group commit), 256 workers`, 256, () => store.audit.append(event()));
  // A burst: 100k appends at once, flushed 256 at a time.
  const burst = 100_000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: burst }, () => store.audit.append(event())));
  report({ name: `${label} audit.append burst of ${burst}`, ops: burst, seconds: (performance.now() - t0) / 1000 });
  const q0 = performance.now();
  let queries = 0;
  while (performance.now() - q0 < SECONDS * 500) {
    await store.audit.query({ account: '000000000000', region: 'us-east-1', limit: 50 });
    queries++;
  }
  report({ name: `${label} audit.query account+region, 50 newest`, ops: queries, seconds: (performance.now() - q0) / 1000 });
}

async function barrierCases(): Promise<void> {
  const barrier = await Barrier.open(createMemoryStore(), randomBytes(32));
  const plain = randomBytes(100);
  const key = 'secretsmanager/000000000000/us-east-1/secret/bench';
  const sealed = barrier.seal(key, plain);
  syncLoop('barrier seal 100 B (counter IV)', () => barrier.seal(key, plain));
  syncLoop('barrier unseal 100 B', () => barrier.unseal(key, sealed));
  // The IV choices the barrier could have made, on the same cipher call.
  const dataKey = randomBytes(32);
  const aad = Buffer.from(key);
  const encrypt = (iv: Buffer): void => {
    const c = createCipheriv('aes-256-gcm', dataKey, iv);
    c.setAAD(aad);
    c.update(plain);
    c.final();
    c.getAuthTag();
  };
  syncLoop('AES-256-GCM 100 B, randomBytes(12) IV', () => encrypt(randomBytes(12)));
  let pool = randomBytes(4096);
  let off = 0;
  syncLoop('AES-256-GCM 100 B, IV sliced from a 4 KB random pool', () => {
    if (off + 12 > pool.length) {
      pool = randomBytes(4096);
      off = 0;
    }
    encrypt(pool.subarray(off, (off += 12)));
  });
  const iv = randomBytes(12);
  let n = 0;
  syncLoop('AES-256-GCM 100 B, fixed field + counter IV', () => {
    iv.writeUInt32BE(n++ >>> 0, 8);
    encrypt(iv);
  });
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${SECONDS} s per case\n`);
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
  try {
    const sqlite = openSqliteStore({ dataDir: dir, groupCommitMs: 2 });
    await storeCases('sqlite', sqlite);
    await sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
  const memory = createMemoryStore();
  await storeCases('memory', memory);
  await memory.close();
  console.log('');
  await barrierCases();
}

await main();
