/**
 * Where trail delivery writes: an S3-like object sink. Warden's S3 plugs in here (the lead wires
 * its internal write API with `setTrailObjectSink`); until then a memory sink (in-memory Warden)
 * or a directory under the data dir (`<data-dir>/trail-objects/<bucket>/<key>`, metadata beside
 * it in `<key>.metadata.json`) holds the files, so delivery and validation work end to end.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { JobEnv } from '../../core/operation.js';
import type { Store } from '../../store/store.js';
import type { TrailObjectReader } from '../../audit/trail-validate.js';

export interface TrailObjectSink {
  /**
   * Writes one object as CloudTrail would (`asService`: the service principal the write is made
   * as, `cloudtrail.amazonaws.com`, for S3's bucket-policy check and its own audit). Rejects
   * when the object cannot be written (no bucket, access denied): delivery records the error.
   */
  put(bucket: string, key: string, body: Uint8Array, metadata: Readonly<Record<string, string>>, asService: string): Promise<void>;
}

export class MemoryTrailSink implements TrailObjectSink, TrailObjectReader {
  readonly objects = new Map<string, { body: Uint8Array; metadata: Readonly<Record<string, string>> }>();
  async put(bucket: string, key: string, body: Uint8Array, metadata: Readonly<Record<string, string>>): Promise<void> {
    this.objects.set(`${bucket}/${key}`, { body: Buffer.from(body), metadata: { ...metadata } });
  }
  async get(bucket: string, key: string): Promise<{ body: Uint8Array; metadata: Readonly<Record<string, string>> } | undefined> {
    return this.objects.get(`${bucket}/${key}`);
  }
  /** Keys under `bucket/prefix`, ascending. */
  list(bucket: string, prefix = ''): string[] {
    return [...this.objects.keys()].filter((k) => k.startsWith(`${bucket}/${prefix}`)).map((k) => k.slice(bucket.length + 1)).sort();
  }
}

export class FileTrailSink implements TrailObjectSink, TrailObjectReader {
  constructor(readonly root: string) {}
  private path(bucket: string, key: string): string {
    const p = resolve(this.root, bucket, key);
    if (!p.startsWith(resolve(this.root) + sep) || bucket.includes('/') || bucket === '..' || bucket === '.') throw new Error(`object path outside the sink: ${bucket}/${key}`);
    return p;
  }
  async put(bucket: string, key: string, body: Uint8Array, metadata: Readonly<Record<string, string>>): Promise<void> {
    const p = this.path(bucket, key);
    mkdirSync(dirname(p), { recursive: true, mode: 0o700 });
    writeFileSync(`${p}.metadata.json.tmp`, JSON.stringify(metadata), { mode: 0o600 });
    writeFileSync(`${p}.tmp`, body, { mode: 0o600 });
    renameSync(`${p}.metadata.json.tmp`, `${p}.metadata.json`);
    renameSync(`${p}.tmp`, p);
  }
  async get(bucket: string, key: string): Promise<{ body: Uint8Array; metadata: Readonly<Record<string, string>> } | undefined> {
    try {
      const p = this.path(bucket, key);
      return { body: readFileSync(p), metadata: JSON.parse(readFileSync(`${p}.metadata.json`, 'utf8')) as Record<string, string> };
    } catch {
      return undefined;
    }
  }
}

let installed: ((env: JobEnv) => TrailObjectSink) | undefined;
const defaults = new WeakMap<Store, TrailObjectSink & TrailObjectReader>();

/** Replaces the default sink for every later delivery (the lead's S3 wiring; tests). */
export function setTrailObjectSink(factory: ((env: JobEnv) => TrailObjectSink) | undefined): void {
  installed = factory;
}

/** The sink delivery writes to for this Warden. */
export function trailObjectSink(env: Pick<JobEnv, 'store' | 'config'>): TrailObjectSink {
  if (installed !== undefined) return installed(env as JobEnv);
  return defaultTrailSink(env);
}

/** The built-in sink of a Warden (memory or files), readable for validation. */
export function defaultTrailSink(env: Pick<JobEnv, 'store' | 'config'>): TrailObjectSink & TrailObjectReader {
  let sink = defaults.get(env.store);
  if (sink === undefined) {
    sink = env.config.inMemory ? new MemoryTrailSink() : new FileTrailSink(join(env.config.dataDir, 'trail-objects'));
    defaults.set(env.store, sink);
  }
  return sink;
}
