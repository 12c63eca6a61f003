/**
 * Warden's own AWS Signature Version 4 verifier (header auth and presigned query auth).
 * Rules: aws-facts §6.1–6.3 and the IAM User Guide's "Create a signed AWS API request"; error texts and
 * their sources are in ./sigv4-messages.ts. Non-S3 canonical paths are normalised then encoded again
 * (double encoding); S3 paths are encoded once and not normalised. The body is hashed here; the
 * x-amz-content-sha256 header is never trusted (an S3 caller passes opts.payloadHash itself).
 */
import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as M from './sigv4-messages.js';

export interface SignedRequest {
  method: string;
  /** Path as received, without '?query'. */
  rawPath: string;
  /** Everything after '?', as received ('' if none). */
  rawQuery: string;
  /** node:http `IncomingHttpHeaders` (lowercase names). Pass `headersDistinct` to keep repeated headers apart. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Uint8Array;
}
/** From the credential scope. */
export interface Credential { accessKeyId: string; date: string; region: string; service: string }
export interface ParsedAuth {
  credential: Credential;
  signedHeaders: string[];
  signature: string;
  /** yyyyMMdd'T'HHmmss'Z', from X-Amz-Date (header or query) or converted from the Date header. */
  amzDate: string;
  securityToken?: string;
  presigned: boolean;
  expiresSeconds?: number;
  /** `date/region/service/terminator` exactly as sent: the string to sign's third line. */
  scope: string;
  /** amzDate as epoch milliseconds. */
  timeMs: number;
}
export type AuthProblemKind =
  | 'MissingAuthenticationToken' | 'IncompleteSignature' | 'SignatureDoesNotMatch' | 'SignatureExpired'
  | 'SignatureNotYetCurrent' | 'InvalidScope' | 'PresignedExpired' | 'AuthorizationQueryParametersError';
/** `message` is AWS's text; the pipeline chooses the code per protocol. */
export interface AuthProblem { kind: AuthProblemKind; message: string }
export interface VerifyOptions {
  /** The endpoint's signing name; a different scope service is refused. */
  expectedService?: string;
  /** When set, a different scope region is refused (global services sign in us-east-1). */
  expectedRegion?: string;
  /** Allowed clock skew, default 5 minutes. */
  maxSkewMs?: number;
  /** Use UNSIGNED-PAYLOAD as the payload hash. */
  unsignedPayload?: boolean;
  /** The payload-hash line to use verbatim (S3: the checked x-amz-content-sha256 value, or STREAMING-…). */
  payloadHash?: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_EXPIRES = 604_800;
const DEFAULT_SKEW_MS = 300_000;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const problem = (kind: AuthProblemKind, message: string): AuthProblem => ({ kind, message });

// crypto.hash (Node >= 20.12) is a one-shot hash without a Hash object: about 40 % faster on small inputs.
const oneShot = (nodeCrypto as { hash?: (alg: string, data: string | Uint8Array, enc: 'hex' | 'base64' | 'latin1') => string }).hash;
const sha256 = (data: string | Uint8Array, enc: 'hex' | 'base64' = 'hex'): string =>
  oneShot !== undefined ? oneShot('sha256', data, enc) : createHash('sha256').update(data).digest(enc);

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Finds the credentials in the Authorization header or in presigned query parameters. */
export function parseAuth(req: SignedRequest): ParsedAuth | AuthProblem {
  const authorization = first(req.headers['authorization']);
  const query = req.rawQuery.includes('X-Amz-Algorithm=') ? decodeQuery(req.rawQuery) : undefined;
  if (query !== undefined && query.has('X-Amz-Algorithm')) {
    if (authorization !== undefined) return problem('SignatureDoesNotMatch', M.BOTH_AUTH);
    return parseQueryAuth(query, req.headers);
  }
  if (authorization === undefined || !authorization.trimStart().startsWith('AWS4-')) {
    return problem('MissingAuthenticationToken', M.MISSING_TOKEN);
  }
  const value = authorization.trim();
  const space = value.indexOf(' ');
  const algorithm = space === -1 ? value : value.slice(0, space);
  let credential: string | undefined, signedHeaders: string | undefined, signature: string | undefined;
  for (const part of space === -1 ? [] : value.slice(space + 1).split(/[\s,]+/)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq === -1) return problem('IncompleteSignature', M.missingEqualSign(sha256(authorization, 'base64')));
    const key = part.slice(0, eq);
    if (key === 'Credential') credential = part.slice(eq + 1);
    else if (key === 'SignedHeaders') signedHeaders = part.slice(eq + 1);
    else if (key === 'Signature') signature = part.slice(eq + 1);
  }
  const amzDate = first(req.headers['x-amz-date']);
  const date = amzDate ?? first(req.headers['date']);
  if (credential === undefined || signature === undefined || signedHeaders === undefined || date === undefined) {
    const missing: string[] = [];
    if (credential === undefined) missing.push(M.requiresParam('Credential'));
    if (signature === undefined) missing.push(M.requiresParam('Signature'));
    if (signedHeaders === undefined) missing.push(M.requiresParam('SignedHeaders'));
    if (date === undefined) missing.push(M.REQUIRES_DATE);
    return problem('IncompleteSignature', M.incompleteHeader(missing, sha256(authorization, 'base64')));
  }
  const token = first(req.headers['x-amz-security-token']);
  return finish(algorithm, credential, signedHeaders, signature, date, amzDate !== undefined, token, false, undefined);
}

function parseQueryAuth(q: Map<string, string>, headers: SignedRequest['headers']): ParsedAuth | AuthProblem {
  const required = ['X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];
  const missing = required.filter((k) => !q.get(k)).map(M.queryRequires);
  if (missing.length > 0) return problem('IncompleteSignature', `${missing.join(' ')} ${M.REEXAMINE_QUERY}`);
  const rawExpires = q.get('X-Amz-Expires');
  let expires: number | undefined;
  if (rawExpires !== undefined) {
    if (!/^-?\d+$/.test(rawExpires)) return problem('AuthorizationQueryParametersError', M.EXPIRES_NOT_NUMBER);
    expires = Number(rawExpires);
    if (expires < 1) return problem('AuthorizationQueryParametersError', M.EXPIRES_NEGATIVE);
    if (expires > MAX_EXPIRES) return problem('AuthorizationQueryParametersError', M.EXPIRES_TOO_LONG);
  }
  const token = q.get('X-Amz-Security-Token') ?? first(headers['x-amz-security-token']);
  return finish(q.get('X-Amz-Algorithm')!, q.get('X-Amz-Credential')!, q.get('X-Amz-SignedHeaders')!,
    q.get('X-Amz-Signature')!, q.get('X-Amz-Date')!, true, token, true, expires);
}

function finish(algorithm: string, credential: string, signedHeaders: string, signature: string, date: string,
  isoOnly: boolean, securityToken: string | undefined, presigned: boolean, expiresSeconds: number | undefined): ParsedAuth | AuthProblem {
  const timeMs = parseDate(date, isoOnly);
  if (timeMs === undefined) return problem('IncompleteSignature', M.badDate(date));
  if (algorithm !== ALGORITHM) return problem('IncompleteSignature', M.unsupportedAlgorithm(algorithm));
  const trimmed = credential.endsWith('/') ? credential.replace(/\/+$/, '') : credential;
  const parts = trimmed.split('/');
  if (parts.length !== 5) return problem('IncompleteSignature', M.credentialParts(credential));
  const [accessKeyId, day, region, service] = parts as [string, string, string, string, string];
  const auth: ParsedAuth = {
    credential: { accessKeyId, date: day, region, service }, signedHeaders: signedHeaders.split(';'), signature,
    amzDate: ISO_BASIC.test(date) ? date : M.isoBasic(timeMs), presigned, scope: trimmed.slice(accessKeyId.length + 1), timeMs,
  };
  if (securityToken !== undefined) auth.securityToken = securityToken;
  if (expiresSeconds !== undefined) auth.expiresSeconds = expiresSeconds;
  return auth;
}

/** yyyyMMdd'T'HHmmss'Z' (X-Amz-Date), or for the Date header also an RFC 7231 date. */
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
function parseDate(v: string, isoOnly: boolean): number | undefined {
  const m = ISO_BASIC.exec(v);
  if (m !== null) {
    const [y, mo, d, h, mi, s] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!];
    // Date.UTC would roll 20241340T… over into 2025; refuse out-of-range fields instead.
    if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate() || h > 23 || mi > 59 || s > 59) return undefined;
    return Date.UTC(y, mo - 1, d, h, mi, s);
  }
  if (isoOnly) return undefined;
  const ms = Date.parse(v); // unverified: which Date formats AWS accepts besides ISO 8601 basic
  return Number.isNaN(ms) || !/GMT$/.test(v) ? undefined : Math.floor(ms / 1000) * 1000;
}

/** Checks time, scope and signature. Returns null when the request is authentic. */
export function verifySignature(req: SignedRequest, auth: ParsedAuth, secretAccessKey: string, nowMs: number,
  opts: VerifyOptions = {}): AuthProblem | null {
  const skew = opts.maxSkewMs ?? DEFAULT_SKEW_MS;
  const now = Math.floor(nowMs / 1000) * 1000;
  if (auth.timeMs > now + skew) return problem('SignatureNotYetCurrent', M.signatureNotYetCurrent(auth.amzDate, now, skew));
  if (auth.presigned && auth.expiresSeconds !== undefined) {
    const window = auth.expiresSeconds * 1000;
    if (auth.timeMs + window < now) return problem('PresignedExpired', M.presignedExpired(auth.amzDate, now, window));
  } else if (auth.timeMs < now - skew) {
    return problem('SignatureExpired', M.signatureExpired(auth.amzDate, now, skew));
  }
  if (!auth.signedHeaders.some((h) => h.toLowerCase() === 'host')) return problem('SignatureDoesNotMatch', M.HOST_NOT_SIGNED);
  const c = auth.credential;
  let scope = '';
  if (opts.expectedRegion !== undefined && c.region !== opts.expectedRegion) scope += M.SCOPE_REGION;
  if (opts.expectedService !== undefined && c.service !== opts.expectedService) scope += M.scopeService(opts.expectedService);
  const terminator = auth.scope.slice(auth.scope.lastIndexOf('/') + 1);
  if (terminator !== 'aws4_request') scope += M.scopeTerminator(terminator);
  if (c.date !== auth.amzDate.slice(0, 8)) scope += M.scopeDate(c.date, auth.amzDate.slice(0, 8), auth.amzDate);
  if (scope !== '') return problem('InvalidScope', scope);

  if (!/^[0-9a-f]{64}$/.test(auth.signature)) return problem('SignatureDoesNotMatch', M.SIGNATURE_MISMATCH);
  const stringToSign = `${ALGORITHM}\n${auth.amzDate}\n${auth.scope}\n${sha256(canonicalRequest(req, auth, opts))}`;
  const expected = hmacHex(signingKey(secretAccessKey, c.date, c.region, c.service), stringToSign);
  return timingSafeEqual(Buffer.from(expected, 'latin1'), Buffer.from(auth.signature, 'latin1')) ? null : problem('SignatureDoesNotMatch', M.SIGNATURE_MISMATCH);
}

/** The canonical request AWS would build for `req` (exported for S3's SignatureDoesNotMatch details). */
export function canonicalRequest(req: SignedRequest, auth: ParsedAuth, opts: VerifyOptions = {}): string {
  const s3 = auth.credential.service === 's3';
  let headers = '';
  for (const name of auth.signedHeaders) headers += `${name}:${headerValue(req.headers[name] ?? req.headers[name.toLowerCase()])}\n`;
  const payload = opts.payloadHash
    ?? (opts.unsignedPayload === true || (auth.presigned && s3) ? 'UNSIGNED-PAYLOAD' : req.body.length === 0 ? EMPTY_SHA256 : sha256(req.body));
  return `${req.method}\n${s3 ? s3Path(req.rawPath) : canonicalPath(req.rawPath)}\n${canonicalQuery(req.rawQuery, auth.presigned)}\n${headers}\n${auth.signedHeaders.join(';')}\n${payload}`;
}

const NEEDS_COLLAPSE = /\s\s|[^\S ]/; // a whitespace run, or a tab/CR/LF/FF/VT
function trimCollapse(v: string): string {
  const t = v.trim();
  return NEEDS_COLLAPSE.test(t) ? t.replace(/\s+/g, ' ') : t;
}
function headerValue(v: string | string[] | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? trimCollapse(v) : v.map(trimCollapse).join(',');
}

const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
/** RFC 3986 encoding with AWS's unreserved set (A-Z a-z 0-9 - _ . ~), uppercase hex, UTF-8. */
function uriEncode(s: string): string {
  if (UNRESERVED.test(s)) return s;
  try {
    return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch { // a lone surrogate: encode the bytes Node would send
    return [...Buffer.from(s, 'utf8')].map((b) => (b < 0x80 && UNRESERVED.test(String.fromCharCode(b))
      ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  }
}
function uriDecode(s: string, plusIsSpace: boolean): string {
  const t = plusIsSpace && s.includes('+') ? s.replace(/\+/g, ' ') : s;
  try { return t.includes('%') ? decodeURIComponent(t) : t; } catch { return t; } // bad escape: taken literally
}

/** Non-S3: drop empty, '.' and '..' segments, keep a trailing '/', then encode the (already encoded) wire path again. */
function canonicalPath(raw: string): string {
  if (raw === '/' || raw === '') return '/';
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(uriEncode(seg));
  }
  return out.length === 0 ? '/' : `/${out.join('/')}${raw.endsWith('/') ? '/' : ''}`;
}
function s3Path(raw: string): string {
  return raw === '' ? '/' : raw.split('/').map((seg) => uriEncode(uriDecode(seg, false))).join('/');
}

/** Parameters decoded ('+' is a space), encoded the AWS way, sorted by key then value; presigned drops X-Amz-Signature. */
function canonicalQuery(raw: string, presigned: boolean): string {
  if (raw === '') return '';
  // "key\0value" sorts by key then value (encoded text never holds \0), without a comparator.
  const pairs: string[] = [];
  for (const part of raw.split('&')) {
    if (part === '' || (presigned && part.startsWith('X-Amz-Signature='))) continue;
    const eq = part.indexOf('=');
    const key = queryComponent(eq === -1 ? part : part.slice(0, eq));
    if (presigned && key === 'X-Amz-Signature') continue;
    pairs.push(`${key}\0${eq === -1 ? '' : queryComponent(part.slice(eq + 1))}`);
  }
  return pairs.sort().join('&').replaceAll('\0', '=');
}

function queryComponent(s: string): string {
  return UNRESERVED.test(s) ? s : uriEncode(uriDecode(s, true));
}

function decodeQuery(raw: string): Map<string, string> {
  const q = new Map<string, string>();
  for (const part of raw.split('&')) {
    if (!part.startsWith('X-Amz-')) continue; // only the auth parameters are needed here
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    if (!q.has(key)) q.set(key, eq === -1 ? '' : uriDecode(part.slice(eq + 1), true));
  }
  return q;
}

const keyCache = new Map<string, Buffer>();
const KEY_CACHE_MAX = 256;
/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request"), cached. */
/** A signing key's HMAC pads (RFC 2104: key XOR ipad, key XOR opad) as latin1 text. */
const padsOf = new WeakMap<Buffer, { readonly inner: string; readonly outer: string }>();

/**
 * HMAC-SHA256 of `message` under `key`, as hex. For an ASCII message (every string to sign is)
 * it is computed from two one-shot hashes over the pads and the text: about half of createHmac's
 * cost, which is mostly the Hmac object's.
 */
export function hmacHex(key: Buffer, message: string): string {
  if (oneShot === undefined || key.length > 64 || Buffer.byteLength(message, 'utf8') !== message.length) {
    return createHmac('sha256', key).update(message).digest('hex');
  }
  let pads = padsOf.get(key);
  if (pads === undefined) {
    const inner = Buffer.alloc(64, 0x36);
    const outer = Buffer.alloc(64, 0x5c);
    for (let i = 0; i < key.length; i++) {
      inner[i]! ^= key[i]!;
      outer[i]! ^= key[i]!;
    }
    pads = { inner: inner.toString('latin1'), outer: outer.toString('latin1') };
    padsOf.set(key, pads);
  }
  const innerDigest = oneShot('sha256', Buffer.from(pads.inner + message, 'latin1'), 'latin1');
  return oneShot('sha256', Buffer.from(pads.outer + innerDigest, 'latin1'), 'hex');
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${date}/${region}/${service}/${secret}`; // scope parts hold no '/', so ids are unique
  let key = keyCache.get(id);
  if (key !== undefined) return key;
  const hmac = (k: string | Buffer, data: string): Buffer => createHmac('sha256', k).update(data).digest();
  key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  if (keyCache.size >= KEY_CACHE_MAX) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(id, key);
  return key;
}
