/**
 * CloudTrail Insights' detector, pure: per series (Insights type, Region, eventSource, eventName
 * and, for ApiErrorRateInsight, errorCode) a sparse count of events per period, and the rule that
 * turns a period's count into the Start or End of an Insights event.
 *
 * AWS does not publish its model ("CloudTrail Insights analyzes … to establish your normal
 * patterns … also called the baseline", logging-insights-events-with-cloudtrail.html); Warden's is
 * simple and documented here:
 *  - baseline: the mean and standard deviation of the counts of the periods in the baseline window
 *    before the period evaluated (AWS: 7 days; `--insights-baseline`), periods without events
 *    counting as 0;
 *  - a period is unusual when its count is at least max(MIN_INSIGHT_COUNT, mean + 3·σ, 2·mean + 1);
 *  - an Insights event starts with the first unusual period, and only once the baseline is
 *    established (Insights have been on for a whole baseline window); it ends with the first period
 *    that is not unusual by the threshold fixed at its start;
 *  - averages are reported per minute (statistics.baseline/insight.average), durations in whole
 *    minutes (at least 1), as AWS reports them whatever Warden's period (`--insights-period`).
 */

/** Fewer events than this in one period never start an Insights event. */
export const MIN_INSIGHT_COUNT = 10;

export interface DetectorParams {
  readonly periodMs: number;
  readonly baselineMs: number;
}

/** An Insights event in progress. */
export interface ActiveInsight {
  readonly sharedEventID: string;
  /** Start of the first unusual period. */
  readonly startMs: number;
  /** The baseline at the start, per period. */
  readonly baselineMean: number;
  /** Counts at or above this are unusual (fixed at the start). */
  readonly threshold: number;
  /** Unusual periods so far, and their events. */
  readonly periods: number;
  readonly total: number;
}

export interface SeriesState {
  /** Period start (ms, as a decimal string) → events in it; periods without events are absent. */
  readonly counts: Readonly<Record<string, number>>;
  readonly active?: ActiveInsight;
}

export interface Transition {
  readonly state: 'Start' | 'End';
  readonly sharedEventID: string;
  /** Start: the first unusual period; End: the first usual one. */
  readonly timeMs: number;
  /** statistics.baseline.average: events per minute in the baseline. */
  readonly baselineAverage: number;
  /** statistics.insight.average: per minute, in the first unusual period (Start) or over all of them (End). */
  readonly insightAverage: number;
  /** statistics.insightDuration, minutes. */
  readonly insightDuration: number;
  /** statistics.baselineDuration, minutes. */
  readonly baselineDuration: number;
  /** The unusual time span [fromMs, toMs) the event covers (for attributions). */
  readonly fromMs: number;
  readonly toMs: number;
}

export const countIn = (s: SeriesState, periodStart: number): number => s.counts[String(periodStart)] ?? 0;

/** Mean and standard deviation of the counts of the baseline window before `periodStart`. */
export function baselineOf(s: SeriesState, periodStart: number, p: DetectorParams): { mean: number; sd: number } {
  const n = Math.max(1, Math.floor(p.baselineMs / p.periodMs));
  const from = periodStart - n * p.periodMs;
  let sum = 0;
  let sumSq = 0;
  for (const [k, c] of Object.entries(s.counts)) {
    const t = Number(k);
    if (t >= from && t < periodStart) {
      sum += c;
      sumSq += c * c;
    }
  }
  const mean = sum / n;
  return { mean, sd: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
}

export const thresholdOf = (b: { mean: number; sd: number }): number => Math.max(MIN_INSIGHT_COUNT, Math.ceil(b.mean + 3 * b.sd), Math.floor(2 * b.mean) + 1);

const perMinute = (countPerPeriod: number, p: DetectorParams): number => (countPerPeriod * 60_000) / p.periodMs;
const minutes = (ms: number): number => Math.max(1, Math.ceil(ms / 60_000));

/**
 * Evaluates one closed period of a series: its new state and the Start or End it causes, if any.
 * `established`: whether the baseline window is complete (no Start before it is).
 */
export function evaluatePeriod(
  s: SeriesState,
  periodStart: number,
  p: DetectorParams,
  established: boolean,
  newId: () => string,
): { state: SeriesState; transition?: Transition } {
  const count = countIn(s, periodStart);
  const baselineDuration = minutes(Math.floor(p.baselineMs / p.periodMs) * p.periodMs);
  const a = s.active;
  if (a !== undefined) {
    if (count >= a.threshold) return { state: { ...s, active: { ...a, periods: a.periods + 1, total: a.total + count } } };
    const { active: _ended, ...rest } = s;
    return {
      state: rest,
      transition: {
        state: 'End',
        sharedEventID: a.sharedEventID,
        timeMs: periodStart,
        baselineAverage: perMinute(a.baselineMean, p),
        insightAverage: perMinute(a.total / a.periods, p),
        insightDuration: minutes(periodStart - a.startMs),
        baselineDuration,
        fromMs: a.startMs,
        toMs: periodStart,
      },
    };
  }
  if (!established || count < MIN_INSIGHT_COUNT) return { state: s };
  const b = baselineOf(s, periodStart, p);
  const threshold = thresholdOf(b);
  if (count < threshold) return { state: s };
  const active: ActiveInsight = { sharedEventID: newId(), startMs: periodStart, baselineMean: b.mean, threshold, periods: 1, total: count };
  return {
    state: { ...s, active },
    transition: {
      state: 'Start',
      sharedEventID: active.sharedEventID,
      timeMs: periodStart,
      baselineAverage: perMinute(b.mean, p),
      insightAverage: perMinute(count, p),
      insightDuration: minutes(p.periodMs),
      baselineDuration,
      fromMs: periodStart,
      toMs: periodStart + p.periodMs,
    },
  };
}

/** Drops counts older than any baseline still needed (the window before `periodStart`). */
export function pruneCounts(s: SeriesState, periodStart: number, p: DetectorParams): SeriesState {
  const from = periodStart - Math.max(1, Math.floor(p.baselineMs / p.periodMs)) * p.periodMs;
  const counts: Record<string, number> = {};
  for (const [k, c] of Object.entries(s.counts)) if (Number(k) >= from) counts[k] = c;
  return { ...s, counts };
}
