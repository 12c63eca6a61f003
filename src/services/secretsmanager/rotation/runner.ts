/**
 * Runs rotations outside any request: RotateSecret (or a schedule) stores a RotationRun on the
 * secret; the background job (../background.ts) calls runRotation, which invokes the executor step by
 * step — never inside a store transaction, since an HTTP executor's code calls back into Warden —
 * and records each step's completion, then the outcome, with AWS's service events
 * (RotationStarted, RotationSucceeded, RotationFailed; TestRotation* for RotateImmediately=false).
 * // unverified: TestRotationStarted/Succeeded/Failed are Warden's names for the configuration test
 * of RotateImmediately=false; AWS's event list (RotationAbandoned, RotationStarted,
 * RotationSucceeded, RotationFailed, *SecretVersionDelete) does not say what that test records.
 */
import type { JobEnv } from '../../../core/operation.js';
import type { WriteTx } from '../../../store/store.js';
import { CURRENT } from '../secrets.js';
import { parseRules, nextWindow } from '../schedule.js';
import { serviceEvent } from '../service.js';
import { putSecret, readSecretTx, type RotationRun, type SecretRecord } from '../state.js';
import { PENDING } from './builtin.js';
import { resolveExecutor, type RotationTarget } from './executor.js';

/** The start of the next rotation window after `nowMs`, if the secret has a schedule. */
export function nextRotationMs(rec: SecretRecord, nowMs: number, lastRotatedMs: number): number | undefined {
  const schedule = parseRules(rec.rotation?.rules);
  return schedule === undefined ? undefined : nextWindow(schedule, nowMs, lastRotatedMs).startMs;
}

/**
 * A new AWSCURRENT version written by hand (PutSecretValue, UpdateSecret):
 * - abandons a rotation in progress: "When you manually create a new version of a secret ...
 *   Secrets Manager removes the AWSPENDING label to allow future rotations to succeed" and records
 *   RotationAbandoned ("Logging Secrets Manager events with CloudTrail");
 * - restarts an AutomaticallyAfterDays interval: "Manually updating the secret value by calling
 *   PutSecretValue or UpdateSecret is considered a valid rotation" (RotationRulesType).
 *   // unverified: whether LastRotatedDate moves too (Warden: no)
 */
export function afterManualUpdate(tx: Pick<WriteTx, 'appendAudit'>, rec: SecretRecord, versionId: string, labels: readonly string[], nowMs: number): SecretRecord {
  if (!labels.includes(CURRENT)) return rec;
  let out = rec;
  const pending = rec.versions.some((v) => v.id !== versionId && v.stages.includes(PENDING) && !v.stages.includes(CURRENT));
  if (pending || rec.rotating !== undefined) {
    const { rotating: _abandoned, ...rest } = rec;
    const versions = rec.versions.map((v) => (v.id !== versionId && v.stages.includes(PENDING) ? { ...v, stages: v.stages.filter((x) => x !== PENDING) } : v));
    out = { ...rest, versions };
    tx.appendAudit(serviceEvent({ eventName: 'RotationAbandoned', account: rec.account, region: rec.region, timeMs: nowMs, secretArn: rec.arn }));
  }
  const r = out.rotation;
  if (r?.enabled !== true || r.rules?.AutomaticallyAfterDays === undefined) return out;
  const nextMs = nextRotationMs(out, nowMs, nowMs);
  return nextMs === undefined ? out : { ...out, rotation: { ...r, nextMs } };
}

// AWS's text when Secrets Manager cannot invoke the rotation function (AccessDeniedException from
// RotateSecret, as terraform-provider-aws and users' reports quote it).
export const CANNOT_INVOKE = 'Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.';

type Outcome = { ok: true } | { ok: false; reason: string };

/** Applies `fn` to the secret if its rotation is still `run` (not cancelled or replaced). */
async function update(env: JobEnv, t: RotationTarget, run: RotationRun, fn: (rec: SecretRecord) => SecretRecord | undefined, events: (rec: SecretRecord) => string[] = () => []): Promise<boolean> {
  return env.store.write(async (tx) => {
    const s = await readSecretTx(tx, t.account, t.region, t.name);
    if (s === undefined || s.rec.rotating?.token !== run.token) return false;
    const next = fn(s.rec);
    if (next !== undefined) putSecret({ tx }, next, s.version);
    for (const name of events(s.rec)) {
      tx.appendAudit(serviceEvent({ eventName: name, account: t.account, region: t.region, timeMs: env.clock.now(), secretArn: s.rec.arn }));
    }
    return true;
  });
}

async function finish(env: JobEnv, t: RotationTarget, run: RotationRun, outcome: Outcome): Promise<void> {
  const prefix = run.testOnly ? 'TestRotation' : 'Rotation';
  await env.store.write(async (tx) => {
    const s = await readSecretTx(tx, t.account, t.region, t.name);
    if (s === undefined || s.rec.rotating?.token !== run.token) return;
    const rec = s.rec;
    const now = env.clock.now();
    let versions = rec.versions;
    let result = outcome;
    if (result.ok && !run.testOnly && !versions.some((v) => v.id === run.token && v.stages.includes(CURRENT))) {
      result = { ok: false, reason: 'finishSecret did not move AWSCURRENT to the new version' };
    }
    // A configuration test creates an AWSPENDING version and then removes it (RotateSecret, RotateImmediately).
    if (run.testOnly) versions = versions.filter((v) => !(v.id === run.token && v.stages.every((s2) => s2 === PENDING)));
    const rotation = rec.rotation;
    const lastRotatedMs = result.ok && !run.testOnly ? now : rotation?.lastRotatedMs;
    const nextMs = rotation === undefined ? undefined : nextRotationMs(rec, now, lastRotatedMs ?? rotation.configuredMs);
    const { rotating: _done, ...rest } = rec;
    const updated: SecretRecord = {
      ...rest,
      versions,
      ...(rotation !== undefined
        ? { rotation: { ...rotation, ...(lastRotatedMs !== undefined ? { lastRotatedMs } : {}), ...(nextMs !== undefined ? { nextMs } : {}) } }
        : {}),
    };
    putSecret({ tx }, updated, s.version);
    tx.appendAudit(
      serviceEvent({
        eventName: `${prefix}${result.ok ? 'Succeeded' : 'Failed'}`,
        account: t.account,
        region: t.region,
        timeMs: now,
        secretArn: rec.arn,
        // Warden's own facts go under additionalEventData.warden (ARCHITECTURE.md, audit).
        additional: result.ok ? {} : { warden: { reason: result.reason, executor: run.lambdaArn } },
      }),
    );
  });
}

/** Runs the remaining steps of `run` on the secret `t`. */
export async function runRotation(env: JobEnv, t: RotationTarget, arn: string, run: RotationRun): Promise<void> {
  const prefix = run.testOnly ? 'TestRotation' : 'Rotation';
  if (!run.announced) {
    const still = await update(env, t, run, (rec) => ({ ...rec, rotating: { ...run, announced: true } }), () => [`${prefix}Started`]);
    if (!still) return;
  }
  const executor = resolveExecutor(run.lambdaArn, env.config.rotationEndpoints);
  if (executor === undefined) return finish(env, t, run, { ok: false, reason: CANNOT_INVOKE });
  let remaining = run.steps;
  while (remaining.length > 0) {
    const step = remaining[0]!;
    try {
      await executor.invoke({ Step: step, SecretId: arn, ClientRequestToken: run.token, RotationToken: run.rotationToken }, t, env);
    } catch (err) {
      return finish(env, t, run, { ok: false, reason: err instanceof Error ? err.message : String(err) });
    }
    remaining = remaining.slice(1);
    const rest = remaining;
    const still = await update(env, t, run, (rec) => ({ ...rec, rotating: { ...run, announced: true, steps: rest } }));
    if (!still) return; // cancelled (CancelRotateSecret) or the secret is gone
  }
  await finish(env, t, run, { ok: true });
}
