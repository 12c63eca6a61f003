/**
 * IAM's pagination (API reference, "Using pagination"): `MaxItems` (1–1000, default 100), and
 * `IsTruncated` + `Marker` when more remain; the next call passes that Marker back. Warden's marker
 * is the last returned item's sort key, base64url-encoded: stable when items are added or removed
 * between pages. Clients treat markers as opaque.
 */
export interface PageInput {
  readonly Marker?: string;
  readonly MaxItems?: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly IsTruncated: boolean;
  readonly Marker?: string;
}

const DEFAULT_MAX_ITEMS = 100;

export const encodeMarker = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');
const decodeMarker = (marker: string): string => Buffer.from(marker, 'base64url').toString('utf8');

/** Sorts by the key each page is cut at (plain string order). */
export function sortByKey<T>(items: readonly T[], keyOf: (t: T) => string): T[] {
  return [...items].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** One page of `sorted` (ascending by `keyOf`), after the input's Marker. */
export function paginate<T>(sorted: readonly T[], keyOf: (t: T) => string, input: PageInput): Page<T> {
  const max = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  const after = input.Marker === undefined ? undefined : decodeMarker(input.Marker);
  const start = after === undefined ? 0 : firstAfter(sorted, keyOf, after);
  const items = sorted.slice(start, start + max);
  const more = start + max < sorted.length;
  return more ? { items, IsTruncated: true, Marker: encodeMarker(keyOf(items[items.length - 1]!)) } : { items, IsTruncated: false };
}

function firstAfter<T>(sorted: readonly T[], keyOf: (t: T) => string, after: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(sorted[mid]!) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The page's members for an output: `{ IsTruncated, Marker? }`. */
export function pageFields<T>(page: Page<T>): { IsTruncated: boolean; Marker?: string } {
  return page.Marker === undefined ? { IsTruncated: page.IsTruncated } : { IsTruncated: page.IsTruncated, Marker: page.Marker };
}
