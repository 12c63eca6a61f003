/**
 * The in-memory backend (`--in-memory`, tests): a sorted key array beside a map, so a page of a
 * prefix scan costs O(log n + page) and never copies the key space. Values are copied on the way
 * in (by the transaction) and on the way out, so callers cannot change stored bytes.
 */
import type { AuditQuery, AuditRecord, Entry, Store, StoredAuditRecord } from './store.js';
import { RESERVED_PREFIX, validateChecks, type Backend, type CommitBatch } from './backend.js';
import { EngineStore } from './engine.js';
import { compareKeys, compareNative, hasSurrogates } from './keys.js';

/** A copy for the caller: short-lived, so taken from Node's Buffer pool (4× faster than `new Uint8Array`). */
function copyOut(v: Uint8Array): Buffer {
  const b = Buffer.allocUnsafe(v.byteLength);
  b.set(v);
  return b;
}

interface AuditRow {
  readonly rec: StoredAuditRecord;
  readonly category: string;
  /** `key\u0000value` of each derived attribute. */
  readonly attrs: ReadonlySet<string>;
}

interface Cell {
  value: Uint8Array;
  version: number;
}

export interface MemoryStoreOptions {
  /** Audit group-commit window; default 0 (the next turn of the event loop). */
  readonly groupCommitMs?: number;
}

export function createMemoryStore(opts: MemoryStoreOptions = {}): Store {
  return new EngineStore(new MemoryBackend(), { groupCommitMs: opts.groupCommitMs ?? 0 });
}

export class MemoryBackend implements Backend {
  readonly kind = 'memory' as const;
  readonly location = ':memory:';
  private readonly cells = new Map<string, Cell>();
  /** Every key, ascending in code-point order. */
  private keys: string[] = [];
  /** Whether some stored key has a surrogate pair; until then the native `<` is the right order. */
  private astral = false;
  /** The audit log in commit (seq) order, and the same rows by (eventTime, seq). */
  private bySeq: AuditRow[] = [];
  private byTime: AuditRow[] = [];
  private seq = 0;

  get(key: string): Entry | undefined {
    const c = this.cells.get(key);
    return c && { key, value: copyOut(c.value), version: c.version };
  }

  version(key: string): number {
    return this.cells.get(key)?.version ?? 0;
  }

  scan(prefix: string, after: string | undefined, limit: number | undefined): Entry[] {
    const out: Entry[] = [];
    if (limit === 0) return out;
    const cmp = this.comparator(prefix, after);
    let i: number;
    if (after !== undefined && cmp(after, prefix) >= 0) {
      i = this.lowerBound(after, cmp);
      if (this.keys[i] === after) i++;
    } else {
      i = this.lowerBound(prefix, cmp);
    }
    for (; i < this.keys.length; i++) {
      const key = this.keys[i]!;
      if (!key.startsWith(prefix)) break;
      const c = this.cells.get(key)!;
      out.push({ key, value: copyOut(c.value), version: c.version });
      if (out.length === limit) break;
    }
    return out;
  }

  commit(batch: CommitBatch): void {
    validateChecks(batch.checks, (k) => this.cells.get(k));
    // Nothing below can fail, so validation-then-apply is atomic.
    for (const [key, value] of batch.writes) {
      if (value === null) this.remove(key);
      else this.set(key, value);
    }
    this.appendAudit(batch.audit);
  }

  appendAudit(records: readonly AuditRecord[]): void {
    for (const r of records) {
      const { attributes, eventCategory, ...fields } = r;
      const row: AuditRow = { rec: Object.freeze({ ...fields, seq: ++this.seq }), category: eventCategory ?? 'Management', attrs: new Set((attributes ?? []).map((a) => `${a.key}\u0000${a.value}`)) };
      this.bySeq.push(row);
      // Usually the newest: an append at the end; an older eventTime goes in its place.
      let i = this.byTime.length;
      while (i > 0 && this.byTime[i - 1]!.rec.eventTime > row.rec.eventTime) i--;
      this.byTime.splice(i, 0, row);
    }
  }

  queryAudit(q: AuditQuery): StoredAuditRecord[] {
    const out: StoredAuditRecord[] = [];
    if (q.limit === 0) return out;
    const attr = q.attribute !== undefined ? `${q.attribute.key}\u0000${q.attribute.value}` : undefined;
    const keep = (row: AuditRow): boolean => {
      const r = row.rec;
      if (q.account !== undefined && r.account !== q.account) return false;
      if (q.region !== undefined && r.region !== q.region) return false;
      if (q.eventName !== undefined && r.eventName !== q.eventName) return false;
      if (q.requestId !== undefined && r.requestId !== q.requestId) return false;
      if (q.eventId !== undefined && r.eventId !== q.eventId) return false;
      if (q.eventSource !== undefined && r.eventSource !== q.eventSource) return false;
      if (q.startTime !== undefined && r.eventTime < q.startTime) return false;
      if (q.endTime !== undefined && r.eventTime > q.endTime) return false;
      if (q.beforeSeq !== undefined && r.seq >= q.beforeSeq) return false;
      if (q.afterSeq !== undefined && r.seq <= q.afterSeq) return false;
      if (q.before !== undefined && !(r.eventTime < q.before.eventTime || (r.eventTime === q.before.eventTime && r.seq < q.before.seq))) return false;
      if (attr !== undefined && !row.attrs.has(attr)) return false;
      if (q.eventCategory !== undefined && row.category !== q.eventCategory) return false;
      return q.match === undefined || q.match(r);
    };
    if (q.order === 'latest') {
      for (let i = this.bySeq.length - 1; i >= 0; i--) {
        const row = this.bySeq[i]!;
        if (!keep(row)) continue;
        out.push(row.rec);
        if (out.length === q.limit) break;
      }
      return out;
    }
    if (q.order === 'log') {
      // seq ascends with the index: binary search for the first record above afterSeq.
      let lo = 0;
      let hi = this.bySeq.length;
      while (q.afterSeq !== undefined && lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.bySeq[mid]!.rec.seq <= q.afterSeq) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < this.bySeq.length; i++) {
        const row = this.bySeq[i]!;
        if (!keep(row)) continue;
        out.push(row.rec);
        if (out.length === q.limit) break;
      }
      return out;
    }
    for (let i = this.byTime.length - 1; i >= 0; i--) {
      const row = this.byTime[i]!;
      if (!keep(row)) continue;
      out.push(row.rec);
      if (out.length === q.limit) break;
    }
    return out;
  }

  pruneAudit(olderThan: string): number {
    // As the SQLite backend does: the oldest records in log order, up to the first newer one.
    let n = 0;
    while (n < this.bySeq.length && this.bySeq[n]!.rec.eventTime < olderThan) n++;
    if (n === 0) return 0;
    const gone = new Set(this.bySeq.slice(0, n));
    this.bySeq = this.bySeq.slice(n);
    this.byTime = this.byTime.filter((r) => !gone.has(r));
    return n;
  }

  reset(): void {
    this.keys = this.keys.filter((k) => {
      if (k.startsWith(RESERVED_PREFIX)) return true;
      this.cells.delete(k);
      return false;
    });
    this.astral = this.keys.some(hasSurrogates);
    // seq keeps counting: pagination tokens handed out before the reset never match new records.
    this.bySeq = [];
    this.byTime = [];
  }

  close(): void {
    this.cells.clear();
    this.keys = [];
    this.bySeq = [];
    this.byTime = [];
  }

  private set(key: string, value: Uint8Array): void {
    const c = this.cells.get(key);
    if (c) {
      c.value = value;
      c.version++;
      return;
    }
    this.cells.set(key, { value, version: 1 });
    const cmp = this.comparator(key);
    if (cmp === compareKeys) this.astral = true;
    this.keys.splice(this.lowerBound(key, cmp), 0, key);
  }

  private remove(key: string): void {
    if (!this.cells.delete(key)) return;
    const cmp = this.comparator(key);
    const i = this.lowerBound(key, cmp);
    if (this.keys[i] === key) this.keys.splice(i, 1);
  }

  private comparator(...probes: (string | undefined)[]): (a: string, b: string) => number {
    if (this.astral) return compareKeys;
    for (const p of probes) if (p !== undefined && hasSurrogates(p)) return compareKeys;
    return compareNative;
  }

  /** The first index whose key is not below `key`. */
  private lowerBound(key: string, cmp: (a: string, b: string) => number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(this.keys[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
