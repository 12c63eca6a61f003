// One storage conformance suite (Vault's ExerciseBackend idea), run against every backend.
import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, type AuditRecord, type Entry, type Store, type WriteTx } from '../../../src/store/store.js';
import { MAX_WRITE_ATTEMPTS } from '../../../src/store/engine.js';
import { StoreClosedError } from '../../../src/store/backend.js';
import { BACKENDS, auditRecord, bytes, gate, text, type Opened } from './helpers.js';

const put = (s: Store, key: string, value: string, expect?: number): Promise<void> =>
  s.write(async (tx) => tx.put(key, bytes(value), expect));
const get = (s: Store, key: string): Promise<Entry | undefined> => s.read((tx) => tx.get(key));
const keysOf = (es: readonly Entry[]): string[] => es.map((e) => e.key);
const utf8Order = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

// Keys whose UTF-8 order differs from JavaScript's default sort, prefixes of one another,
// separators either side of '/', NUL, astral characters and U+FFFF.
const TRICKY = [
  'a', 'a/', 'a/b', 'a/b/', 'a/b/c', 'a/b0', 'a/b.', 'a.b', 'a0', 'a/\u0000', 'a/é', 'a/\uFFFF', 'a/\u{1F600}',
  'a/\u{1F600}x', 'a/\u{1F601}', 'a/\uE000', 'a/z', 'a/Z', 'b', 'A', '_warden/x',
];

for (const backend of BACKENDS) {
  describe(`store conformance: ${backend.name}`, () => {
    let opened: Opened;
    let s: Store;
    beforeEach(() => {
      opened = backend.open();
      s = opened.store;
    });
    afterEach(() => opened.dispose());

    it('reports its kind and location', () => {
      assert.equal(s.kind, backend.name.split('+')[0]);
      assert.ok(s.location.length > 0);
      if (backend.name === 'memory') assert.equal(s.location, ':memory:');
    });

    it('puts, gets and deletes with versions starting at 1 and increasing by one per put', async () => {
      assert.equal(await get(s, 'k/1'), undefined);
      await put(s, 'k/1', 'one');
      assert.deepEqual({ ...(await get(s, 'k/1'))!, value: undefined }, { key: 'k/1', value: undefined, version: 1 });
      assert.equal(text((await get(s, 'k/1'))!.value), 'one');
      await put(s, 'k/1', 'two');
      await put(s, 'k/1', 'three');
      const e = await get(s, 'k/1');
      assert.equal(e!.version, 3);
      assert.equal(text(e!.value), 'three');
      await s.write(async (tx) => tx.delete('k/1'));
      assert.equal(await get(s, 'k/1'), undefined);
      await s.write(async (tx) => tx.delete('k/1')); // deleting what is absent is a no-op
      await put(s, 'k/1', 'again');
      assert.equal((await get(s, 'k/1'))!.version, 1, 'a deleted key starts again at 1');
      await put(s, 'k/empty', '');
      assert.equal((await get(s, 'k/empty'))!.value.byteLength, 0);
    });

    it('copies values on write and on read', async () => {
      const v = bytes('abc');
      await s.write(async (tx) => {
        tx.put('c/1', v);
        v[0] = 0x7a; // after put, before commit
      });
      const first = await get(s, 'c/1');
      assert.equal(text(first!.value), 'abc');
      first!.value[0] = 0x7a;
      assert.equal(text((await get(s, 'c/1'))!.value), 'abc');
      const [scanned] = await s.read((tx) => tx.scan('c/'));
      scanned!.value[1] = 0x7a;
      assert.equal(text((await get(s, 'c/1'))!.value), 'abc');
    });

    it('a write transaction reads its own buffered writes; read() and others see only commits', async () => {
      await put(s, 'r/a', 'a1');
      await put(s, 'r/c', 'c1');
      await put(s, 'r/d', 'd1');
      const hold = gate();
      const seen = gate();
      const w = s.write(async (tx) => {
        tx.put('r/a', bytes('a2'));
        tx.put('r/b', bytes('b1'));
        tx.delete('r/c');
        const a = await tx.get('r/a');
        assert.equal(text(a!.value), 'a2');
        assert.equal(a!.version, 2, 'a buffered put shows the version it will commit');
        assert.equal((await tx.get('r/b'))!.version, 1);
        assert.equal(await tx.get('r/c'), undefined);
        const all = await tx.scan('r/');
        assert.deepEqual(keysOf(all), ['r/a', 'r/b', 'r/d']);
        assert.deepEqual(all.map((e) => e.version), [2, 1, 1]);
        assert.deepEqual(keysOf(await tx.scan('r/', { limit: 2 })), ['r/a', 'r/b']);
        assert.deepEqual(keysOf(await tx.scan('r/', { after: 'r/a', limit: 1 })), ['r/b']);
        assert.deepEqual(keysOf(await tx.scan('r/', { after: 'r/b', limit: 1 })), ['r/d']);
        seen.open();
        await hold.promise;
      });
      await seen.promise;
      assert.equal(text((await get(s, 'r/a'))!.value), 'a1');
      assert.equal(await get(s, 'r/b'), undefined);
      assert.deepEqual(keysOf(await s.read((tx) => tx.scan('r/'))), ['r/a', 'r/c', 'r/d']);
      hold.open();
      await w;
      assert.deepEqual(keysOf(await s.read((tx) => tx.scan('r/'))), ['r/a', 'r/b', 'r/d']);
    });

    it('many writers racing on one key all commit (the retries spread out instead of re-conflicting in lockstep)', async () => {
      const racers = 24;
      await Promise.all(
        Array.from({ length: racers }, () =>
          s.write(async (tx) => {
            const n = Number(text((await tx.get('race/n'))?.value) ?? '0');
            await new Promise((r) => setImmediate(r)); // as a handler awaiting its other reads
            tx.put('race/n', bytes(String(n + 1)));
          }),
        ),
      );
      assert.equal(text((await get(s, 'race/n'))!.value), String(racers));
    });

    it('expectVersion: 0 means must not exist, otherwise the committed version must match', async () => {
      await put(s, 'e/1', 'v1', 0);
      let runs = 0;
      await assert.rejects(
        s.write(async (tx) => {
          runs++;
          tx.put('e/1', bytes('dup'), 0);
        }),
        (e: unknown) => e instanceof ConflictError && e.key === 'e/1' && e.name === 'ConflictError',
      );
      assert.equal(runs, MAX_WRITE_ATTEMPTS, 'fn re-runs against fresh state, a bounded number of times');
      await put(s, 'e/1', 'v2', 1);
      await assert.rejects(put(s, 'e/1', 'stale', 1), ConflictError);
      assert.equal(text((await get(s, 'e/1'))!.value), 'v2');
      await assert.rejects(s.write(async (tx) => tx.delete('e/1', 1)), ConflictError);
      await s.write(async (tx) => tx.delete('e/1', 2));
      assert.equal(await get(s, 'e/1'), undefined);
      await assert.rejects(s.write(async (tx) => tx.delete('e/1', 1)), ConflictError);
      await s.write(async (tx) => tx.delete('e/1', 0)); // absent, as expected
      await assert.rejects(put(s, 'e/2', 'x', -1), RangeError);
      await assert.rejects(put(s, 'e/2', 'x', 1.5), RangeError);
    });

    it('a version read back from the transaction\'s own write is accepted as expectVersion', async () => {
      await put(s, 'o/1', 'v1');
      await s.write(async (tx) => {
        const before = (await tx.get('o/1'))!;
        tx.put('o/1', bytes('v2'), before.version);
        const mine = (await tx.get('o/1'))!;
        assert.equal(mine.version, before.version + 1);
        tx.put('o/1', bytes('v3'), mine.version);
        tx.put('o/new', bytes('n'), 0);
        tx.put('o/new', bytes('n2'), (await tx.get('o/new'))!.version);
        tx.delete('o/1', (await tx.get('o/1'))!.version);
        tx.put('o/1', bytes('v4'), 0);
      });
      assert.equal(text((await get(s, 'o/1'))!.value), 'v4');
      assert.equal(text((await get(s, 'o/new'))!.value), 'n2');
      await assert.rejects(
        s.write(async (tx) => {
          tx.put('o/1', bytes('x'));
          tx.put('o/1', bytes('y'), 7);
        }),
        ConflictError,
      );
    });

    it('a conflicting expectVersion rejects the whole commit', async () => {
      await put(s, 'm/taken', 'x');
      await assert.rejects(
        s.write(async (tx) => {
          tx.put('m/new', bytes('n'));
          tx.put('m/taken', bytes('y'), 0);
          tx.appendAudit(auditRecord({ eventName: 'ShouldNotExist' }));
        }),
        ConflictError,
      );
      assert.equal(await get(s, 'm/new'), undefined);
      assert.deepEqual(await s.audit.query({ eventName: 'ShouldNotExist' }), []);
    });

    it('scans by prefix in UTF-8 byte order, with after and limit', async () => {
      await s.write(async (tx) => {
        for (const k of [...TRICKY].reverse()) tx.put(k, bytes(k));
      });
      const all = [...TRICKY].sort(utf8Order);
      const got = await s.read((tx) => tx.scan(''));
      assert.deepEqual(keysOf(got), all);
      for (const e of got) assert.equal(text(e.value), e.key);
      const underA = all.filter((k) => k.startsWith('a/'));
      assert.deepEqual(keysOf(await s.read((tx) => tx.scan('a/'))), underA);
      assert.deepEqual(keysOf(await s.read((tx) => tx.scan('a/b'))), ['a/b', 'a/b.', 'a/b/', 'a/b/c', 'a/b0']);
      assert.deepEqual(keysOf(await s.read((tx) => tx.scan('a/\u{1F600}'))), ['a/\u{1F600}', 'a/\u{1F600}x']);
      assert.deepEqual(keysOf(await s.read((tx) => tx.scan('nothing/'))), []);
      assert.deepEqual(keysOf(await s.read((tx) => tx.scan('a/', { after: 'a/zz' }))), ['a/é', 'a/\uE000', 'a/\uFFFF', 'a/\u{1F600}', 'a/\u{1F600}x', 'a/\u{1F601}']);
      // Page through with every limit; the pages join up to the full list.
      for (const limit of [1, 2, 3, 7]) {
        const pages: string[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await s.read((tx) => tx.scan('a/', after === undefined ? { limit } : { after, limit }));
          assert.ok(page.length <= limit);
          if (page.length === 0) break;
          pages.push(...keysOf(page));
          after = page[page.length - 1]!.key;
        }
        assert.deepEqual(pages, underA, `limit ${limit}`);
      }
      assert.deepEqual(keysOf(await s.read((tx) => tx.scan('a/', { after: 'A' }))), underA, 'a cursor before the prefix');
      assert.deepEqual(keysOf(await s.read((tx) => tx.scan('a/', { after: 'a/\u{10FFFF}' }))), []);
      assert.deepEqual(keysOf(await s.read((tx) => tx.scan('a/', { after: 'a/b/' }))), underA.slice(underA.indexOf('a/b/') + 1));
      assert.deepEqual(await s.read((tx) => tx.scan('a/', { limit: 0 })), []);
      await assert.rejects(s.read((tx) => tx.scan('a/', { limit: -1 })), RangeError);
    });

    it('scans a prefix ending in the last code point', async () => {
      const top = '\u{10FFFF}';
      await s.write(async (tx) => {
        for (const k of [`y${top}`, `y${top}a`, `y${top}${top}`, 'y', 'z']) tx.put(k, bytes('.'));
      });
      assert.deepEqual(keysOf(await s.read((tx) => tx.scan(`y${top}`))), [`y${top}`, `y${top}a`, `y${top}${top}`]);
      assert.deepEqual(keysOf(await s.read((tx) => tx.scan(`y${top}`, { after: `y${top}`, limit: 1 }))), [`y${top}a`]);
    });

    it('refuses keys that are empty or not well-formed', async () => {
      await assert.rejects(put(s, '', 'x'), TypeError);
      await assert.rejects(put(s, 'bad/\uD800', 'x'), TypeError);
      await assert.rejects(put(s, 'bad/\uDC00x', 'x'), TypeError);
      await assert.rejects(get(s, 'bad/\uD83D'), TypeError);
      await assert.rejects(s.read((tx) => tx.scan('bad/\uD83D')), TypeError);
      assert.deepEqual(await s.read((tx) => tx.scan('')), []);
    });

    it('commits several keys and audit events all together', async () => {
      await put(s, 'multi/0', 'old');
      await s.write(async (tx) => {
        tx.put('multi/0', bytes('new'));
        tx.put('multi/1', bytes('one'));
        tx.put('multi/2', bytes('two'));
        tx.appendAudit(auditRecord({ eventName: 'MultiA' }));
        tx.appendAudit(auditRecord({ eventName: 'MultiB' }));
      });
      const all = await s.read((tx) => tx.scan('multi/'));
      assert.deepEqual(all.map((e) => [e.key, text(e.value), e.version]), [
        ['multi/0', 'new', 2],
        ['multi/1', 'one', 1],
        ['multi/2', 'two', 1],
      ]);
      assert.deepEqual((await s.audit.query({})).map((r) => r.eventName), ['MultiB', 'MultiA']);
    });

    it('writes nothing when fn throws, and does not retry', async () => {
      await put(s, 't/keep', 'kept');
      let runs = 0;
      const boom = new Error('handler failed');
      await assert.rejects(
        s.write(async (tx) => {
          runs++;
          tx.put('t/keep', bytes('changed'));
          tx.put('t/new', bytes('new'));
          tx.delete('t/keep');
          tx.appendAudit(auditRecord({ eventName: 'Thrown' }));
          throw boom;
        }),
        (e) => e === boom,
      );
      assert.equal(runs, 1);
      const kept = await get(s, 't/keep');
      assert.equal(text(kept!.value), 'kept');
      assert.equal(kept!.version, 1);
      assert.equal(await get(s, 't/new'), undefined);
      assert.deepEqual(await s.audit.query({}), []);
    });

    it('refuses a transaction used after its fn returned', async () => {
      let leaked: WriteTx | undefined;
      await s.write(async (tx) => {
        leaked = tx;
      });
      assert.throws(() => leaked!.put('late', bytes('x')), /finished/);
    });

    it('retries a writer whose read set changed; concurrent increments are not lost', async () => {
      await put(s, 'ctr', '0');
      const bothRead = gate();
      let reads = 0;
      let runs = 0;
      const increment = (): Promise<number> =>
        s.write(async (tx) => {
          runs++;
          const cur = Number(text((await tx.get('ctr'))!.value));
          if (++reads === 2) bothRead.open();
          await bothRead.promise; // both transactions have read the same version
          tx.put('ctr', bytes(String(cur + 1)));
          return cur + 1;
        });
      const results = await Promise.all([increment(), increment()]);
      assert.deepEqual(results.sort(), [1, 2]);
      assert.equal(runs, 3, 'exactly one of the two ran again');
      const ctr = await get(s, 'ctr');
      assert.equal(text(ctr!.value), '2');
      assert.equal(ctr!.version, 3);
    });

    it('detects a read key that was deleted and recreated at the same version (ABA)', async () => {
      await put(s, 'aba', 'first');
      const read = gate();
      const changed = gate();
      let runs = 0;
      const w = s.write(async (tx) => {
        runs++;
        const seen = text((await tx.get('aba'))!.value);
        read.open();
        await changed.promise;
        tx.put('aba/copy', bytes(seen!));
      });
      await read.promise;
      await s.write(async (tx) => tx.delete('aba'));
      await put(s, 'aba', 'second'); // version 1 again
      changed.open();
      await w;
      assert.equal(runs, 2);
      assert.equal(text((await get(s, 'aba/copy'))!.value), 'second');
    });

    it('validates a read of an absent key', async () => {
      const read = gate();
      const created = gate();
      let runs = 0;
      const w = s.write(async (tx) => {
        runs++;
        const exists = (await tx.get('absent')) !== undefined;
        read.open();
        await created.promise;
        tx.put('absent/seen', bytes(String(exists)));
      });
      await read.promise;
      await put(s, 'absent', 'now');
      created.open();
      await w;
      assert.equal(runs, 2);
      assert.equal(text((await get(s, 'absent/seen'))!.value), 'true');
    });

    it('does not count scans in the read set (phantoms are not conflicts)', async () => {
      const scanned = gate();
      const inserted = gate();
      let runs = 0;
      const w = s.write(async (tx) => {
        runs++;
        const n = (await tx.scan('ph/')).length;
        scanned.open();
        await inserted.promise;
        tx.put('ph-count', bytes(String(n)));
      });
      await scanned.promise;
      await put(s, 'ph/1', 'x');
      inserted.open();
      await w;
      assert.equal(runs, 1);
      assert.equal(text((await get(s, 'ph-count'))!.value), '0');
    });

    it('does not retry a blind write (put without get or expectVersion)', async () => {
      const ready = gate();
      const done = gate();
      let runs = 0;
      const w = s.write(async (tx) => {
        runs++;
        tx.put('blind', bytes('mine'));
        ready.open();
        await done.promise;
      });
      await ready.promise;
      await put(s, 'blind', 'theirs');
      done.open();
      await w;
      assert.equal(runs, 1);
      const e = await get(s, 'blind');
      assert.equal(text(e!.value), 'mine');
      assert.equal(e!.version, 2);
    });

    it('appends audit events and queries them newest first with filters', async () => {
      const recs = [
        auditRecord({ account: '111111111111', region: 'us-east-1', eventName: 'CreateKey', requestId: 'r1' }),
        auditRecord({ account: '111111111111', region: 'eu-west-1', eventName: 'Encrypt', requestId: 'r2' }),
        auditRecord({ account: '222222222222', region: 'us-east-1', eventName: 'Encrypt', requestId: 'r3' }),
        auditRecord({ account: '111111111111', region: 'us-east-1', eventName: 'Decrypt', requestId: 'r4' }),
        auditRecord({ account: '111111111111', region: 'us-east-1', eventName: 'Encrypt', requestId: 'r4' }),
      ];
      for (const r of recs.slice(0, 2)) await s.audit.append(r);
      await Promise.all(recs.slice(2, 4).map((r) => s.audit.append(r))); // one group
      await s.write(async (tx) => tx.appendAudit(recs[4]!));
      const all = await s.audit.query({});
      assert.deepEqual(all.map((r) => r.requestId), ['r4', 'r4', 'r3', 'r2', 'r1']);
      for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.seq > all[i]!.seq);
      const { seq, ...rest } = all[4]!;
      assert.ok(Number.isSafeInteger(seq) && seq > 0);
      assert.deepEqual(rest, recs[0]);
      const q = async (query: Parameters<Store['audit']['query']>[0]): Promise<string[]> =>
        (await s.audit.query(query)).map((r) => `${r.requestId}:${r.eventName}`);
      assert.deepEqual(await q({ account: '111111111111' }), ['r4:Encrypt', 'r4:Decrypt', 'r2:Encrypt', 'r1:CreateKey']);
      assert.deepEqual(await q({ account: '111111111111', region: 'us-east-1' }), ['r4:Encrypt', 'r4:Decrypt', 'r1:CreateKey']);
      assert.deepEqual(await q({ region: 'us-east-1' }), ['r4:Encrypt', 'r4:Decrypt', 'r3:Encrypt', 'r1:CreateKey']);
      assert.deepEqual(await q({ eventName: 'Encrypt' }), ['r4:Encrypt', 'r3:Encrypt', 'r2:Encrypt']);
      assert.deepEqual(await q({ eventName: 'Encrypt', account: '222222222222' }), ['r3:Encrypt']);
      assert.deepEqual(await q({ requestId: 'r4' }), ['r4:Encrypt', 'r4:Decrypt']);
      assert.deepEqual(await q({ eventName: 'Nope' }), []);
      assert.deepEqual(await q({ limit: 2 }), ['r4:Encrypt', 'r4:Decrypt']);
      assert.deepEqual(await q({ limit: 0 }), []);
      // Newest-first pagination with beforeSeq.
      const page1 = await s.audit.query({ eventName: 'Encrypt', limit: 2 });
      const page2 = await s.audit.query({ eventName: 'Encrypt', limit: 2, beforeSeq: page1[1]!.seq });
      assert.deepEqual(page2.map((r) => r.requestId), ['r2']);
      assert.deepEqual(await q({ beforeSeq: all[4]!.seq }), []);
      assert.deepEqual(await q({ beforeSeq: all[0]!.seq + 100, limit: 1 }), ['r4:Encrypt']);
    });

    it('filters audit events by eventId, eventSource, time range and a post-filter, in transactions too', async () => {
      const recs = [
        auditRecord({ eventId: 'e1', eventSource: 'kms.amazonaws.com', eventTime: '2024-01-01T00:00:00Z', json: '{"n":1}' }),
        auditRecord({ eventId: 'e2', eventSource: 'iam.amazonaws.com', eventTime: '2024-01-02T00:00:00Z', json: '{"n":2}' }),
        auditRecord({ eventId: 'e3', eventSource: 'kms.amazonaws.com', eventTime: '2024-01-03T00:00:00Z', json: '{"n":3}' }),
        auditRecord({ eventId: 'e4', eventSource: 'kms.amazonaws.com', eventTime: '2024-01-04T00:00:00Z', json: '{"n":4}' }),
      ];
      for (const r of recs) await s.audit.append(r);
      const q = async (query: Parameters<Store['audit']['query']>[0]): Promise<string[]> => (await s.audit.query(query)).map((r) => r.eventId);
      assert.deepEqual(await q({ eventId: 'e2' }), ['e2']);
      assert.deepEqual(await q({ eventSource: 'kms.amazonaws.com' }), ['e4', 'e3', 'e1']);
      assert.deepEqual(await q({ startTime: '2024-01-02T00:00:00Z', endTime: '2024-01-03T00:00:00Z' }), ['e3', 'e2']);
      assert.deepEqual(await q({ startTime: '2024-01-03T00:00:00Z' }), ['e4', 'e3']);
      const even = (r: { json: string }): boolean => (JSON.parse(r.json) as { n: number }).n % 2 === 0;
      assert.deepEqual(await q({ match: even }), ['e4', 'e2']);
      assert.deepEqual(await q({ match: even, limit: 1 }), ['e4']);
      assert.deepEqual(await q({ match: even, limit: 0 }), []);
      const first = await s.audit.query({ match: even, limit: 1 });
      assert.deepEqual(await q({ match: even, beforeSeq: first[0]!.seq }), ['e2']);
      assert.deepEqual(await q({ match: even, eventSource: 'kms.amazonaws.com' }), ['e4']);
      // Read and write transactions expose the same query.
      assert.deepEqual((await s.read(async (tx) => tx.queryAudit!({ eventSource: 'iam.amazonaws.com' }))).map((r) => r.eventId), ['e2']);
      assert.deepEqual((await s.write(async (tx) => tx.queryAudit!({ match: even, limit: 1 }))).map((r) => r.eventId), ['e4']);
    });

    it('orders by eventTime then seq, pages with a cursor stable under appends, and finds derived attributes', async () => {
      const acct = { account: '000000000000', region: 'us-east-1' };
      const at = (eventId: string, eventTime: string, attributes: AuditRecord['attributes'] = []): AuditRecord =>
        auditRecord({ eventId, eventTime, attributes });
      await s.audit.append(at('a', '2026-01-02T00:00:00Z', [{ key: 'Username', value: 'alice' }, { key: 'ResourceType', value: 'T' }, { key: 'ResourceType', value: 'T' }]));
      await s.audit.append(at('b', '2026-01-03T00:00:00Z', [{ key: 'Username', value: 'bob' }]));
      // Committed later, but happened earlier: it sorts by its eventTime.
      await s.audit.append(at('c', '2026-01-01T00:00:00Z', [{ key: 'Username', value: 'alice' }]));
      await s.audit.append(at('d', '2026-01-03T00:00:00Z'));
      const q = async (query: Parameters<Store['audit']['query']>[0]): Promise<string[]> => (await s.audit.query(query)).map((r) => r.eventId);
      assert.deepEqual(await q(acct), ['d', 'b', 'a', 'c']);
      assert.deepEqual(await q({ ...acct, order: 'log' }), ['a', 'b', 'c', 'd']);
      assert.deepEqual(await q({ ...acct, order: 'latest' }), ['d', 'c', 'b', 'a']);
      assert.deepEqual(await q({ ...acct, order: 'latest', attribute: { key: 'Username', value: 'alice' }, limit: 1 }), ['c']);
      const all = await s.audit.query(acct);
      assert.deepEqual(await q({ ...acct, order: 'log', afterSeq: all[2]!.seq, limit: 1 }), ['b']);
      assert.deepEqual(await q({ ...acct, attribute: { key: 'Username', value: 'alice' } }), ['a', 'c']);
      // The same attribute twice on one record finds it once.
      assert.deepEqual(await q({ ...acct, attribute: { key: 'ResourceType', value: 'T' } }), ['a']);
      assert.deepEqual(await q({ ...acct, attribute: { key: 'Username', value: 'nobody' } }), []);
      assert.deepEqual(await q({ ...acct, attribute: { key: 'Username', value: 'alice' }, endTime: '2026-01-01T12:00:00Z' }), ['c']);
      // The attributes are indexed, not returned.
      assert.equal('attributes' in all[0]!, false);
      // Event category: absent means Management; stored for filtering, not returned.
      await s.audit.append({ ...auditRecord({ eventId: 'data', eventTime: '2026-01-03T12:00:00Z' }), eventCategory: 'Data' });
      assert.deepEqual(await q({ ...acct, eventCategory: 'Data' }), ['data']);
      assert.deepEqual(await q({ ...acct, eventCategory: 'Management' }), ['d', 'b', 'a', 'c']);
      assert.equal('eventCategory' in (await s.audit.query({ eventId: 'data' }))[0]!, false);
      // Pages: the cursor is (eventTime, seq) of the last record shown.
      const page1 = await s.audit.query({ ...acct, limit: 2 });
      await s.audit.append(at('e', '2026-01-04T00:00:00Z'));
      const last = page1[1]!;
      assert.deepEqual(page1.map((r) => r.eventId), ['data', 'd']);
      assert.deepEqual(await q({ ...acct, before: { eventTime: last.eventTime, seq: last.seq } }), ['b', 'a', 'c']);
      assert.deepEqual(await q({ ...acct, before: { eventTime: last.eventTime, seq: last.seq }, attribute: { key: 'Username', value: 'alice' } }), ['a', 'c']);
      // Retention.
      assert.equal(await s.audit.prune('2026-01-02T00:00:00Z'), 0, 'the oldest record in log order is newer: prune waits');
      assert.equal(await s.audit.prune('2026-01-03T00:00:00Z'), 1);
      assert.deepEqual(await q(acct), ['e', 'data', 'd', 'b', 'c']);
      assert.deepEqual(await q({ ...acct, attribute: { key: 'Username', value: 'alice' } }), ['c']);
      assert.equal(await s.audit.prune('2027-01-01T00:00:00Z'), 5);
      assert.deepEqual(await q(acct), []);
    });

    it('stores only the audit fields and refuses malformed records', async () => {
      await s.audit.append({ ...auditRecord({ requestId: 'extra' }), secret: 'not stored' } as never);
      const [r] = await s.audit.query({ requestId: 'extra' });
      assert.equal((r as unknown as Record<string, unknown>)['secret'], undefined);
      await assert.rejects(s.audit.append({ ...auditRecord(), json: undefined } as never), TypeError);
      assert.equal(s.audit.healthy, true);
    });

    it('group-commits many appends and flushes at once when the queue is full', async () => {
      const slow = backend.open({ groupCommitMs: 60_000 });
      try {
        const appended = Array.from({ length: 256 }, (_, i) => slow.store.audit.append(auditRecord({ requestId: `g${i}` })));
        // A full queue does not wait for the 60 s window.
        await Promise.all(appended);
        const extra = slow.store.audit.append(auditRecord({ requestId: 'late' }));
        assert.equal((await slow.store.audit.query({})).length, 256);
        await slow.store.audit.flush(); // flush() writes what is queued now
        await extra;
        assert.equal((await slow.store.audit.query({ limit: 1 }))[0]!.requestId, 'late');
        assert.equal(slow.store.audit.healthy, true);
        assert.equal(slow.store.audit.lastError, undefined);
      } finally {
        await slow.dispose();
      }
    });

    it('reset wipes state and audit but keeps _warden/ keys', async () => {
      await s.write(async (tx) => {
        tx.put('_warden/barrier/keyring', bytes('ring'));
        tx.put('_warden/other', bytes('o'));
        tx.put('_wardenX', bytes('not reserved'));
        tx.put('_warden', bytes('not reserved either'));
        tx.put('kms/000000000000/us-east-1/key/1', bytes('k'));
        tx.put('\u{1F600}', bytes('astral'));
        tx.appendAudit(auditRecord());
      });
      await put(s, '_warden/other', 'o2');
      const pending = s.audit.append(auditRecord({ requestId: 'before-reset' }));
      await s.reset();
      await pending;
      assert.deepEqual(keysOf(await s.read((tx) => tx.scan(''))), ['_warden/barrier/keyring', '_warden/other']);
      assert.equal((await get(s, '_warden/other'))!.version, 2);
      assert.deepEqual(await s.audit.query({}), []);
      await s.audit.append(auditRecord({ requestId: 'after' }));
      await put(s, 'new', 'n');
      assert.equal((await s.audit.query({}))[0]!.requestId, 'after');
      assert.equal((await get(s, 'new'))!.version, 1);
    });

    it('refuses work once closed, and close is idempotent', async () => {
      await s.close();
      await s.close();
      await assert.rejects(get(s, 'x'), StoreClosedError);
      await assert.rejects(put(s, 'x', 'y'), StoreClosedError);
      await assert.rejects(s.audit.append(auditRecord()), /closed/);
      await assert.rejects(s.audit.query({}), StoreClosedError);
    });
  });
}
