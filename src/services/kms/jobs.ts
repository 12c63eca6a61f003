/**
 * What KMS does on its own schedule (`warden start` runs it via ServiceDefinition.backgroundJobs):
 * deletes keys whose waiting period ended and performs automatic rotations that fell due, each
 * with the service event AWS writes (service-events.ts). Requests do the same lazily for the keys
 * they touch (keys.ts), so nothing depends on the job having run; the job makes the deletion and
 * the events happen on time for keys nobody uses.
 */
import { serviceCtx } from '../../core/service-ctx.js';
import { WardenBug } from '../../core/errors.js';
import type { Ctx, JobEnv } from '../../core/operation.js';
import type { WriteTx } from '../../store/store.js';
import { isDeleted, purgeKey, withTimeApplied } from './keys.js';
import { deleteDueEntry, dueEntries, readKeyRecord, type DueEntry } from './state.js';

/** How many due entries one transaction handles. */
const BATCH = 32;

/**
 * The Ctx the state and key helpers need (store transaction, barrier, clock). A job acts as KMS
 * itself, for no caller: it never authorizes, and the events it writes are service events.
 */
function jobCtx(env: JobEnv, tx: WriteTx, account: string, region: string): Ctx {
  const refuse = (): never => {
    throw new WardenBug('a KMS background job does not authorize');
  };
  return serviceCtx(env, tx, account, region, { actor: 'AWS Internal', requestId: 'kms-background-job', authorize: refuse, emitEvent: refuse });
}

async function deleteDue(ctx: Ctx, e: DueEntry): Promise<void> {
  const key = await readKeyRecord(ctx, e.account, e.region, e.keyId);
  if (key !== undefined && key.rec.deletionMs === e.ms && isDeleted(key.rec, ctx.clock.now())) await purgeKey(ctx, key.rec);
  else deleteDueEntry(ctx, e); // cancelled, rescheduled or already purged by a request
}

async function rotateDue(ctx: Ctx, e: DueEntry): Promise<void> {
  deleteDueEntry(ctx, e);
  const key = await readKeyRecord(ctx, e.account, e.region, e.keyId);
  // Stores the rotations and their events; its new NextRotationDate gets a new index row. A
  // disabled key rotates once it is enabled again (its EnableKey stores the record, re-indexing it).
  if (key !== undefined && !isDeleted(key.rec, ctx.clock.now())) withTimeApplied(ctx, key, true);
}

/** One pass: the due entries of both indexes, a batch per transaction, until none is due. */
export async function runKmsDueWork(env: JobEnv): Promise<{ deleted: number; rotated: number }> {
  const done = { deleted: 0, rotated: 0 };
  for (const kind of ['deletion', 'rotation'] as const) {
    for (;;) {
      const n = await env.store.write(async (tx) => {
        const now = env.clock.now();
        const due = await dueEntries(tx, kind, now, BATCH);
        for (const e of due) {
          const ctx = jobCtx(env, tx, e.account, e.region);
          if (kind === 'deletion') await deleteDue(ctx, e);
          else await rotateDue(ctx, e);
        }
        return due.length;
      });
      if (kind === 'deletion') done.deleted += n;
      else done.rotated += n;
      if (n < BATCH) break;
    }
  }
  return done;
}
