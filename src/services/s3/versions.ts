/**
 * Versioning (S3 User Guide, Versioning, versioning-workflows): with versioning Enabled every
 * write gets a new version id and the version it replaces stays as a noncurrent version; a
 * DELETE without a version id adds a delete marker; a DELETE naming a version removes it for
 * good. Suspended buckets write the `null` version. The current version is the object row; the
 * others (and markers) are version rows.
 */
import { randomBytes } from 'node:crypto';
import type { WriteTx } from '../../store/store.js';
import { dropBody } from './bodies.js';
import {
  bodyIdsOf, deleteObjectRow, deleteVersionRow, isMarker, readObject, readVersion, versionsOfKey, writeObject, writeVersion,
  type BucketRecord, type ObjectRecord, type VersionRow,
} from './state.js';

/** Version ids sort newest first: an inverted millisecond clock, then randomness. */
export function newVersionId(nowMs: number): string {
  return `${String(9_999_999_999_999 - nowMs).padStart(13, '0')}${randomBytes(12).toString('base64url')}`;
}

const vid = (r: { versionId?: string | undefined }): string => r.versionId ?? 'null';

/** Gives up the current version of `key` as a new object (or marker) takes its place. */
async function retire(tx: WriteTx, bucket: BucketRecord, existing: ObjectRecord | undefined): Promise<void> {
  if (existing === undefined) return;
  const keep = bucket.versioning === 'Enabled' || (bucket.versioning === 'Suspended' && vid(existing) !== 'null');
  if (keep) writeVersion(tx, { ...existing, versionId: vid(existing) });
  else for (const id of bodyIdsOf(existing)) dropBody(tx, id);
  if (bucket.versioning === 'Suspended') {
    // The null version is replaced wherever it is.
    const nullRow = await readVersion(tx, bucket.name, existing.key, 'null');
    if (nullRow !== undefined) {
      if (!isMarker(nullRow)) for (const id of bodyIdsOf(nullRow)) dropBody(tx, id);
      deleteVersionRow(tx, bucket.name, existing.key, 'null');
    }
  }
}

/** The version id a new write gets in this bucket (undefined: never versioned). */
export function versionIdFor(bucket: BucketRecord, nowMs: number): string | undefined {
  return bucket.versioning === 'Enabled' ? newVersionId(nowMs) : bucket.versioning === 'Suspended' ? 'null' : undefined;
}

/** Makes `rec` the current version of its key. */
export async function makeCurrent(tx: WriteTx, bucket: BucketRecord, rec: Omit<ObjectRecord, 'v'>): Promise<void> {
  await retire(tx, bucket, await readObject(tx, bucket.name, rec.key));
  writeObject(tx, rec);
}

/** Writes `rec` back where it lives: as the current object if it is the current version, else as an older version (e.g. new tags). */
export async function rewriteVersion(tx: WriteTx, rec: ObjectRecord): Promise<void> {
  const current = await readObject(tx, rec.bucket, rec.key);
  if (current !== undefined && current.versionId === rec.versionId) writeObject(tx, rec);
  else writeVersion(tx, rec);
}

export interface DeleteOutcome {
  readonly deleteMarker?: boolean;
  readonly versionId?: string;
}

/** DeleteObject without a version id. */
export async function deleteCurrent(tx: WriteTx, bucket: BucketRecord, key: string, nowMs: number): Promise<DeleteOutcome> {
  const existing = await readObject(tx, bucket.name, key);
  if (bucket.versioning === undefined) {
    if (existing !== undefined) {
      deleteObjectRow(tx, bucket.name, key);
      for (const id of bodyIdsOf(existing)) dropBody(tx, id);
    }
    return {};
  }
  await retire(tx, bucket, existing);
  if (existing !== undefined) deleteObjectRow(tx, bucket.name, key);
  const versionId = versionIdFor(bucket, nowMs)!;
  writeVersion(tx, { v: 1, marker: true, bucket: bucket.name, key, versionId, lastModifiedMs: nowMs });
  return { deleteMarker: true, versionId };
}

/** DeleteObject with a version id: that version goes for good; when the latest went, the next newest (unless a marker) becomes current. */
export async function deleteVersion(tx: WriteTx, bucket: BucketRecord, key: string, versionId: string): Promise<DeleteOutcome> {
  const current = await readObject(tx, bucket.name, key);
  let out: DeleteOutcome = { versionId };
  if (current !== undefined && vid(current) === versionId) {
    deleteObjectRow(tx, bucket.name, key);
    for (const id of bodyIdsOf(current)) dropBody(tx, id);
  } else {
    const row = await readVersion(tx, bucket.name, key, versionId);
    if (row === undefined) return out;
    deleteVersionRow(tx, bucket.name, key, versionId);
    if (isMarker(row)) out = { versionId, deleteMarker: true };
    else for (const id of bodyIdsOf(row)) dropBody(tx, id);
    if (current !== undefined) return out;
  }
  const [next] = (await versionsOfKey(tx, bucket.name, key)).filter((r) => vid(r) !== versionId);
  if (next !== undefined && !isMarker(next)) {
    deleteVersionRow(tx, bucket.name, key, vid(next));
    writeObject(tx, next);
  }
  return out;
}

/** The version of `key` named `versionId` (current or not), or undefined. */
export async function findVersion(tx: WriteTx, bucket: string, key: string, versionId: string): Promise<VersionRow | undefined> {
  const current = await readObject(tx, bucket, key);
  if (current !== undefined && vid(current) === versionId) return current;
  return readVersion(tx, bucket, key, versionId);
}

export type { VersionRow };
