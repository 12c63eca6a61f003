// Fault injection (Vault's error injector): a failed commit changes nothing; a failed audit flush
// rejects every event of its batch and shows in the health flag.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { AuditWriteError, ConflictError, type AuditQuery, type AuditRecord, type Entry, type Store } from '../../../src/store/store.js';
import { EngineStore } from '../../../src/store/engine.js';
import type { Backend, CommitBatch } from '../../../src/store/backend.js';
import { MemoryBackend } from '../../../src/store/memory.js';
import { SqliteBackend, openSqliteStore } from '../../../src/store/sqlite.js';
import { auditRecord, bytes, tempDir, text } from './helpers.js';

/** Wraps a backend; while a fault is armed, the matching call throws instead of reaching it. */
class FaultyBackend implements Backend {
  failCommit = false;
  failAudit = false;
  constructor(private readonly inner: Backend) {}
  get kind(): Backend['kind'] {
    return this.inner.kind;
  }
  get location(): string {
    return this.inner.location;
  }
  get(key: string): Entry | undefined {
    return this.inner.get(key);
  }
  version(key: string): number {
    return this.inner.version(key);
  }
  scan(prefix: string, after: string | undefined, limit: number | undefined): Entry[] {
    return this.inner.scan(prefix, after, limit);
  }
  commit(batch: CommitBatch): void {
    if (this.failCommit) throw new Error('injected: disk full');
    this.inner.commit(batch);
  }
  appendAudit(records: readonly AuditRecord[]): void {
    if (this.failAudit) throw new Error('injected: audit disk full');
    this.inner.appendAudit(records);
  }
  queryAudit(q: AuditQuery): ReturnType<Backend['queryAudit']> {
    return this.inner.queryAudit(q);
  }
  pruneAudit(olderThan: string): number {
    return this.inner.pruneAudit(olderThan);
  }
  reset(): void {
    this.inner.reset();
  }
  close(): void {
    this.inner.close();
  }
}

const INNER: { name: string; make(): { backend: Backend; cleanup(): void } }[] = [
  { name: 'memory', make: () => ({ backend: new MemoryBackend(), cleanup: () => undefined }) },
  {
    name: 'sqlite',
    make: () => {
      const tmp = tempDir();
      return { backend: new SqliteBackend({ dataDir: tmp.dir }), cleanup: tmp.remove };
    },
  },
];

async function snapshot(s: Store): Promise<unknown> {
  const kv = await s.read((tx) => tx.scan(''));
  return { kv: kv.map((e) => [e.key, text(e.value), e.version]), audit: await s.audit.query({}) };
}

for (const inner of INNER) {
  describe(`store faults: ${inner.name}`, () => {
    it('a failed commit rejects the write, is not retried, and changes nothing', async () => {
      const { backend, cleanup } = inner.make();
      const faulty = new FaultyBackend(backend);
      const s = new EngineStore(faulty, { groupCommitMs: 1 });
      try {
        await s.write(async (tx) => {
          tx.put('a', bytes('a1'));
          tx.appendAudit(auditRecord({ requestId: 'ok' }));
        });
        const before = await snapshot(s);
        faulty.failCommit = true;
        let runs = 0;
        await assert.rejects(
          s.write(async (tx) => {
            runs++;
            await tx.get('a');
            tx.put('a', bytes('a2'));
            tx.put('b', bytes('b1'));
            tx.appendAudit(auditRecord({ requestId: 'lost' }));
          }),
          (e: unknown) => e instanceof Error && !(e instanceof ConflictError) && /injected/.test(e.message),
        );
        assert.equal(runs, 1);
        assert.deepEqual(await snapshot(s), before);
        faulty.failCommit = false;
        await s.write(async (tx) => tx.put('b', bytes('b1')));
        assert.equal(text((await s.read((tx) => tx.get('b')))!.value), 'b1');
      } finally {
        await s.close();
        cleanup();
      }
    });

    it('a failed audit flush rejects its whole batch and flips healthy until a flush succeeds', async () => {
      const { backend, cleanup } = inner.make();
      const faulty = new FaultyBackend(backend);
      const s = new EngineStore(faulty, { groupCommitMs: 1 });
      try {
        assert.equal(s.audit.healthy, true);
        faulty.failAudit = true;
        const results = await Promise.allSettled([1, 2, 3].map((i) => s.audit.append(auditRecord({ requestId: `f${i}` }))));
        for (const r of results) {
          assert.equal(r.status, 'rejected');
          assert.ok((r as PromiseRejectedResult).reason instanceof AuditWriteError);
        }
        assert.equal(s.audit.healthy, false);
        assert.match(s.audit.lastError!, /injected: audit disk full/);
        assert.deepEqual(await s.audit.query({}), []);
        const queued = s.audit.append(auditRecord({ requestId: 'f4' }));
        await assert.rejects(s.audit.flush(), AuditWriteError);
        await assert.rejects(queued, AuditWriteError);
        faulty.failAudit = false;
        await s.audit.append(auditRecord({ requestId: 'recovered' }));
        assert.equal(s.audit.healthy, true);
        assert.match(s.audit.lastError!, /injected/, 'the last error stays visible for /health');
        assert.deepEqual((await s.audit.query({})).map((r) => r.requestId), ['recovered']);
      } finally {
        await s.close();
        cleanup();
      }
    });
  });
}

describe('store faults: sqlite, failing inside the transaction', () => {
  // A trigger aborts the SQLite transaction part-way through, after earlier statements of the
  // same commit ran: proves the rollback, not just an early exit.
  it('rolls back a commit that fails after some of its writes were applied', async () => {
    const tmp = tempDir();
    const s = openSqliteStore({ dataDir: tmp.dir });
    const side = new Database(s.location);
    try {
      await s.write(async (tx) => {
        tx.put('a', bytes('a1'));
        tx.put('c', bytes('c1'));
      });
      side.exec(`CREATE TRIGGER fail_boom BEFORE INSERT ON kv WHEN NEW.key = 'boom' BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
      const before = await snapshot(s);
      await assert.rejects(
        s.write(async (tx) => {
          tx.put('a', bytes('a2')); // applied before 'boom' fails
          tx.delete('c');
          tx.put('b', bytes('b1'));
          tx.put('boom', bytes('x'));
          tx.appendAudit(auditRecord());
        }),
        /injected fault/,
      );
      assert.deepEqual(await snapshot(s), before);
      side.exec('DROP TRIGGER fail_boom');
      await s.write(async (tx) => tx.put('boom', bytes('x')));
      assert.equal((await s.read((tx) => tx.get('boom')))!.version, 1);
    } finally {
      side.close();
      await s.close();
      tmp.remove();
    }
  });

  it('rejects a whole audit group when one row fails, and recovers', async () => {
    const tmp = tempDir();
    const s = openSqliteStore({ dataDir: tmp.dir, groupCommitMs: 5 });
    const side = new Database(s.location);
    try {
      side.exec(`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_inbox WHEN NEW.event_name = 'Boom' BEGIN SELECT RAISE(ABORT, 'injected audit fault'); END`);
      const results = await Promise.allSettled([
        s.audit.append(auditRecord({ eventName: 'Fine' })),
        s.audit.append(auditRecord({ eventName: 'Boom' })),
        s.audit.append(auditRecord({ eventName: 'Fine' })),
      ]);
      assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
      assert.equal(s.audit.healthy, false);
      assert.match(s.audit.lastError!, /injected audit fault/);
      assert.deepEqual(await s.audit.query({}), [], 'the rows before the failing one were rolled back');
      side.exec('DROP TRIGGER fail_audit');
      await s.audit.append(auditRecord({ eventName: 'Fine' }));
      assert.equal(s.audit.healthy, true);
      assert.equal((await s.audit.query({})).length, 1);
    } finally {
      side.close();
      await s.close();
      tmp.remove();
    }
  });
});
