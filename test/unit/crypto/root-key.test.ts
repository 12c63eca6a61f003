import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_KEY_FILE_NAME, RootKeyError, loadRootKey, parseRootKey } from '../../../src/crypto/root-key.js';
import { tempDir } from '../store/helpers.js';

const dev = { inMemory: false, profile: 'development' } as const;

function keyFile(dir: string, content: string, mode = 0o600): string {
  const path = join(dir, 'key');
  writeFileSync(path, content, { mode });
  chmodSync(path, mode);
  return path;
}

describe('root key', () => {
  it('reads 32 bytes as base64 or hex from a file, ignoring surrounding whitespace', () => {
    const tmp = tempDir();
    try {
      const key = randomBytes(32);
      for (const text of [key.toString('base64'), `${key.toString('base64')}\n`, key.toString('hex'), `  ${key.toString('hex').toUpperCase()}\r\n`, key.toString('base64url')]) {
        const r = loadRootKey({ ...dev, rootKeyFile: keyFile(tmp.dir, text) });
        assert.equal(r.source, 'file');
        assert.deepEqual(r.key, key);
        assert.equal(r.warning, undefined);
      }
    } finally {
      tmp.remove();
    }
  });

  it('warns when the key file is readable by others', () => {
    const tmp = tempDir();
    try {
      const r = loadRootKey({ ...dev, rootKeyFile: keyFile(tmp.dir, randomBytes(32).toString('hex'), 0o644) });
      assert.match(r.warning!, /readable by other users \(mode 644\)/);
    } finally {
      tmp.remove();
    }
  });

  it('reads WARDEN_ROOT_KEY; the file wins when both are given', () => {
    const key = randomBytes(32);
    const r = loadRootKey({ ...dev, env: key.toString('base64') });
    assert.equal(r.source, 'env');
    assert.deepEqual(r.key, key);
    assert.deepEqual(loadRootKey({ ...dev, profile: 'secure', env: key.toString('hex') }).key, key);
    const tmp = tempDir();
    try {
      const fileKey = randomBytes(32);
      const both = loadRootKey({ ...dev, env: key.toString('base64'), rootKeyFile: keyFile(tmp.dir, fileKey.toString('base64')) });
      assert.equal(both.source, 'file');
      assert.deepEqual(both.key, fileKey);
      assert.match(both.warning!, /WARDEN_ROOT_KEY is set too and is ignored/);
    } finally {
      tmp.remove();
    }
  });

  it('refuses anything but 32 bytes, without echoing the value', () => {
    const bad = ['', 'short', randomBytes(31).toString('base64'), randomBytes(33).toString('base64'), 'zz'.repeat(32), randomBytes(32).toString('hex').slice(1)];
    for (const text of bad) {
      assert.throws(
        () => parseRootKey(text, 'WARDEN_ROOT_KEY'),
        (e: unknown) => e instanceof RootKeyError && e.code === 'ROOT_KEY_INVALID' && (text === '' || !e.message.includes(text)),
      );
    }
    const secretish = randomBytes(31).toString('base64');
    assert.throws(() => loadRootKey({ ...dev, env: secretish }), (e: unknown) => e instanceof RootKeyError && !e.message.includes(secretish));
  });

  it('reports an unreadable key file', () => {
    assert.throws(
      () => loadRootKey({ ...dev, rootKeyFile: '/nonexistent/warden/root.key' }),
      (e: unknown) => e instanceof RootKeyError && e.code === 'ROOT_KEY_UNREADABLE' && /ENOENT/.test(e.message),
    );
  });

  it('development profile: generates a key into the data dir (0600) once, with a warning', () => {
    const tmp = tempDir();
    try {
      const dataDir = join(tmp.dir, 'data');
      const first = loadRootKey({ ...dev, dataDir });
      assert.equal(first.source, 'generated');
      assert.equal(first.key.length, 32);
      const path = join(dataDir, ROOT_KEY_FILE_NAME);
      assert.match(first.warning!, new RegExp(`generated a development root key in ${path}`));
      assert.ok(!first.warning!.includes(first.key.toString('base64')));
      assert.equal(statSync(path).mode & 0o777, 0o600);
      assert.deepEqual(parseRootKey(readFileSync(path, 'utf8'), path), first.key);
      const again = loadRootKey({ ...dev, dataDir });
      assert.equal(again.source, 'file');
      assert.deepEqual(again.key, first.key, 'the generated key is reused, never replaced');
      assert.match(again.warning!, /development root key stored in/);
    } finally {
      tmp.remove();
    }
  });

  it('development profile in memory: an ephemeral key', () => {
    const a = loadRootKey({ inMemory: true, profile: 'development' });
    const b = loadRootKey({ inMemory: true, profile: 'development' });
    assert.equal(a.source, 'ephemeral');
    assert.equal(a.key.length, 32);
    assert.notDeepEqual(a.key, b.key);
    assert.match(a.warning!, /ephemeral/);
  });

  it('secure profile without a key fails closed', () => {
    for (const inMemory of [false, true]) {
      assert.throws(
        () => loadRootKey({ inMemory, profile: 'secure', dataDir: '/tmp/unused', env: '' }),
        (e: unknown) => e instanceof RootKeyError && e.code === 'ROOT_KEY_MISSING' && /--root-key-file/.test(e.message),
      );
    }
  });
});
