import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION, openSqliteStore, prefixUpperBound } from '../../../src/store/sqlite.js';
import type { AuditAttributeKey } from '../../../src/store/store.js';
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
        assert.deepEqual(names, [
          'audit', 'audit_attr', 'audit_event_id', 'audit_event_name', 'audit_event_source', 'audit_inbox', 'audit_indexed', 'audit_newest', 'audit_request_id_seq', 'kv',
        ]);
        // Every LookupEvents page shape is served in index order: no sort, whatever the log size.
        const cols = 'a.seq, a.json';
        const shapes: [string, RegExp][] = [
          [`SELECT ${cols} FROM audit a WHERE a.account = 'a' AND a.region = 'r' AND a.event_time >= 't' ORDER BY a.event_time DESC, a.seq DESC LIMIT 51`, /audit_newest/],
          [`SELECT ${cols} FROM audit a INDEXED BY audit_event_name WHERE a.account = 'a' AND a.region = 'r' AND a.event_name = 'n' AND a.event_time >= 't' AND (a.event_time, a.seq) < ('u', 5) ORDER BY a.event_time DESC, a.seq DESC LIMIT 51`, /audit_event_name/],
          [`SELECT ${cols} FROM audit a INDEXED BY audit_event_source WHERE a.account = 'a' AND a.region = 'r' AND a.event_source = 'n' AND a.event_time >= 't' ORDER BY a.event_time DESC, a.seq DESC LIMIT 51`, /audit_event_source/],
          [`SELECT ${cols} FROM audit_attr x JOIN audit a ON a.seq = x.seq WHERE x.account = 'a' AND x.region = 'r' AND x.k = 'Username' AND x.v = 'bob' AND x.event_time >= 't' ORDER BY x.event_time DESC, x.seq DESC LIMIT 51`, /SEARCH x USING PRIMARY KEY/],
        ];
        for (const [sql, index] of shapes) {
          const plan = (side.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' | ');
          assert.match(plan, index, plan);
          assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
        }
        const byId = (side.prepare(`EXPLAIN QUERY PLAN SELECT ${cols} FROM audit a INDEXED BY audit_event_id WHERE a.account = 'a' AND a.region = 'r' AND a.event_id = 'e' ORDER BY a.event_time DESC, a.seq DESC`).all() as { detail: string }[]).map((p) => p.detail).join(' | ');
        assert.match(byId, /audit_event_id/, byId);
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

  it('migrates a schema-1 data dir: old events are found by every LookupEvents attribute', async () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'warden.db');
      const v1 = new Database(file);
      // Schema 1 exactly as released.
      v1.exec(`CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB NOT NULL, version INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, event_time TEXT NOT NULL, account TEXT NOT NULL,
          region TEXT NOT NULL, event_source TEXT NOT NULL, event_name TEXT NOT NULL, request_id TEXT NOT NULL, json TEXT NOT NULL);
        CREATE INDEX audit_account_region_seq ON audit (account, region, seq);
        CREATE INDEX audit_event_name_seq ON audit (event_name, seq);
        CREATE INDEX audit_request_id_seq ON audit (request_id, seq);`);
      v1.pragma('user_version = 1');
      const ins = v1.prepare('INSERT INTO audit (event_id, event_time, account, region, event_source, event_name, request_id, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const rec = (id: string, time: string, json: object) => ins.run(id, time, '000000000000', 'us-east-1', 'kms.amazonaws.com', 'CreateKey', `r-${id}`, JSON.stringify(json));
      rec('e1', '2026-01-01T00:00:00Z', { readOnly: false, userIdentity: { type: 'IAMUser', userName: 'alice', accessKeyId: 'AKIAALICE' }, resources: [{ ARN: 'arn:k1', type: 'AWS::KMS::Key' }, { ARN: 'arn:k2', type: 'AWS::KMS::Key' }] });
      rec('e2', '2026-01-02T00:00:00Z', { readOnly: true, userIdentity: { type: 'AssumedRole', principalId: 'AROAX:sess-1', accessKeyId: 'ASIAX' } });
      rec('e3', '2026-01-03T00:00:00Z', { readOnly: true, userIdentity: { type: 'Root', accessKeyId: 'test' } });
      ins.run('e4', '2025-12-01T00:00:00Z', '000000000000', 'us-east-1', 's3.amazonaws.com', 'GetObject', 'r-e4', JSON.stringify({ eventCategory: 'Data' }));
      v1.close();
      const s = openSqliteStore({ dataDir: tmp.dir });
      try {
        const ids = async (key: AuditAttributeKey, value: string): Promise<string[]> =>
          (await s.audit.query({ account: '000000000000', region: 'us-east-1', attribute: { key, value } })).map((r) => r.eventId);
        assert.deepEqual(await ids('Username', 'alice'), ['e1']);
        assert.deepEqual(await ids('Username', 'sess-1'), ['e2']);
        assert.deepEqual(await ids('Username', 'root'), ['e3']);
        assert.deepEqual(await ids('AccessKeyId', 'ASIAX'), ['e2']);
        assert.deepEqual(await ids('ReadOnly', 'true'), ['e3', 'e2']);
        assert.deepEqual(await ids('ReadOnly', 'false'), ['e1']);
        assert.deepEqual(await ids('ResourceName', 'arn:k2'), ['e1']);
        assert.deepEqual(await ids('ResourceType', 'AWS::KMS::Key'), ['e1']);
        assert.deepEqual((await s.audit.query({ account: '000000000000', region: 'us-east-1', eventName: 'CreateKey' })).map((r) => r.eventId), ['e3', 'e2', 'e1']);
        // Records without eventCategory are management events; a Data one keeps its category.
        assert.deepEqual((await s.audit.query({ eventCategory: 'Management' })).map((r) => r.eventId), ['e3', 'e2', 'e1']);
        assert.deepEqual((await s.audit.query({ eventCategory: 'Data' })).map((r) => r.eventId), ['e4']);
      } finally {
        await s.close();
      }
      const side = new Database(file, { readonly: true });
      assert.equal(side.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      side.close();
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
