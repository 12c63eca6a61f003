// DESIGN §9: kill a writer with SIGKILL mid-stream; every acknowledged write must survive.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { tempDir, text } from './helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/crash-child.js', import.meta.url));

async function runAndKill(dataDir: string, killAfter: number, auditIndexer: boolean): Promise<{ keys: string[]; events: string[] }> {
  const child = spawn(process.execPath, [CHILD, dataDir], {
    env: { ...process.env, WARDEN_CRASH_CHILD: '1', WARDEN_CRASH_AUDIT_INDEXER: auditIndexer ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keys: string[] = [];
  const events: string[] = [];
  let stderr = '';
  let buffered = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const timeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!; // an unfinished line was not acknowledged
    for (const line of lines) {
      if (line.startsWith('k ')) keys.push(line.slice(2));
      else if (line.startsWith('a ')) events.push(line.slice(2));
    }
    if (keys.length >= killAfter && events.length >= killAfter) child.kill('SIGKILL');
  });
  const signal = await exited;
  clearTimeout(timeout);
  assert.equal(signal, 'SIGKILL', `the child should be killed mid-stream, stderr: ${stderr}`);
  return { keys, events };
}

describe('sqlite store crash safety', () => {
  for (const auditIndexer of [false, true]) {
  it(`keeps every acknowledged write and audit event after SIGKILL${auditIndexer ? ' (audit indexer thread)' : ''}`, async (t) => {
    const tmp = tempDir();
    try {
      const first = await runAndKill(tmp.dir, 400, auditIndexer);
      assert.ok(first.keys.length >= 400 && first.events.length >= 400);
      // A second run on the same files, killed again, after recovery from the first crash.
      const second = await runAndKill(tmp.dir, 200, auditIndexer);
      t.diagnostic(
        `acknowledged before SIGKILL: run 1 ${first.keys.length} writes + ${first.events.length} audit events, ` +
          `run 2 ${second.keys.length} + ${second.events.length}`,
      );

      const check = new Database(`${tmp.dir}/warden.db`);
      assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
      check.close();

      const s = openSqliteStore({ dataDir: tmp.dir });
      try {
        const stored = new Map((await s.read((tx) => tx.scan('crash/'))).map((e) => [e.key, text(e.value)]));
        for (const key of [...first.keys, ...second.keys]) {
          const i = Number(key.slice('crash/'.length));
          assert.ok(stored.has(key), `acknowledged ${key} is missing`);
          // The second run restarted numbering, so its values overwrote the first run's: same text.
          assert.equal(stored.get(key), `value-${i}`);
        }
        const ids = new Set((await s.audit.query({})).map((r) => r.eventId));
        const missing = [...first.events, ...second.events].filter((id) => !ids.has(id));
        assert.deepEqual(missing, [], 'acknowledged audit events are missing');
      } finally {
        await s.close();
      }
    } finally {
      tmp.remove();
    }
  });
  }
});
