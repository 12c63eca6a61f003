import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { unpackAttributes } from '../../../src/store/sqlite-audit.js';
import { auditRecord, tempDir } from './helpers.js';

describe('sqlite audit inbox and indexer', () => {
  it('an appended event waits in the inbox; a query indexes it first and finds it by its attributes', async () => {
    const tmp = tempDir();
    const s = openSqliteStore({ dataDir: tmp.dir });
    try {
      await s.audit.append(auditRecord({ eventId: 'e1', attributes: [{ key: 'Username', value: 'alice' }, { key: 'ReadOnly', value: 'true' }] }));
      const raw = new Database(`${tmp.dir}/warden.db`, { readonly: true });
      try {
        assert.equal(raw.prepare('SELECT count(*) FROM audit_inbox').pluck().get(), 1);
        assert.equal(raw.prepare('SELECT count(*) FROM audit').pluck().get(), 0);
      } finally {
        raw.close();
      }
      const [hit] = await s.audit.query({ attribute: { key: 'Username', value: 'alice' }, limit: 5 });
      assert.equal(hit?.eventId, 'e1');
      assert.equal((await s.audit.query({ attribute: { key: 'ReadOnly', value: 'true' }, limit: 5 })).length, 1);
    } finally {
      await s.close();
      tmp.remove();
    }
  });

  it('keeps one sequence across the inbox and the indexed log, in commit order', async () => {
    const tmp = tempDir();
    const s = openSqliteStore({ dataDir: tmp.dir });
    try {
      for (let i = 0; i < 5; i++) await s.audit.append(auditRecord({ eventId: `a${i}` }));
      await s.audit.query({ limit: 1 }); // indexes a0..a4
      for (let i = 0; i < 5; i++) await s.audit.append(auditRecord({ eventId: `b${i}` }));
      const log = await s.audit.query({ order: 'log' });
      assert.deepEqual(log.map((r) => r.eventId), ['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2', 'b3', 'b4']);
      for (let i = 1; i < log.length; i++) assert.ok(log[i]!.seq > log[i - 1]!.seq);
    } finally {
      await s.close();
      tmp.remove();
    }
  });

  it('a data dir from before the inbox (schema 2) continues its sequence after the migration', async () => {
    const tmp = tempDir();
    let s = openSqliteStore({ dataDir: tmp.dir });
    for (let i = 0; i < 3; i++) await s.audit.append(auditRecord({ eventId: `old${i}` }));
    await s.audit.query({ limit: 1 });
    await s.close();
    // Back to schema 2: no inbox, no inbox sequence.
    const raw = new Database(`${tmp.dir}/warden.db`);
    raw.exec(
      'UPDATE audit SET json = (SELECT i.json FROM audit_inbox i WHERE i.seq = audit.seq);' +
        "DROP TABLE audit_inbox; DROP TABLE audit_indexed; DELETE FROM sqlite_sequence WHERE name = 'audit_inbox'; PRAGMA user_version = 2;",
    );
    raw.close();
    s = openSqliteStore({ dataDir: tmp.dir });
    try {
      await s.audit.append(auditRecord({ eventId: 'new' }));
      const log = await s.audit.query({ order: 'log' });
      assert.deepEqual(log.map((r) => r.eventId), ['old0', 'old1', 'old2', 'new']);
      assert.deepEqual(log.map((r) => (JSON.parse(r.json) as { eventId: string }).eventId), ['old0', 'old1', 'old2', 'new']);
      assert.ok(log[3]!.seq > log[2]!.seq);
    } finally {
      await s.close();
      tmp.remove();
    }
  });

  it('an attribute value holding NUL is indexed with U+FFFD in its place; the record is untouched', async () => {
    const tmp = tempDir();
    const s = openSqliteStore({ dataDir: tmp.dir });
    try {
      await s.audit.append(auditRecord({ eventId: 'nul', json: '{"k":"a\\u0000b"}', attributes: [{ key: 'ResourceName', value: 'arn:aws:s3:::b/a\u0000b' }] }));
      const [hit] = await s.audit.query({ attribute: { key: 'ResourceName', value: 'arn:aws:s3:::b/a\uFFFDb' }, limit: 1 });
      assert.equal(hit?.json, '{"k":"a\\u0000b"}');
    } finally {
      await s.close();
      tmp.remove();
    }
    assert.deepEqual(unpackAttributes(''), []);
    assert.throws(() => unpackAttributes('Username'), /malformed/);
  });
});
