import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BodyIntegrityError, BodyWriter, findBody, openBodyReader, SEGMENT, sealBody, storeBody, type BodyReader } from '../../../src/services/s3/bodies.js';
import { checksumHasher, checksumOf } from '../../../src/services/s3/checksums.js';
import { bodyPath } from '../../../src/services/s3/state.js';
import { createMemoryStore } from '../../../src/store/memory.js';

const dek = randomBytes(32);
const all = async (r: BodyReader, start = 0, end = r.size): Promise<Buffer> => {
  const out: Buffer[] = [];
  for await (const c of r.range(start, end)) out.push(c);
  return Buffer.concat(out);
};

describe('s3 bodies: the segmented format (2) and the whole format (1)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'warden-bodies-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const store = createMemoryStore();
  async function write(dataDir: string | undefined, data: Buffer, pieces: number[] = [data.length]): Promise<string> {
    return store.write(async (tx) => {
      const w = await BodyWriter.create(dataDir, dek, 'b', 'k');
      let at = 0;
      for (const n of pieces) {
        await w.write(data.subarray(at, at + n));
        at += n;
      }
      await w.write(data.subarray(at));
      assert.equal(await w.finish(tx), data.length);
      return w.bodyId;
    });
  }
  const open = (dataDir: string | undefined, id: string, bucket = 'b', key = 'k') =>
    store.read(async (tx) => openBodyReader(await findBody(tx, dataDir, id), dek, bucket, key));

  for (const where of ['file', 'memory'] as const) {
    it(`${where}: round-trips sizes around segment borders, written in uneven pieces, and reads any range`, async () => {
      const dataDir = where === 'file' ? dir : undefined;
      for (const size of [0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT + 17]) {
        const data = randomBytes(size);
        const id = await write(dataDir, data, [7, SEGMENT, 3]);
        const r = await open(dataDir, id);
        try {
          assert.equal(r.size, size);
          assert.ok((await all(r)).equals(data), `size ${size}`);
          if (size > 2) {
            for (const [s, e] of [[0, 1], [size - 1, size], [1, size - 1], [Math.max(0, SEGMENT - 2), Math.min(size, SEGMENT + 2)]] as const) {
              assert.ok((await all(r, s, e)).equals(data.subarray(s, e)), `size ${size} range ${s}-${e}`);
            }
          }
        } finally {
          await r.close();
        }
      }
    });
  }

  it('a file is header + segments, each with its tag; no plaintext on disk', async () => {
    const data = Buffer.alloc(2 * SEGMENT + 5, 'p');
    const id = await write(dir, data);
    const bytes = readFileSync(join(dir, 's3', id));
    assert.equal(bytes.length, 16 + data.length + 3 * 16);
    assert.equal(bytes[0], 2);
    assert.ok(!bytes.includes(Buffer.alloc(64, 'p')));
  });

  it('tampering, truncation, segment swaps and another binding do not open', async () => {
    const data = randomBytes(3 * SEGMENT);
    const expectBroken = async (id: string, bucket = 'b', key = 'k') => {
      await assert.rejects(async () => {
        const r = await open(dir, id, bucket, key);
        try {
          await all(r);
        } finally {
          await r.close();
        }
      }, BodyIntegrityError);
    };
    const flip = await write(dir, data);
    const f = join(dir, 's3', flip);
    const b = readFileSync(f);
    b[16 + SEGMENT + 16 + 100]! ^= 1;
    writeFileSync(f, b);
    await expectBroken(flip);
    // A range not touching the damaged segment still reads.
    const r = await open(dir, flip);
    assert.ok((await all(r, 0, 10)).equals(data.subarray(0, 10)));
    await r.close();

    const cut = await write(dir, data);
    truncateSync(join(dir, 's3', cut), 16 + 2 * (SEGMENT + 16)); // drops the final segment whole
    await expectBroken(cut);

    const swap = await write(dir, data);
    const s = readFileSync(join(dir, 's3', swap));
    const unit = SEGMENT + 16;
    const swapped = Buffer.concat([s.subarray(0, 16), s.subarray(16 + unit, 16 + 2 * unit), s.subarray(16, 16 + unit), s.subarray(16 + 2 * unit)]);
    writeFileSync(join(dir, 's3', swap), swapped);
    await expectBroken(swap);

    const moved = await write(dir, data);
    await expectBroken(moved, 'b', 'other-key');
  });

  it('abort removes the file and records nothing', async () => {
    const id = await store.write(async (tx) => {
      const w = await BodyWriter.create(dir, dek, 'b', 'k');
      await w.write(randomBytes(SEGMENT * 2));
      await w.abort();
      void tx;
      return w.bodyId;
    });
    assert.throws(() => readFileSync(join(dir, 's3', id)), /ENOENT/);
    assert.equal(await store.read((tx) => tx.get(bodyPath(id))), undefined);
  });

  it('old bodies (format 1, one AES-GCM message, record {"file":true}) still open', async () => {
    const id = 'c'.repeat(32);
    const data = randomBytes(100_000);
    mkdirSync(join(dir, 's3'), { recursive: true });
    writeFileSync(join(dir, 's3', id), sealBody(dek, 'b', 'k', id, data));
    await store.write(async (tx) => tx.put(bodyPath(id), Buffer.from('{"file":true}')));
    const r = await open(dir, id);
    assert.equal(r.size, data.length);
    assert.ok((await all(r)).equals(data));
    assert.ok((await all(r, 70_000, 70_010)).equals(data.subarray(70_000, 70_010)));
    await r.close();
    await assert.rejects(open(dir, id, 'b', 'other'), BodyIntegrityError);
  });

  it('storeBody writes a whole body in the segmented format', async () => {
    const data = randomBytes(1000);
    const id = await store.write((tx) => storeBody(tx, dir, dek, 'b', 'k', data));
    const r = await open(dir, id);
    assert.ok((await all(r)).equals(data));
    await r.close();
  });
});

describe('s3 checksums computed in pieces', () => {
  it('equal the whole-data values for every algorithm', () => {
    const data = randomBytes(100_003);
    for (const alg of ['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const) {
      const h = checksumHasher(alg);
      h.update(data.subarray(0, 7));
      h.update(data.subarray(7, 65_536));
      h.update(data.subarray(65_536));
      assert.equal(h.digest(), checksumOf(alg, data), alg);
    }
  });
});
