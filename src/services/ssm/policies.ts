/**
 * Parameter policies (user guide, parameter-store-policies.md): a JSON array of
 * `{"Type", "Version": "1.0", "Attributes"}` objects — Expiration (Timestamp, ISO_INSTANT or
 * ISO_OFFSET_DATE_TIME), ExpirationNotification (Before + Unit Days|Hours), NoChangeNotification
 * (After + Unit); at most 10 per parameter; `[{}]` removes every policy; Advanced tier only.
 */
import { IncompatiblePolicyException, InvalidPolicyAttributeException, InvalidPolicyTypeException, PoliciesLimitExceededException } from './model.gen.js';
import type { StoredPolicy } from './state.js';

// The texts are the model's descriptions of these errors; AWS's messages may word them differently. // unverified
const BAD_TYPE = "The policy type isn't supported. Parameter Store supports the following policy types: Expiration, ExpirationNotification, and NoChangeNotification.";
const BAD_ATTRIBUTE = 'A policy attribute or its value is invalid.';
const TOO_MANY = 'You specified more than the maximum number of allowed policies for the parameter. The maximum is 10.';
const CONFLICT = "There is a conflict in the policies specified for this parameter. You can't, for example, specify two Expiration policies for a parameter. Review your policies, and try again.";

export const MAX_POLICIES = 10;
const HOUR = 3_600_000;
const UNITS: Readonly<Record<string, number>> = { Days: 24 * HOUR, Hours: HOUR };
const TYPES = ['Expiration', 'ExpirationNotification', 'NoChangeNotification'] as const;

/** ISO_INSTANT (`2020-05-13T00:00:00.000Z`) or ISO_OFFSET_DATE_TIME (`2019-11-01T22:13:48.87+10:30:00`, seconds in the offset allowed). */
export function parseTimestamp(s: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:\d{2})(?::(\d{2}))?$/.exec(s);
  if (m === null) return undefined;
  const ms = Date.parse(`${m[1]!.replace(/(\.\d{3})\d+$/, '$1')}${m[2]!}`);
  if (Number.isNaN(ms)) return undefined;
  const offsetSeconds = m[3] === undefined ? 0 : Number(m[3]) * (m[2]!.startsWith('-') ? -1 : 1);
  return ms - offsetSeconds * 1000;
}

function attribute(attrs: Record<string, unknown>, name: string): string {
  const v = attrs[name];
  if (typeof v !== 'string' && typeof v !== 'number') throw new InvalidPolicyAttributeException(BAD_ATTRIBUTE);
  return String(v);
}

function period(attrs: Record<string, unknown>, name: string): number {
  const n = attribute(attrs, name);
  const unit = UNITS[attribute(attrs, 'Unit')];
  if (!/^[1-9]\d{0,5}$/.test(n) || unit === undefined) throw new InvalidPolicyAttributeException(BAD_ATTRIBUTE);
  return Number(n) * unit;
}

function one(raw: unknown, nowMs: number): StoredPolicy {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InvalidPolicyAttributeException(BAD_ATTRIBUTE);
  const p = raw as Record<string, unknown>;
  const type = TYPES.find((t) => t === p['Type']);
  if (type === undefined) throw new InvalidPolicyTypeException(BAD_TYPE);
  const attrs = p['Attributes'];
  if (p['Version'] !== '1.0' || typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) throw new InvalidPolicyAttributeException(BAD_ATTRIBUTE);
  const a = attrs as Record<string, unknown>;
  const text = JSON.stringify(raw);
  if (type === 'Expiration') {
    const atMs = parseTimestamp(attribute(a, 'Timestamp'));
    // An expiration in the past is refused. // unverified
    if (atMs === undefined || atMs <= nowMs) throw new InvalidPolicyAttributeException(BAD_ATTRIBUTE);
    return { text, type, status: 'Pending', atMs };
  }
  return { text, type, status: 'Pending', periodMs: period(a, type === 'ExpirationNotification' ? 'Before' : 'After') };
}

/** The Policies string of a PutParameter request: the policies to store ([] removes them all). */
export function parsePolicies(text: string, nowMs: number): StoredPolicy[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidPolicyAttributeException(BAD_ATTRIBUTE);
  }
  if (!Array.isArray(raw)) throw new InvalidPolicyAttributeException(BAD_ATTRIBUTE);
  // `[{}]` (an empty policy) removes the parameter's policies (user guide).
  const items = raw.filter((r) => !(typeof r === 'object' && r !== null && !Array.isArray(r) && Object.keys(r).length === 0));
  if (items.length > MAX_POLICIES) throw new PoliciesLimitExceededException(TOO_MANY);
  const out = items.map((r) => one(r, nowMs));
  if (out.filter((p) => p.type === 'Expiration').length > 1 || out.filter((p) => p.type === 'NoChangeNotification').length > 1) throw new IncompatiblePolicyException(CONFLICT);
  return out;
}
