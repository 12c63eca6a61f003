/**
 * The built-in executor (function name `warden-random-password`): rotation of a generic secret to a
 * new random password, following AWS's single-user rotation template step by step:
 * createSecret puts an AWSPENDING version (a JSON SecretString gets a new "password" field, any other
 * SecretString is replaced whole), setSecret has no external system to change, testSecret checks the
 * pending version, finishSecret moves AWSCURRENT to it (AWSPREVIOUS follows) and clears AWSPENDING.
 *
 * The password follows GetRandomPassword's rules; a secret's tags `warden:rotation:<member>` set
 * them (e.g. `warden:rotation:PasswordLength` = `20`, `warden:rotation:ExcludePunctuation` = `true`).
 */
import type { JobEnv } from '../../../core/operation.js';
import { decryptVersion, encryptVersion } from '../kms.js';
import type { GetRandomPasswordRequest } from '../model.gen.js';
import { randomPassword } from '../password.js';
import { attachLabels, CURRENT, withVersion } from '../secrets.js';
import { serviceCtx } from '../service.js';
import { putSecret, readSecretTx, type SecretRecord } from '../state.js';
import type { RotationEvent, RotationExecutor, RotationTarget } from './executor.js';

export const PENDING = 'AWSPENDING';
const TAG_PREFIX = 'warden:rotation:';
const NUMBER_RULES = new Set(['PasswordLength']);
const BOOLEAN_RULES = new Set(['ExcludeNumbers', 'ExcludePunctuation', 'ExcludeUppercase', 'ExcludeLowercase', 'IncludeSpace', 'RequireEachIncludedType']);

/** GetRandomPassword options from the secret's `warden:rotation:*` tags. */
export function passwordRules(rec: SecretRecord): GetRandomPasswordRequest {
  const out: Record<string, unknown> = {};
  for (const t of rec.tags) {
    if (t.Key === undefined || !t.Key.startsWith(TAG_PREFIX)) continue;
    const k = t.Key.slice(TAG_PREFIX.length);
    const v = t.Value ?? '';
    if (NUMBER_RULES.has(k) && /^\d+$/.test(v)) out[k] = Number(v);
    else if (BOOLEAN_RULES.has(k) && (v === 'true' || v === 'false')) out[k] = v === 'true';
    else if (k === 'ExcludeCharacters') out[k] = v;
  }
  return out as GetRandomPasswordRequest;
}

/** The new SecretString: the JSON object with a new "password", or the new password itself. */
export function rotatedValue(current: string, password: string): string {
  try {
    const parsed = JSON.parse(current) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return JSON.stringify({ ...parsed, password });
  } catch {
    // Not JSON: the whole value is the password.
  }
  return password;
}

async function withSecret(env: JobEnv, t: RotationTarget, fn: (rec: SecretRecord, version: number, ctx: ReturnType<typeof serviceCtx>) => Promise<void>): Promise<void> {
  await env.store.write(async (tx) => {
    const s = await readSecretTx(tx, t.account, t.region, t.name);
    if (s === undefined) throw new Error('the secret no longer exists');
    await fn(s.rec, s.version, serviceCtx(env, tx, t.account, t.region));
  });
}

async function step(e: RotationEvent, t: RotationTarget, env: JobEnv): Promise<void> {
  await withSecret(env, t, async (rec, version, ctx) => {
    const pending = rec.versions.find((v) => v.id === e.ClientRequestToken);
    switch (e.Step) {
      case 'createSecret': {
        if (pending !== undefined) return; // created by an earlier attempt
        const current = rec.versions.find((v) => v.stages.includes(CURRENT));
        const value = current === undefined ? undefined : await decryptVersion(ctx, rec, current);
        if (value !== undefined && value.SecretString === undefined) throw new Error('createSecret: the built-in rotation rotates SecretString values only');
        const next = rotatedValue(value?.SecretString ?? '', randomPassword(passwordRules(rec)));
        const v = await encryptVersion(ctx, rec, e.ClientRequestToken, { string: next });
        putSecret(ctx, withVersion(rec, v, [PENDING], ctx.clock.now()), version);
        return;
      }
      case 'setSecret':
        return; // no database or service behind a generic secret
      case 'testSecret': {
        if (pending === undefined || !pending.stages.includes(PENDING)) throw new Error('testSecret: no AWSPENDING version with this ClientRequestToken');
        const value = await decryptVersion(ctx, rec, pending);
        if (value.SecretString === undefined || value.SecretString.length === 0) throw new Error('testSecret: the pending version has no SecretString');
        return;
      }
      case 'finishSecret': {
        if (pending === undefined) throw new Error('finishSecret: no version with this ClientRequestToken');
        const versions = attachLabels(rec.versions, pending.id, [CURRENT]).map((v) => (v.id === pending.id ? { ...v, stages: v.stages.filter((s) => s !== PENDING) } : v));
        putSecret(ctx, { ...rec, versions, lastChangedMs: ctx.clock.now() }, version);
        return;
      }
    }
  });
}

export const builtinExecutor: RotationExecutor = { description: 'builtin random password', invoke: step };
