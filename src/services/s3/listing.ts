/**
 * The listing walk of ListObjects and ListObjectsV2 (API_ListObjectsV2): keys in UTF-8 binary
 * order from a start point, grouped into CommonPrefixes at the first delimiter after the prefix,
 * each key or prefix counting once against MaxKeys.
 */
import type { ReadTx } from '../../store/store.js';
import { scanObjects, type ObjectRecord } from './state.js';

export interface ListPage {
  readonly contents: ObjectRecord[];
  readonly prefixes: string[];
  readonly truncated: boolean;
  /** The last key or common prefix returned (the next page starts after it). */
  readonly last?: string;
}

/** Past every key that starts with `p`. */
const beyond = (p: string): string => `${p}\u{10FFFF}`;

export async function listKeys(tx: ReadTx, bucket: string, prefix: string, delimiter: string | undefined, startAfter: string | undefined, maxKeys: number): Promise<ListPage> {
  const contents: ObjectRecord[] = [];
  const prefixes: string[] = [];
  let after = startAfter !== undefined && startAfter >= prefix ? startAfter : undefined;
  let last: string | undefined;
  const done = (truncated: boolean): ListPage => ({ contents, prefixes, truncated, ...(last !== undefined ? { last } : {}) });
  if (maxKeys === 0) return done(false);
  for (;;) {
    const page = await scanObjects(tx, bucket, prefix, after, 1000);
    let jumped = false;
    for (const rec of page) {
      const rest = rec.key.slice(prefix.length);
      const d = delimiter === undefined || delimiter === '' ? -1 : rest.indexOf(delimiter);
      const item = d === -1 ? rec.key : prefix + rest.slice(0, d + delimiter!.length);
      if (d !== -1 && (prefixes[prefixes.length - 1] === item || (after !== undefined && item <= after))) {
        after = rec.key;
        continue;
      }
      if (contents.length + prefixes.length === maxKeys) return done(true);
      if (d === -1) contents.push(rec);
      else prefixes.push(item);
      last = item;
      if (d !== -1) {
        after = beyond(item);
        jumped = true;
        break;
      }
      after = rec.key;
    }
    if (!jumped && page.length < 1000) return done(false);
  }
}
