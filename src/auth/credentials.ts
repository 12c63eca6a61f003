import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Profile } from '../config/config.js';
import { rootArn } from '../core/arn.js';
import type { Clock } from '../core/clock.js';
import { ProtocolError } from '../core/errors.js';
import { secretAccessKey } from '../core/ids.js';
import type { SealingBarrier } from '../core/operation.js';
import type { Principal } from '../core/principal.js';
import type { Authorizer } from '../iam/authorizer.js';
import type { ReadTx, Store, WriteTx } from '../store/store.js';

/** An access key resolved to who it belongs to. */
export interface ResolvedKey {
  readonly principal: Principal;
  /** Undefined when the key is unknown and the development profile takes it as root unverified. */
  readonly secretAccessKey: string | undefined;
  /** Temporary credentials: the request must carry the session's token, before it expires. */
  readonly session?: { readonly tokenHash: string; readonly expiresMs: number };
}

/**
 * Access keys Warden issued (root keys by `warden init`, IAM users' keys by CreateAccessKey) are
 * stored globally so that a request's key finds its account:
 *
 *   auth/global/global/access-key/<id>        StoredAccessKey
 *   auth/global/global/access-key-used/<id>   LastUse (written outside requests, best effort)
 *
 * A deleted key stays as a tombstone without its secret, so that the development profile never
 * takes its id for an unknown key (and its caller for root) again.
 *
 * Temporary credentials (STS AssumeRole, GetSessionToken) live there too, as ASIA keys of owner
 * `session`: the secret sealed like the others, the SHA-256 of the session token (the token itself
 * is never stored), the expiry, and the principal the session acts as. A day after expiry a
 * session is purged to a tombstone (`purgeExpiredSessions`, STS's background job): no secret and
 * no principal, only the token's hash and the expiry, so that it is still told apart from an
 * unknown key (ExpiredToken, as AWS answers for any expired token).
 */
const accessKeyPath = (accessKeyId: string) => `auth/global/global/access-key/${accessKeyId}`;
const lastUsedPath = (accessKeyId: string) => `auth/global/global/access-key-used/${accessKeyId}`;
const ACCESS_KEY_PREFIX = 'auth/global/global/access-key/';

export type AccessKeyStatus = 'Active' | 'Inactive';

interface StoredAccessKey {
  readonly v: 1;
  readonly account: string;
  readonly owner: 'root' | 'user' | 'session';
  readonly createdMs: number;
  /** Sealed by the barrier under this row's storage key; absent once deleted. */
  readonly secret?: string;
  /** Absent on root keys: Active. */
  readonly status?: AccessKeyStatus;
  readonly userName?: string;
  readonly userId?: string;
  readonly userPath?: string;
  readonly deleted?: true;
  /** Sessions: hex SHA-256 of the session token. */
  readonly tokenHash?: string;
  readonly expiresMs?: number;
  /** Sessions: who the credentials act as (without the access key id, which is the row's). */
  readonly principal?: Omit<Principal, 'accessKeyId'>;
}

/** An IAM user's access key as the IAM service sees it: never its secret. */
export interface UserAccessKey {
  readonly accessKeyId: string;
  readonly account: string;
  readonly userName: string;
  readonly userId: string;
  readonly userPath: string;
  readonly status: AccessKeyStatus;
  readonly createdMs: number;
}

export interface LastUse {
  readonly v: 1;
  readonly lastUsedMs: number;
  readonly service: string;
  readonly region: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * A new access key id that carries its account as AWS's ids do since 2019: the 16 characters after
 * the 4-letter prefix are base32 of 10 bytes, whose first 6 bytes (big-endian) hold the 12-digit
 * account in bits 7–46; the remaining bits are random. (Publicly documented by Aidan Steele,
 * "A short note on AWS KEY ID", 2020; STS GetAccessKeyInfo answers for any key id this way.)
 */
export function accessKeyIdFor(prefix: 'AKIA' | 'ASIA', account: string): string {
  const bytes = randomBytes(10);
  const head = ((BigInt(account) & 0xff_ffff_ffffn) << 7n) | BigInt(bytes[5]! & 0x7f);
  for (let i = 0; i < 6; i++) bytes[i] = Number((head >> BigInt(8 * (5 - i))) & 0xffn);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = prefix;
  for (let i = 15; i >= 0; i--) out += BASE32[Number((bits >> BigInt(5 * i)) & 31n)];
  return out;
}

/** The account an AKIA/ASIA-style key id encodes (see accessKeyIdFor), or undefined when it is not base32. */
export function accountEncodedIn(accessKeyId: string): string | undefined {
  const m = /^[A-Z]{4}([A-Z2-7]{16})$/.exec(accessKeyId);
  if (m === null) return undefined;
  let bits = 0n;
  for (const c of m[1]!) bits = (bits << 5n) | BigInt(BASE32.indexOf(c));
  const head = bits >> 32n;
  return String((head & 0x7fff_ffff_ff80n) >> 7n).padStart(12, '0');
}

/** The development profile's well-known key pair, as LocalStack and moto users have it. */
export const DEV_ACCESS_KEY_ID = 'test';
export const DEV_SECRET_ACCESS_KEY = 'test';

const decodeKey = (value: Uint8Array): StoredAccessKey => JSON.parse(Buffer.from(value).toString('utf8')) as StoredAccessKey;
const encode = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value), 'utf8');

export function rootPrincipal(account: string, accessKeyId: string, unverified = false): Principal {
  return {
    type: 'Root',
    account,
    arn: rootArn(account),
    principalId: account,
    accessKeyId,
    ...(unverified ? { unverified: true } : {}),
  };
}

export function userPrincipal(k: Pick<UserAccessKey, 'account' | 'userName' | 'userId' | 'userPath'>, accessKeyId: string): Principal {
  return { type: 'IAMUser', account: k.account, arn: `arn:aws:iam::${k.account}:user${k.userPath}${k.userName}`, principalId: k.userId, accessKeyId, userName: k.userName };
}

const RESOLVED_CACHE_MAX = 4096;

export class CredentialResolver {
  /** Resolutions of stored keys, valid while the row's bytes are unchanged (unsealing is the cost saved). */
  private readonly resolved = new Map<string, { bytes: Uint8Array; key: ResolvedKey | undefined }>();

  constructor(
    private readonly profile: Profile,
    private readonly defaultAccount: string,
    private readonly barrier: SealingBarrier,
  ) {}

  async resolve(tx: ReadTx, accessKeyId: string): Promise<ResolvedKey | undefined> {
    if (this.profile === 'development' && accessKeyId === DEV_ACCESS_KEY_ID) {
      return { principal: rootPrincipal(this.defaultAccount, accessKeyId), secretAccessKey: DEV_SECRET_ACCESS_KEY };
    }
    const path = accessKeyPath(accessKeyId);
    const entry = await tx.get(path);
    if (entry !== undefined) {
      const hit = this.resolved.get(accessKeyId);
      if (hit !== undefined && Buffer.from(hit.bytes).equals(Buffer.from(entry.value))) return hit.key;
      const key = this.fromStored(path, accessKeyId, decodeKey(entry.value));
      if (this.resolved.size >= RESOLVED_CACHE_MAX) this.resolved.clear();
      this.resolved.set(accessKeyId, { bytes: entry.value, key });
      return key;
    }
    if (this.profile === 'secure') return undefined;
    // LocalStack's convention: a 12-digit access key id names the account, so a second account
    // for cross-account exercises is just AWS_ACCESS_KEY_ID=111122223333.
    const account = /^\d{12}$/.test(accessKeyId) ? accessKeyId : this.defaultAccount;
    return { principal: rootPrincipal(account, accessKeyId, true), secretAccessKey: undefined };
  }

  /** Keys Warden issued are always enforced, in both profiles: deleted or Inactive → refused. */
  private fromStored(path: string, accessKeyId: string, rec: StoredAccessKey): ResolvedKey | undefined {
    if (rec.owner === 'session' && rec.deleted === true && rec.tokenHash !== undefined && rec.expiresMs !== undefined) {
      // A purged session: checkSessionToken answers expired (right token) or invalid, never null.
      return { principal: { type: 'AssumedRole', account: rec.account, arn: '', principalId: '', accessKeyId }, secretAccessKey: undefined, session: { tokenHash: rec.tokenHash, expiresMs: rec.expiresMs } };
    }
    if (rec.deleted === true || rec.secret === undefined || (rec.status ?? 'Active') !== 'Active') return undefined;
    const secret = Buffer.from(this.barrier.unseal(path, Buffer.from(rec.secret, 'base64'))).toString('utf8');
    if (rec.owner === 'root') return { principal: rootPrincipal(rec.account, accessKeyId), secretAccessKey: secret };
    if (rec.owner === 'session') {
      if (rec.principal === undefined || rec.tokenHash === undefined || rec.expiresMs === undefined) return undefined;
      return { principal: { ...rec.principal, accessKeyId }, secretAccessKey: secret, session: { tokenHash: rec.tokenHash, expiresMs: rec.expiresMs } };
    }
    if (rec.userName === undefined || rec.userId === undefined) return undefined;
    return { principal: userPrincipal({ account: rec.account, userName: rec.userName, userId: rec.userId, userPath: rec.userPath ?? '/' }, accessKeyId), secretAccessKey: secret };
  }
}

/** Issues a root access key for `account` (used by `warden init`); the secret is returned once. */
export async function createRootAccessKey(store: Store, barrier: SealingBarrier, account: string, nowMs: number): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const accessKeyId = accessKeyIdFor('AKIA', account);
  const secret = secretAccessKey();
  const path = accessKeyPath(accessKeyId);
  const sealed = Buffer.from(barrier.seal(path, Buffer.from(secret, 'utf8'))).toString('base64');
  const rec: StoredAccessKey = { v: 1, account, owner: 'root', createdMs: nowMs, secret: sealed };
  await store.write(async (tx) => {
    tx.put(path, encode(rec), 0);
    await registerAccount(tx, account, nowMs);
  });
  return { accessKeyId, secretAccessKey: secret };
}

// ---- temporary credentials, for STS ------------------------------------------------------------

export interface SessionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Issues temporary credentials acting as `principal` until `expiresMs`; the secret and the token
 * are returned once. The token is 256 random bytes in base64 (AWS's tokens are opaque and several
 * hundred characters long; "make no assumptions about the maximum size", API_AssumeRole).
 */
export function issueSessionCredentials(tx: WriteTx, barrier: SealingBarrier, principal: Omit<Principal, 'accessKeyId'>, nowMs: number, expiresMs: number): SessionCredentials {
  const accessKeyId = accessKeyIdFor('ASIA', principal.account);
  const secret = secretAccessKey();
  const sessionToken = randomBytes(256).toString('base64');
  const path = accessKeyPath(accessKeyId);
  const sealed = Buffer.from(barrier.seal(path, Buffer.from(secret, 'utf8'))).toString('base64');
  const rec: StoredAccessKey = { v: 1, account: principal.account, owner: 'session', createdMs: nowMs, secret: sealed, tokenHash: tokenHash(sessionToken), expiresMs, principal };
  tx.put(path, encode(rec), 0);
  return { accessKeyId, secretAccessKey: secret, sessionToken };
}

/**
 * Checks a request's X-Amz-Security-Token against its temporary credentials: `invalid` when it is
 * missing or not the session's, `expired` once the session has ended, null when fine (or when the
 * key is long-term).
 */
export function checkSessionToken(resolved: ResolvedKey, token: string | undefined, nowMs: number): 'invalid' | 'expired' | null {
  if (resolved.session === undefined) return null;
  if (token === undefined) return 'invalid';
  const given = Buffer.from(tokenHash(token), 'hex');
  if (!timingSafeEqual(given, Buffer.from(resolved.session.tokenHash, 'hex'))) return 'invalid';
  return nowMs >= resolved.session.expiresMs ? 'expired' : null;
}

/** How long after its expiry a session keeps its full row (then only a tombstone). */
export const SESSION_PURGE_AFTER_MS = 24 * 3600 * 1000;

/**
 * Replaces up to `limit` sessions that expired more than SESSION_PURGE_AFTER_MS ago by
 * tombstones, starting after the access key id `after`. Returns the last id looked at (the
 * cursor for the next page; undefined at the end) and how many were purged.
 */
export async function purgeExpiredSessions(tx: WriteTx, nowMs: number, after: string | undefined, limit: number): Promise<{ next: string | undefined; purged: number }> {
  const page = await tx.scan(ACCESS_KEY_PREFIX, { ...(after !== undefined ? { after: ACCESS_KEY_PREFIX + after } : {}), limit });
  let purged = 0;
  for (const e of page) {
    const rec = decodeKey(e.value);
    if (rec.owner !== 'session' || rec.deleted === true || rec.expiresMs === undefined || rec.tokenHash === undefined) continue;
    if (nowMs - rec.expiresMs < SESSION_PURGE_AFTER_MS) continue;
    const tombstone: StoredAccessKey = { v: 1, account: rec.account, owner: 'session', createdMs: rec.createdMs, deleted: true, tokenHash: rec.tokenHash, expiresMs: rec.expiresMs };
    tx.put(e.key, encode(tombstone), e.version);
    purged++;
  }
  const last = page.at(-1)?.key.slice(ACCESS_KEY_PREFIX.length);
  return { next: page.length < limit ? undefined : last, purged };
}

const EXPIRED_TOKEN = 'The security token included in the request is expired';

/** An expired session (aws-facts §5.5, §6.3): query ExpiredToken, JSON ExpiredTokenException, both 400. */
// unverified: the HTTP status (400) of query's ExpiredToken; the STS model gives ExpiredTokenException 400.
export function expiredTokenError(wire: 'json' | 'query' | 'rest-xml'): ProtocolError {
  return new ProtocolError(wire === 'json' ? 'ExpiredTokenException' : 'ExpiredToken', EXPIRED_TOKEN, 400);
}

// ---- IAM users' keys, for the IAM service -------------------------------------------------------

export interface KeyOwner {
  readonly account: string;
  readonly userName: string;
  readonly userId: string;
  readonly userPath: string;
}

/** CreateAccessKey: a new Active key for an IAM user, its secret sealed; the secret is returned once. */
export function issueUserAccessKey(tx: WriteTx, barrier: SealingBarrier, owner: KeyOwner, nowMs: number): { accessKeyId: string; secretAccessKey: string } {
  const accessKeyId = accessKeyIdFor('AKIA', owner.account);
  const secret = secretAccessKey();
  const path = accessKeyPath(accessKeyId);
  const sealed = Buffer.from(barrier.seal(path, Buffer.from(secret, 'utf8'))).toString('base64');
  const rec: StoredAccessKey = { v: 1, account: owner.account, owner: 'user', createdMs: nowMs, secret: sealed, status: 'Active', userName: owner.userName, userId: owner.userId, userPath: owner.userPath };
  tx.put(path, encode(rec), 0);
  return { accessKeyId, secretAccessKey: secret };
}

/** An IAM user's live key; undefined for root keys, deleted keys and ids Warden never issued. */
export async function readUserAccessKey(tx: ReadTx, accessKeyId: string): Promise<UserAccessKey | undefined> {
  const e = await tx.get(accessKeyPath(accessKeyId));
  if (e === undefined) return undefined;
  const r = decodeKey(e.value);
  if (r.deleted === true || r.owner !== 'user' || r.userName === undefined || r.userId === undefined) return undefined;
  return { accessKeyId, account: r.account, userName: r.userName, userId: r.userId, userPath: r.userPath ?? '/', status: r.status ?? 'Active', createdMs: r.createdMs };
}

/** UpdateAccessKey (status), UpdateUser (the owner's new name or path). */
export async function updateUserAccessKey(tx: WriteTx, accessKeyId: string, patch: { status?: AccessKeyStatus; userName?: string; userPath?: string }): Promise<void> {
  const path = accessKeyPath(accessKeyId);
  const e = await tx.get(path);
  if (e === undefined) return;
  tx.put(path, encode({ ...decodeKey(e.value), ...patch }));
}

/** DeleteAccessKey: the secret is dropped, the id kept as a tombstone. */
export async function deleteUserAccessKey(tx: WriteTx, accessKeyId: string): Promise<void> {
  const path = accessKeyPath(accessKeyId);
  const e = await tx.get(path);
  if (e === undefined) return;
  const { secret: _secret, ...rest } = decodeKey(e.value);
  tx.put(path, encode({ ...rest, deleted: true }));
  tx.delete(lastUsedPath(accessKeyId));
}

/**
 * GetAccessKeyInfo: the account of any key id Warden issued (live, inactive or deleted), else the
 * account the id encodes (as AWS answers for any id, known or not). The development profile's
 * `test` and 12-digit ids are shorter than the API's 16-character minimum and never get here.
 */
export async function accountOfAccessKey(tx: ReadTx, accessKeyId: string): Promise<string | undefined> {
  const e = await tx.get(accessKeyPath(accessKeyId));
  if (e !== undefined) return decodeKey(e.value).account;
  return accountEncodedIn(accessKeyId);
}

// ---- accounts ---------------------------------------------------------------------------------

/**
 * Accounts Warden was told about (`warden init`, `warden accounts create`):
 *   auth/global/global/account/<id>   AccountRecord
 * Any other 12-digit account still exists as soon as something is stored under it (the
 * development profile's 12-digit keys act as its root user); the record only marks that it was
 * created on purpose and when.
 */
export interface AccountRecord {
  readonly v: 1;
  readonly id: string;
  readonly createdMs: number;
}
const accountPath = (id: string) => `auth/global/global/account/${id}`;

export async function readAccount(tx: ReadTx, id: string): Promise<AccountRecord | undefined> {
  const e = await tx.get(accountPath(id));
  return e === undefined ? undefined : (JSON.parse(Buffer.from(e.value).toString('utf8')) as AccountRecord);
}

export class AccountExists extends Error {}

/**
 * `warden accounts create`: a new account (the given id, else a random 12-digit one) with a first
 * root access key, returned once. Refuses an account created before.
 */
export async function createAccount(store: Store, barrier: SealingBarrier, id: string | undefined, nowMs: number): Promise<{ account: string; accessKeyId: string; secretAccessKey: string }> {
  const account = id ?? String(100_000_000_000 + randomInt(900_000_000_000));
  if (!/^\d{12}$/.test(account)) throw new RangeError(`an account id is 12 digits, not ${JSON.stringify(account)}`);
  if ((await store.read((tx) => readAccount(tx, account))) !== undefined) throw new AccountExists(`account ${account} exists already`);
  const key = await createRootAccessKey(store, barrier, account, nowMs);
  return { account, ...key };
}

async function registerAccount(tx: WriteTx, id: string, nowMs: number): Promise<void> {
  if ((await tx.get(accountPath(id))) === undefined) tx.put(accountPath(id), encode({ v: 1, id, createdMs: nowMs } satisfies AccountRecord));
}

export async function readLastUse(tx: ReadTx, accessKeyId: string): Promise<LastUse | undefined> {
  const e = await tx.get(lastUsedPath(accessKeyId));
  return e === undefined ? undefined : (JSON.parse(Buffer.from(e.value).toString('utf8')) as LastUse);
}

/** GetAccountSummary's AccountAccessKeysPresent: the root user of `account` has a live key. */
export async function rootAccessKeysPresent(tx: ReadTx, account: string): Promise<boolean> {
  for (const e of await tx.scan(ACCESS_KEY_PREFIX)) {
    const r = decodeKey(e.value);
    if (r.owner === 'root' && r.account === account && r.deleted !== true) return true;
  }
  return false;
}

/**
 * Records when and where an IAM user's key was last used (GetAccessKeyLastUsed), best effort:
 * outside the request's transaction, at most once a minute per key, dropped on any failure.
 * The service is the authorized action's prefix.
 */
// Differs from AWS: key use is recorded from authorization decisions, so a request that authorizes nothing (sts:GetCallerIdentity) does not count as a use.
export class AccessKeyUsage {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly minIntervalMs = 60_000,
  ) {}

  note(p: Principal, action: string, region: string): void {
    // Temporary credentials have no last-used record (GetAccessKeyLastUsed is for long-term keys).
    if (p.type !== 'IAMUser' || p.sessionData !== undefined) return;
    const id = p.accessKeyId;
    const now = this.clock.now();
    const prev = this.last.get(id);
    if (prev !== undefined && now - prev < this.minIntervalMs) return;
    if (this.last.size >= 10_000) this.last.clear();
    this.last.set(id, now);
    const use: LastUse = { v: 1, lastUsedMs: now, service: action.slice(0, Math.max(0, action.indexOf(':'))), region };
    this.store
      .write(async (tx) => {
        const e = await tx.get(accessKeyPath(id));
        if (e !== undefined && decodeKey(e.value).deleted !== true) tx.put(lastUsedPath(id), encode(use));
      })
      .catch(() => this.last.delete(id));
  }
}

/** The authorizer, noting each decision's key use first. */
export function recordingKeyUse(inner: Authorizer, usage: AccessKeyUsage): Authorizer {
  return {
    decide(principal, request, env, tx) {
      usage.note(principal, request.action, env.requestedRegion);
      return inner.decide(principal, request, env, tx);
    },
  };
}
