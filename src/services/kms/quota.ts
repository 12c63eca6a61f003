/**
 * `--kms-quota N`: KMS's request quota for cryptographic operations, per account and Region
 * (https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html). "Requests
 * made on your behalf by AWS services count" and "for cross-account use the caller's account is
 * throttled" (throttling.html), so the bucket is the caller's account and the request's Region.
 * Over it: ThrottlingException, HTTP 400, with the text AWS sends (recorded in
 * aws/aws-dynamodb-encryption-java#6 and hyperlane-xyz/hyperlane-monorepo#2391).
 */
// Differs from AWS: one bucket for every cryptographic operation; AWS keeps separate ones for symmetric, RSA and ECC keys and per data key pair spec.
import { AwsError } from '../../core/errors.js';
import type { Ctx } from '../../core/operation.js';

export class ThrottlingException extends AwsError {
  readonly code = 'ThrottlingException';
}

const MESSAGE = 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.';

/** A token bucket per account and Region: `perSecond` tokens, refilled continuously. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(private readonly perSecond: number) {}

  /** Takes one token for `scope`; false when none is left. */
  take(scope: string, nowMs: number): boolean {
    let b = this.buckets.get(scope);
    if (b === undefined) {
      if (this.buckets.size >= 10_000) this.buckets.clear(); // idle scopes start full again anyway
      this.buckets.set(scope, (b = { tokens: this.perSecond, atMs: nowMs }));
    }
    b.tokens = Math.min(this.perSecond, b.tokens + ((nowMs - b.atMs) * this.perSecond) / 1000);
    b.atMs = nowMs;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}

/** One limiter per Warden (per barrier, like the key caches). */
const limiters = new WeakMap<object, RateLimiter>();

/** Counts a cryptographic request against the caller's quota; ThrottlingException past it. */
export function chargeCryptoQuota(ctx: Ctx): void {
  const perSecond = ctx.config.kmsQuota;
  if (perSecond <= 0) return;
  let l = limiters.get(ctx.barrier);
  if (l === undefined) limiters.set(ctx.barrier, (l = new RateLimiter(perSecond)));
  if (!l.take(`${ctx.account}/${ctx.region}`, ctx.clock.now())) throw new ThrottlingException(MESSAGE);
}
