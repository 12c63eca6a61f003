// `warden start --workers N`: several processes write one data dir, each with its own read cache.
// Two stores on one directory stand in for two processes (separate connections and caches).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { bytes, tempDir, text } from './helpers.js';

const open = (dir: string) => openSqliteStore({ dataDir: dir, readCacheEntries: 100, sharedWriters: true });

describe('sqlite store with shared writers', () => {
  it("a cached read sees another process's later commit", async () => {
    const tmp = tempDir();
    const a = open(tmp.dir);
    const b = open(tmp.dir);
    try {
      await a.write(async (tx) => tx.put('k', bytes('one')));
      assert.equal(text((await b.read((tx) => tx.get('k')))?.value), 'one'); // now cached in b
      await a.write(async (tx) => tx.put('k', bytes('two')));
      assert.equal(text((await b.read((tx) => tx.get('k')))?.value), 'two');
      await a.write(async (tx) => tx.delete('k'));
      assert.equal(await b.read((tx) => tx.get('k')), undefined);
    } finally {
      await a.close();
      await b.close();
      tmp.remove();
    }
  });

  it('a write over a stale cached entry retries with the fresh value instead of failing', async () => {
    const tmp = tempDir();
    const a = open(tmp.dir);
    const b = open(tmp.dir);
    try {
      await a.write(async (tx) => tx.put('n', bytes('1')));
      await b.read((tx) => tx.get('n')); // cached in b
      await a.write(async (tx) => tx.put('n', bytes('2')));
      await b.write(async (tx) => tx.put('n', bytes(String(Number(text((await tx.get('n'))?.value)) + 1))));
      assert.equal(text((await a.read((tx) => tx.get('n')))?.value), '3');
    } finally {
      await a.close();
      await b.close();
      tmp.remove();
    }
  });

  it("its own commits keep its cache (only another process's commit drops it)", async () => {
    const tmp = tempDir();
    const a = open(tmp.dir);
    try {
      for (let i = 0; i < 5; i++) await a.write(async (tx) => tx.put(`own/${i}`, bytes(String(i))));
      for (let i = 0; i < 5; i++) assert.equal(text((await a.read((tx) => tx.get(`own/${i}`)))?.value), String(i));
    } finally {
      await a.close();
      tmp.remove();
    }
  });
});
