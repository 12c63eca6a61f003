/**
 * Secrets Manager's background job (index.ts; run by `warden start`, server/jobs.ts): every 250 ms it reads
 * the schedule index (state.ts) for work that is due — a rotation to run or continue, a scheduled
 * rotation to start, a secret whose recovery window has ended — and does it as the service.
 */
import { randomUUID } from 'node:crypto';
import type { BackgroundJob, JobEnv } from '../../core/operation.js';
import { runRotation } from './rotation/runner.js';
import { CURRENT } from './secrets.js';
import { purgeSecret, serviceEvent } from './service.js';
import { dueEntries, putSecret, readSecretTx, type DueEntry, type RotationRun } from './state.js';
import { nextRotationMs } from './rotation/runner.js';
import { PENDING } from './rotation/builtin.js';

export const ALL_STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

export function newRun(token: string, lambdaArn: string, testOnly: boolean, nowMs: number): RotationRun {
  return { token, rotationToken: randomUUID(), lambdaArn, steps: testOnly ? ['createSecret', 'testSecret'] : [...ALL_STEPS], testOnly, startedMs: nowMs, announced: false };
}

async function handle(env: JobEnv, d: DueEntry): Promise<void> {
  const work = await env.store.write(async (tx) => {
    const now = env.clock.now();
    const s = await readSecretTx(tx, d.account, d.region, d.name);
    if (s === undefined || s.rec.due !== d.due) {
      tx.delete(d.key); // stale: the secret moved on
      return undefined;
    }
    const rec = s.rec;
    if (rec.deletionMs !== undefined) {
      if (rec.deletionMs <= now) purgeSecret(tx, rec, now);
      return undefined;
    }
    if (rec.rotating !== undefined) return { arn: rec.arn, run: rec.rotating };
    const rotation = rec.rotation;
    if (rotation?.enabled !== true || rotation.nextMs === undefined || rotation.nextMs > now || rotation.lambdaArn === undefined) return undefined;
    // A scheduled rotation. An AWSPENDING version that is not AWSCURRENT means an earlier rotation
    // did not complete: this one fails and the next window is tried (RotateSecret API reference).
    const stuck = rec.versions.some((v) => v.stages.includes(PENDING) && !v.stages.includes(CURRENT));
    if (stuck) {
      const nextMs = nextRotationMs(rec, now, now);
      putSecret({ tx }, { ...rec, rotation: { ...rotation, ...(nextMs !== undefined ? { nextMs } : {}) } }, s.version);
      tx.appendAudit(serviceEvent({ eventName: 'RotationFailed', account: rec.account, region: rec.region, timeMs: now, secretArn: rec.arn, additional: { warden: { reason: 'a previous rotation is not complete (AWSPENDING is on a version that is not AWSCURRENT)' } } }));
      return undefined;
    }
    const run = newRun(randomUUID(), rotation.lambdaArn, false, now);
    putSecret({ tx }, { ...rec, rotating: run }, s.version);
    return { arn: rec.arn, run };
  });
  if (work !== undefined) await runRotation(env, { account: d.account, region: d.region, name: d.name }, work.arn, work.run);
}

/** One run of the background job (index.ts imports this module on the job's first run). */
export const backgroundRun: BackgroundJob['run'] = async (env) => {
  const due = await env.store.read((tx) => dueEntries(tx, env.clock.now()));
  await Promise.all(
    due.map((d) =>
      handle(env, d).catch((err: unknown) => env.log.error('secretsmanager background work failed', { secret: `${d.account}/${d.region}/${d.name}`, error: err instanceof Error ? err.message : String(err) })),
    ),
  );
};
