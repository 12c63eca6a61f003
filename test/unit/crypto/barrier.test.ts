import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Barrier, BarrierError, IvSource, KEYRING_KEY } from '../../../src/crypto/barrier.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { tempDir } from '../store/helpers.js';

const ROOT = randomBytes(32);
const KEY = 'secretsmanager/000000000000/us-east-1/secret/db-password';

describe('barrier', () => {
  it('round-trips values of any length in the documented format', async () => {
    const b = await Barrier.open(createMemoryStore(), ROOT);
    for (const n of [0, 1, 15, 16, 17, 100, 10_000]) {
      const plain = randomBytes(n);
      const sealed = b.seal(KEY, plain);
      assert.equal(sealed.byteLength, 1 + 4 + 12 + n + 16);
      assert.equal(sealed[0], 1, 'format version');
      assert.equal(Buffer.from(sealed).readUInt32BE(1), 1, 'data-key id');
      if (n >= 16) assert.ok(!Buffer.from(sealed).includes(plain.subarray(0, 16)), 'no plaintext in the sealed value');
      assert.deepEqual(Buffer.from(b.unseal(KEY, sealed)), plain);
    }
    // Any Uint8Array view works, not just a Buffer at offset 0.
    const big = new Uint8Array(64);
    const view = big.subarray(8, 40);
    view.set(randomBytes(32));
    const sealedView = b.seal(KEY, view);
    const inner = new Uint8Array(sealedView.byteLength + 3);
    inner.set(sealedView, 3);
    assert.deepEqual(Buffer.from(b.unseal(KEY, inner.subarray(3))), Buffer.from(view));
  });

  it('binds a value to its storage key (AAD)', async () => {
    const b = await Barrier.open(createMemoryStore(), ROOT);
    const sealed = b.seal(KEY, Buffer.from('hunter2'));
    assert.throws(() => b.unseal(`${KEY}-other`, sealed), BarrierError);
    assert.throws(() => b.unseal('ssm/000000000000/us-east-1/parameter/db-password', sealed), /moved, truncated or altered/);
  });

  it('refuses tampered and truncated values', async () => {
    const b = await Barrier.open(createMemoryStore(), ROOT);
    const sealed = Buffer.from(b.seal(KEY, Buffer.from('some secret value')));
    for (let i = 0; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i]! ^= 0x01;
      assert.throws(() => b.unseal(KEY, bad), BarrierError, `flipped byte ${i}`);
    }
    for (const n of [0, 1, 5, 17, 32, sealed.length - 1]) {
      assert.throws(() => b.unseal(KEY, sealed.subarray(0, n)), BarrierError, `truncated to ${n}`);
    }
    assert.throws(() => b.unseal(KEY, Buffer.concat([sealed, Buffer.of(0)])), BarrierError, 'extended');
  });

  it('never repeats an IV', async () => {
    const b = await Barrier.open(createMemoryStore(), ROOT);
    const ivs = new Set<string>();
    for (let i = 0; i < 20_000; i++) ivs.add(Buffer.from(b.seal(KEY, Buffer.of(1))).subarray(5, 17).toString('hex'));
    assert.equal(ivs.size, 20_000);
    // Two sources (two processes) have different fixed fields.
    const a = Buffer.alloc(12);
    const c = Buffer.alloc(12);
    new IvSource().next(a, 0);
    new IvSource().next(c, 0);
    assert.notDeepEqual(a.subarray(0, 8), c.subarray(0, 8));
  });

  it('changes the fixed field before the invocation counter wraps', () => {
    const src = new IvSource();
    const seen = new Set<string>();
    const out = Buffer.alloc(12);
    (src as unknown as { counter: number }).counter = 0xffff_fffe;
    for (let i = 0; i < 4; i++) {
      src.next(out, 0);
      seen.add(out.toString('hex'));
    }
    assert.equal(seen.size, 4);
    assert.equal(out.readUInt32BE(8), 1, 'the counter restarted under a new fixed field');
  });

  it('refuses a wrong root key with a clear error', async () => {
    const store = createMemoryStore();
    await Barrier.open(store, ROOT);
    await assert.rejects(Barrier.open(store, randomBytes(32)), (e: unknown) => {
      assert.ok(e instanceof BarrierError);
      assert.equal(e.message, "the root key does not open this data dir's keyring");
      return true;
    });
    await assert.rejects(Barrier.open(store, randomBytes(16)), BarrierError);
  });

  it('creates one keyring, shared by barriers opened at the same time', async () => {
    const store = createMemoryStore();
    const [a, b] = await Promise.all([Barrier.open(store, ROOT), Barrier.open(store, ROOT)]);
    assert.deepEqual(Buffer.from(b.unseal(KEY, a.seal(KEY, Buffer.from('x')))), Buffer.from('x'));
    const ring = await store.read((tx) => tx.get(KEYRING_KEY));
    assert.equal(ring!.version, 1);
    assert.ok(!Buffer.from(ring!.value).includes(ROOT), 'the keyring does not hold the root key');
  });

  it('keeps the keyring across reopen and across reset', async () => {
    const tmp = tempDir();
    try {
      const s1 = openSqliteStore({ dataDir: tmp.dir });
      const b1 = await Barrier.open(s1, ROOT);
      const sealed = b1.seal(KEY, Buffer.from('persisted'));
      await s1.reset();
      await s1.close();

      const s2 = openSqliteStore({ dataDir: tmp.dir });
      try {
        const b2 = await Barrier.open(s2, ROOT);
        assert.equal(Buffer.from(b2.unseal(KEY, sealed)).toString(), 'persisted');
        await assert.rejects(Barrier.open(s2, randomBytes(32)), /the root key does not open this data dir's keyring/);
      } finally {
        await s2.close();
      }
    } finally {
      tmp.remove();
    }
  });

  it('rotates: new seals use the newest data key, old values still open', async () => {
    const store = createMemoryStore();
    const b = await Barrier.open(store, ROOT);
    const stale = await Barrier.open(store, ROOT); // e.g. another process
    const old = b.seal(KEY, Buffer.from('old'));
    assert.equal(await b.rotate(), 2);
    assert.deepEqual(b.keyIds, [1, 2]);
    const fresh = b.seal(KEY, Buffer.from('new'));
    assert.equal(Buffer.from(fresh).readUInt32BE(1), 2);
    assert.equal(Buffer.from(b.unseal(KEY, old)).toString(), 'old');
    const reopened = await Barrier.open(store, ROOT);
    assert.equal(reopened.activeKeyId, 2);
    assert.equal(Buffer.from(reopened.unseal(KEY, fresh)).toString(), 'new');
    // A barrier opened before the rotation does not know key 2 until it reloads.
    assert.throws(() => stale.unseal(KEY, fresh), /data key 2/);
    await stale.reload();
    assert.equal(stale.activeKeyId, 2);
    assert.equal(Buffer.from(stale.unseal(KEY, fresh)).toString(), 'new');
  });

  it('rejects an unknown format byte and an unknown data key', async () => {
    const b = await Barrier.open(createMemoryStore(), ROOT);
    const sealed = Buffer.from(b.seal(KEY, Buffer.from('v')));
    const v2 = Buffer.from(sealed);
    v2[0] = 2;
    assert.throws(() => b.unseal(KEY, v2), /unknown format 2/);
    const k9 = Buffer.from(sealed);
    k9.writeUInt32BE(9, 1);
    assert.throws(() => b.unseal(KEY, k9), /data key 9/);
  });
});
