/**
 * Object bodies at rest: AES-256-GCM under the object's own data key (iv ‖ ciphertext ‖ tag),
 * AAD binding the body to its bucket, key and body id, so a body file swapped under another
 * object does not open. On disk a body is a file `<dataDir>/s3/<bodyId>`, written and fsynced
 * (file and directory) before the metadata that names it commits — an object is acknowledged only
 * once durable; a crash or a conflict retry leaves an orphan file that the sweeper removes. In
 * memory (`--in-memory`) the sealed body is a store row.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { WardenBug } from '../../core/errors.js';
import type { BackgroundJob } from '../../core/operation.js';
import type { ReadTx, WriteTx } from '../../store/store.js';
import { BODY_PREFIX, bodyPath } from './state.js';

const IV = 12;
const TAG = 16;

export const newBodyId = (): string => randomBytes(16).toString('hex');
const aadOf = (bucket: string, key: string, bodyId: string): Buffer => Buffer.from(`s3-object\0${bucket}\0${key}\0${bodyId}`, 'utf8');

export function sealBody(dek: Uint8Array, bucket: string, key: string, bodyId: string, plaintext: Uint8Array): Buffer {
  const iv = randomBytes(IV);
  const c = createCipheriv('aes-256-gcm', dek, iv);
  c.setAAD(aadOf(bucket, key, bodyId));
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([iv, ct, c.getAuthTag()]);
}

export function openBody(dek: Uint8Array, bucket: string, key: string, bodyId: string, sealed: Uint8Array): Buffer {
  const b = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (b.length < IV + TAG) throw new WardenBug(`s3 body ${bodyId} is truncated`);
  const d = createDecipheriv('aes-256-gcm', dek, b.subarray(0, IV));
  d.setAAD(aadOf(bucket, key, bodyId));
  d.setAuthTag(b.subarray(b.length - TAG));
  try {
    return Buffer.concat([d.update(b.subarray(IV, b.length - TAG)), d.final()]);
  } catch {
    throw new WardenBug(`s3 body ${bodyId} failed authentication (tampered or misplaced)`);
  }
}

const dirOf = (dataDir: string): string => join(dataDir, 's3');

/** Makes the sealed body durable, then records it in the transaction. */
export async function storeBody(tx: WriteTx, dataDir: string | undefined, bodyId: string, sealed: Uint8Array): Promise<void> {
  if (dataDir === undefined) {
    tx.put(bodyPath(bodyId), sealed);
    return;
  }
  const dir = dirOf(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const fh = await open(join(dir, bodyId), 'wx', 0o600);
  try {
    await fh.writeFile(sealed);
    await fh.sync();
  } finally {
    await fh.close();
  }
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
  tx.put(bodyPath(bodyId), Buffer.from('{"file":true}'));
}

export async function loadBody(tx: ReadTx, dataDir: string | undefined, bodyId: string): Promise<Uint8Array> {
  const row = await tx.get(bodyPath(bodyId));
  if (row === undefined) throw new WardenBug(`s3 body ${bodyId} is missing`);
  if (dataDir === undefined) return row.value;
  return readFile(join(dirOf(dataDir), bodyId));
}

/** Forgets a body; its file goes with the next sweep. */
export function dropBody(tx: WriteTx, bodyId: string): void {
  tx.delete(bodyPath(bodyId));
}

/** Orphans are only removed once older than this, so a body written for an uncommitted request survives its commit. */
const ORPHAN_AGE_MS = 10 * 60_000;

/** Removes body files no object refers to any more (deleted, overwritten, or never committed). */
export const sweepBodies: BackgroundJob = {
  name: 's3-body-sweeper',
  intervalMs: () => 5 * 60_000,
  async run(env) {
    if (env.config.inMemory) return;
    const dir = dirOf(env.config.dataDir);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    const live = await env.store.read(async (tx) => new Set((await tx.scan(BODY_PREFIX)).map((e) => e.key.slice(BODY_PREFIX.length))));
    for (const name of names) {
      if (live.has(name) || !/^[0-9a-f]{32}$/.test(name)) continue;
      const st = await stat(join(dir, name)).catch(() => undefined);
      if (st !== undefined && env.clock.now() - st.mtimeMs > ORPHAN_AGE_MS) await unlink(join(dir, name)).catch(() => undefined);
    }
  },
};
