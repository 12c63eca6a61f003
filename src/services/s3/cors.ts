/**
 * Cross-origin resource sharing for buckets (S3 User Guide, cors.html, ManageCorsUsing.html,
 * cors-troubleshooting.html): validating a CORS configuration, answering a browser's preflight
 * (OPTIONS) from its rules, and the Access-Control-* headers of a request carrying an Origin.
 *
 * A rule matches when the Origin matches one of its AllowedOrigin values (at most one `*` each),
 * the method (or Access-Control-Request-Method) is one of its AllowedMethod values, and every
 * header of Access-Control-Request-Headers matches one of its AllowedHeader values; the first
 * matching rule applies.
 */
import type { Ctx } from '../../core/operation.js';
import { InvalidRequest, MalformedXML, MESSAGES } from './errors.js';
import type { CORSRule } from './model.gen.js';
import type { BucketRecord } from './state.js';

/** ManageCorsUsing.html: "You can add up to 100 rules to the configuration." */
export const MAX_CORS_RULES = 100;
/** ManageCorsUsing.html, AllowedMethod element. */
const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);

/** Refuses a configuration S3 would not store; the texts as S3 answers them. // unverified word for word */
export function validateCors(rules: readonly CORSRule[] | undefined): readonly CORSRule[] {
  if (rules === undefined || rules.length === 0 || rules.length > MAX_CORS_RULES) throw new MalformedXML(MESSAGES.malformedXml);
  for (const r of rules) {
    if (r.AllowedMethods === undefined || r.AllowedMethods.length === 0 || r.AllowedOrigins === undefined || r.AllowedOrigins.length === 0) {
      throw new MalformedXML(MESSAGES.malformedXml);
    }
    for (const m of r.AllowedMethods) {
      if (!METHODS.has(m)) throw new InvalidRequest(`Found unsupported HTTP method in CORS config. Unsupported method is ${m}`);
    }
    for (const o of r.AllowedOrigins) {
      if (o.split('*').length > 2) throw new InvalidRequest(`AllowedOrigin "${o}" can not have more than one wildcard.`);
    }
    for (const h of r.AllowedHeaders ?? []) {
      if (h.split('*').length > 2) throw new InvalidRequest(`AllowedHeader "${h}" can not have more than one wildcard.`);
    }
    if (r.ID !== undefined && r.ID.length > 255) throw new MalformedXML(MESSAGES.malformedXml);
    // Values are echoed in response headers: nothing a header cannot carry. // unverified: S3's answer
    for (const v of [...r.AllowedOrigins, ...(r.AllowedHeaders ?? []), ...(r.ExposeHeaders ?? [])]) {
      if (!/^[\x20-\x7e]*$/.test(v)) throw new MalformedXML(MESSAGES.malformedXml);
    }
  }
  return rules;
}

/** `value` against a pattern with at most one `*`. */
function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  const star = p.indexOf('*');
  if (star === -1) return p === v;
  const head = p.slice(0, star);
  const tail = p.slice(star + 1);
  return v.length >= head.length + tail.length && v.startsWith(head) && v.endsWith(tail);
}

/** The request headers a preflight names (Access-Control-Request-Headers), lower-cased. */
export const requestedHeaders = (value: string | undefined): string[] =>
  (value ?? '').split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== '');

/** The first rule allowing `origin` to use `method` with `headers`, or undefined. */
export function matchRule(rules: readonly CORSRule[], origin: string, method: string, headers: readonly string[] = []): CORSRule | undefined {
  return rules.find(
    (r) =>
      r.AllowedOrigins.some((o) => wildcard(o, origin, false)) &&
      r.AllowedMethods.includes(method) &&
      headers.every((h) => (r.AllowedHeaders ?? []).some((a) => wildcard(a, h, true))),
  );
}

/** The Access-Control-* headers S3 answers for a matched rule (cors.html; a `*` origin is answered as `*`, without credentials). */
export function corsHeaders(rule: CORSRule, origin: string, preflight?: { readonly headers: readonly string[] }): Record<string, string> {
  const any = rule.AllowedOrigins.includes('*') && !rule.AllowedOrigins.some((o) => wildcard(o, origin, false) && o !== '*');
  const out: Record<string, string> = {
    'Access-Control-Allow-Origin': any ? '*' : origin,
    'Access-Control-Allow-Methods': rule.AllowedMethods.join(', '),
  };
  if (!any) out['Access-Control-Allow-Credentials'] = 'true';
  if (preflight !== undefined && preflight.headers.length > 0) out['Access-Control-Allow-Headers'] = preflight.headers.join(', ');
  if (rule.ExposeHeaders !== undefined && rule.ExposeHeaders.length > 0) out['Access-Control-Expose-Headers'] = rule.ExposeHeaders.join(', ');
  if (rule.MaxAgeSeconds !== undefined) out['Access-Control-Max-Age'] = String(rule.MaxAgeSeconds);
  out['Vary'] = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method';
  return out;
}

/** Adds the CORS headers of a request with an Origin to its response, when a rule of the bucket matches. */
export function applyCorsHeaders(ctx: Ctx, bucket: BucketRecord): void {
  const origin = ctx.http?.header('origin');
  if (ctx.http === undefined || origin === undefined || bucket.cors === undefined) return;
  const rule = matchRule(bucket.cors, origin, ctx.http.method);
  if (rule === undefined) return;
  for (const [k, v] of Object.entries(corsHeaders(rule, origin))) ctx.http.setResponseHeader(k, v);
}
