// The audit writer thread (src/store/audit-writer.ts): batches appended off the request thread,
// acknowledged once committed, errors reported as AuditWriteError, a held write lock waited out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { AuditWriteError, type Store } from '../../../src/store/store.js';
import { auditRecord, tempDir } from './helpers.js';

/** Appends until the writer thread has taken a batch (it starts on the first append). */
async function warmUp(s: Store): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await s.audit.append(auditRecord({ eventId: `warm-${i}` }));
    await new Promise((r) => setTimeout(r, 2));
  }
}

function inboxCount(dir: string): number {
  const raw = new Database(`${dir}/warden.db`, { readonly: true });
  try {
    return raw.prepare('SELECT count(*) FROM audit_inbox').pluck().get() as number;
  } finally {
    raw.close();
  }
}

describe('sqlite audit writer thread', () => {
  it('writes every acknowledged event, text intact (non-ASCII, NULs in attributes), in one sequence', async () => {
    const tmp = tempDir();
    const s = openSqliteStore({ dataDir: tmp.dir, auditWriterThread: true });
    try {
      await warmUp(s);
      const odd = 'ünïcødé 🔑 \u2028 "quoted" \\ \ud800 lone';
      const batch = Array.from({ length: 300 }, (_, i) =>
        auditRecord({ eventId: `e${i}`, eventName: i % 2 ? 'Decrypt' : odd, json: JSON.stringify({ i, odd }), attributes: [{ key: 'Username', value: `user-${i}-é` }, { key: 'ResourceName', value: 'a\0b' }] }),
      );
      await Promise.all(batch.map((r) => s.audit.append(r)));
      assert.equal(inboxCount(tmp.dir), 500, 'acknowledged means committed');
      const log = await s.audit.query({ order: 'log' });
      assert.equal(log.length, 500);
      for (let i = 1; i < log.length; i++) assert.ok(log[i]!.seq > log[i - 1]!.seq);
      const e7 = log.find((r) => r.eventId === 'e7')!;
      assert.equal(e7.eventName, 'Decrypt');
      const e8 = log.find((r) => r.eventId === 'e8')!;
      assert.equal(e8.eventName, odd.replace('\ud800', '\ufffd'), 'a lone surrogate becomes U+FFFD, as SQLite stores it from any connection');
      assert.deepEqual(JSON.parse(e7.json), { i: 7, odd });
      const [byUser] = await s.audit.query({ attribute: { key: 'Username', value: 'user-7-é' } });
      assert.equal(byUser?.eventId, 'e7');
      assert.equal((await s.audit.query({ attribute: { key: 'ResourceName', value: 'a\uFFFDb' } })).length, 300);
    } finally {
      await s.close();
      tmp.remove();
    }
  });

  it('a failed batch rejects its events with AuditWriteError and marks the log unhealthy; the next batch recovers', async () => {
    const tmp = tempDir();
    const s = openSqliteStore({ dataDir: tmp.dir, auditWriterThread: true });
    try {
      await warmUp(s);
      const raw = new Database(`${tmp.dir}/warden.db`);
      raw.exec("CREATE TRIGGER refuse BEFORE INSERT ON audit_inbox WHEN NEW.event_name = 'Boom' BEGIN SELECT RAISE(ABORT, 'no room for Boom'); END;");
      raw.close();
      const results = await Promise.allSettled([s.audit.append(auditRecord({ eventId: 'ok-1' })), s.audit.append(auditRecord({ eventId: 'boom', eventName: 'Boom' }))]);
      for (const r of results) {
        assert.equal(r.status, 'rejected', 'one transaction: the whole batch fails');
        assert.ok((r as PromiseRejectedResult).reason instanceof AuditWriteError);
        assert.match(String((r as PromiseRejectedResult).reason.message), /no room for Boom/);
      }
      assert.equal(s.audit.healthy, false);
      assert.equal(inboxCount(tmp.dir), 200, 'nothing of the failed batch is stored');
      await s.audit.append(auditRecord({ eventId: 'ok-2' }));
      assert.equal(s.audit.healthy, true);
      assert.equal(inboxCount(tmp.dir), 201);
    } finally {
      await s.close();
      tmp.remove();
    }
  });

  it('waits out a write lock another connection holds, without blocking the event loop', async () => {
    const tmp = tempDir();
    const s = openSqliteStore({ dataDir: tmp.dir, auditWriterThread: true });
    try {
      await warmUp(s);
      const raw = new Database(`${tmp.dir}/warden.db`);
      raw.exec('BEGIN IMMEDIATE');
      let written = false;
      const append = s.audit.append(auditRecord({ eventId: 'after-lock' })).then(() => (written = true));
      const ticks = await new Promise<number>((resolve) => {
        let n = 0;
        const t = setInterval(() => ++n, 5);
        setTimeout(() => (clearInterval(t), resolve(n)), 150);
      });
      assert.equal(written, false, 'not acknowledged while the lock is held');
      assert.ok(ticks >= 10, `the event loop kept running (${ticks} ticks)`);
      raw.exec('COMMIT');
      raw.close();
      await append;
      assert.equal(inboxCount(tmp.dir), 201);
    } finally {
      await s.close();
      tmp.remove();
    }
  });

  it('close flushes what is queued and in flight', async () => {
    const tmp = tempDir();
    const s = openSqliteStore({ dataDir: tmp.dir, auditWriterThread: true });
    await warmUp(s);
    const pending = Array.from({ length: 50 }, (_, i) => s.audit.append(auditRecord({ eventId: `last-${i}` })));
    await s.close();
    await Promise.all(pending);
    assert.equal(inboxCount(tmp.dir), 250);
    tmp.remove();
  });
});
