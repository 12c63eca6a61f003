import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION, openSqliteStore, prefixUpperBound } from '../../../src/store/sqlite.js';
import { auditRecord, bytes, gate, tempDir, text } from './helpers.js';

describe('sqlite store', () => {
  it('creates the data dir (0700) and the database (0600) with WAL, synchronous=NORMAL and the schema', async () => {
    const tmp = tempDir();
    try {
      const dataDir = join(tmp.dir, 'nested', 'data');
      const s = openSqliteStore({ dataDir });
      assert.equal(s.kind, 'sqlite');
      assert.equal(s.location, join(dataDir, 'warden.db'));
      await s.write(async (tx) => tx.put('k', bytes('v')));
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      assert.equal(statSync(s.location).mode & 0o777, 0o600);
      const side = new Database(s.location, { readonly: true });
      try {
        assert.equal(side.pragma('journal_mode', { simple: true }), 'wal');
        assert.equal(side.pragma('user_version', { simple: true }), SCHEMA_VERSION);
        const names = (side.prepare(`SELECT name FROM sqlite_master ORDER BY name`).pluck().all() as string[]).filter(
          (n) => !n.startsWith('sqlite_'),
        );
        assert.deepEqual(names, ['audit', 'audit_account_region_seq', 'audit_event_name_seq', 'audit_request_id_seq', 'kv']);
        const plan = side
          .prepare(`EXPLAIN QUERY PLAN SELECT * FROM audit WHERE account = 'a' AND region = 'r' ORDER BY seq DESC LIMIT 10`)
          .all() as { detail: string }[];
        assert.match(plan.map((p) => p.detail).join(' '), /audit_account_region_seq/);
        assert.doesNotMatch(plan.map((p) => p.detail).join(' '), /TEMP B-TREE/);
      } finally {
        side.close();
      }
      await s.close();
    } finally {
      tmp.remove();
    }
  });

  it('uses synchronous=NORMAL on its own connection', async () => {
    const tmp = tempDir();
    try {
      const s = openSqliteStore({ dataDir: tmp.dir, file: 'other.db' });
      assert.equal(s.location, join(tmp.dir, 'other.db'));
      // The pragma is per connection: read it through the store's own statement path.
      const db = (s as unknown as { backend: { db: Database.Database } }).backend.db;
      assert.equal(db.pragma('synchronous', { simple: true }), 1);
      assert.ok((db.pragma('busy_timeout', { simple: true }) as number) >= 1000);
      await s.close();
    } finally {
      tmp.remove();
    }
  });

  it('keeps state, versions and audit across reopen', async () => {
    const tmp = tempDir();
    try {
      const a = openSqliteStore({ dataDir: tmp.dir });
      await a.write(async (tx) => {
        tx.put('p/1', bytes('one'));
        tx.put('p/2', bytes('two'));
        tx.appendAudit(auditRecord({ requestId: 'first' }));
      });
      await a.write(async (tx) => tx.put('p/1', bytes('uno')));
      await a.audit.append(auditRecord({ requestId: 'second' }));
      // Queued but not awaited: close() must write it.
      const queued = a.audit.append(auditRecord({ requestId: 'at-close' }));
      await a.close();
      await queued;

      const b = openSqliteStore({ dataDir: tmp.dir });
      try {
        const all = await b.read((tx) => tx.scan('p/'));
        assert.deepEqual(all.map((e) => [e.key, text(e.value), e.version]), [
          ['p/1', 'uno', 2],
          ['p/2', 'two', 1],
        ]);
        const audit = await b.audit.query({});
        assert.deepEqual(audit.map((r) => r.requestId), ['at-close', 'second', 'first']);
        await b.audit.append(auditRecord({ requestId: 'third' }));
        const [latest] = await b.audit.query({ limit: 1 });
        assert.ok(latest!.seq > audit[0]!.seq);
        await b.write(async (tx) => tx.put('p/1', bytes('eins')));
        assert.equal((await b.read((tx) => tx.get('p/1')))!.version, 3);
      } finally {
        await b.close();
      }
    } finally {
      tmp.remove();
    }
  });

  it('refuses a database written by a newer schema', () => {
    const tmp = tempDir();
    try {
      const db = new Database(join(tmp.dir, 'warden.db'));
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
      assert.throws(() => openSqliteStore({ dataDir: tmp.dir }), /newer than this Warden/);
    } finally {
      tmp.remove();
    }
  });

  it('validates read sets across two connections to one file', async () => {
    const tmp = tempDir();
    const a = openSqliteStore({ dataDir: tmp.dir });
    const b = openSqliteStore({ dataDir: tmp.dir });
    try {
      await a.write(async (tx) => tx.put('shared', bytes('0')));
      const read = gate();
      const written = gate();
      let runs = 0;
      const w = a.write(async (tx) => {
        runs++;
        const n = Number(text((await tx.get('shared'))!.value));
        read.open();
        await written.promise;
        tx.put('shared', bytes(String(n + 1)));
      });
      await read.promise;
      await b.write(async (tx) => {
        const n = Number(text((await tx.get('shared'))!.value));
        tx.put('shared', bytes(String(n + 10)));
      });
      written.open();
      await w;
      assert.equal(runs, 2);
      assert.equal(text((await b.read((tx) => tx.get('shared')))!.value), '11');
    } finally {
      await a.close();
      await b.close();
      tmp.remove();
    }
  });

  it('computes the upper bound of a prefix in code-point order', () => {
    assert.equal(prefixUpperBound(''), undefined);
    assert.equal(prefixUpperBound('a/'), 'a0');
    assert.equal(prefixUpperBound('_warden/'), '_warden0');
    assert.equal(prefixUpperBound('x\uD7FF'), 'x\uE000');
    assert.equal(prefixUpperBound('x\uFFFF'), 'x\u{10000}');
    assert.equal(prefixUpperBound('x\u{1F600}'), 'x\u{1F601}');
    assert.equal(prefixUpperBound('x\u{10FFFF}'), 'y');
    assert.equal(prefixUpperBound('\u{10FFFF}\u{10FFFF}'), undefined);
  });
});
