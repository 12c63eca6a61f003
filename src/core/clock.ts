/** Time, injectable so tests can move it (signature expiry, deletion windows, rotation). */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  constructor(private ms: number = Date.now()) {}
  now(): number {
    return this.ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

let memoSecond = Number.NaN;
let memoText = '';

/**
 * ISO 8601 in UTC to the second (`2026-11-23T19:05:00Z`): AWS's form for CloudTrail eventTime,
 * aws:CurrentTime and the like. Remembers the last second it formatted (every request formats
 * the current time at least twice).
 */
export function isoSeconds(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== memoSecond) {
    memoText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    memoSecond = second;
  }
  return memoText;
}
