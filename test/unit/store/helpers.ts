import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AuditRecord, Store } from '../../../src/store/store.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';

export const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
export const text = (v: Uint8Array | undefined): string | undefined => (v === undefined ? undefined : Buffer.from(v).toString('utf8'));

export function auditRecord(over: Partial<AuditRecord> = {}): AuditRecord {
  const eventId = over.eventId ?? randomUUID();
  return {
    eventId,
    eventTime: '2025-01-01T00:00:00Z',
    account: '000000000000',
    region: 'us-east-1',
    eventSource: 'kms.amazonaws.com',
    eventName: 'Encrypt',
    requestId: randomUUID(),
    json: JSON.stringify({ eventId }),
    ...over,
  };
}

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'warden-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Opened {
  readonly store: Store;
  dispose(): Promise<void>;
}

export interface BackendFactory {
  readonly name: 'memory' | 'sqlite' | 'sqlite+cache+checkpointer+audit indexer';
  open(opts?: { groupCommitMs?: number }): Opened;
}

export const BACKENDS: readonly BackendFactory[] = [
  {
    name: 'memory',
    open: (opts = {}) => {
      const store = createMemoryStore(opts);
      return { store, dispose: () => store.close() };
    },
  },
  {
    name: 'sqlite',
    open: (opts = {}) => {
      const tmp = tempDir();
      const store = openSqliteStore({ dataDir: tmp.dir, ...opts });
      return {
        store,
        dispose: async () => {
          await store.close();
          tmp.remove();
        },
      };
    },
  },
  {
    name: 'sqlite+cache+checkpointer+audit indexer',
    open: (opts = {}) => {
      const tmp = tempDir();
      // As `warden start` opens it; a tiny cache, so eviction is exercised too.
      const store = openSqliteStore({ dataDir: tmp.dir, readCacheEntries: 4, backgroundCheckpoint: true, auditIndexer: true, ...opts });
      return {
        store,
        dispose: async () => {
          await store.close();
          tmp.remove();
        },
      };
    },
  },
];

/** A promise and its resolver, to hold concurrent transactions at a chosen point. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}
