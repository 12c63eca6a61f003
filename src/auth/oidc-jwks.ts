/**
 * The keys that sign an OIDC issuer's tokens (its JWKS), for STS AssumeRoleWithWebIdentity.
 *
 * AWS fetches them from the issuer (`<iss>/.well-known/openid-configuration` → `jwks_uri`).
 * Warden cannot reach the internet and must not, so an issuer's JWKS is registered with Warden
 * instead, once per issuer and for every account:
 *
 *   auth/global/global/oidc-jwks/<base64url(iss)>   StoredJwks
 *
 * by `warden oidc set-jwks --issuer URL --jwks FILE` (through the development profile's
 * `PUT /_warden/oidc-jwks?issuer=URL`, or offline into `--data-dir`). Only public keys are
 * accepted; they are not secret and are stored as given.
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { ReadTx, WriteTx } from '../store/store.js';

export interface StoredJwks {
  readonly v: 1;
  readonly issuer: string;
  readonly keys: readonly JsonWebKey[];
  readonly updatedMs: number;
}

const path = (issuer: string) => `auth/global/global/oidc-jwks/${Buffer.from(issuer, 'utf8').toString('base64url')}`;

export class JwksError extends Error {}

/** Checks a JWKS document: `{"keys": [...]}` of public RSA or EC keys Node can import. */
export function parseJwks(text: string): JsonWebKey[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new JwksError('the JWKS is not JSON');
  }
  const keys = (doc as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new JwksError('a JWKS is {"keys": [ … ]} with at least one key');
  for (const k of keys as JsonWebKey[]) {
    if (typeof k !== 'object' || k === null || (k.kty !== 'RSA' && k.kty !== 'EC')) throw new JwksError('each key must be an RSA or EC JWK');
    if (k.d !== undefined) throw new JwksError('the JWKS holds a private key; register only the public keys');
    try {
      createPublicKey({ key: k, format: 'jwk' });
    } catch (e) {
      throw new JwksError(`a key could not be read: ${(e as Error).message}`);
    }
  }
  return keys as JsonWebKey[];
}

/** `iss` exactly as tokens carry it (an https URL). */
export function checkIssuer(issuer: string): void {
  let u: URL;
  try {
    u = new URL(issuer);
  } catch {
    throw new JwksError(`the issuer ${JSON.stringify(issuer)} is not a URL`);
  }
  if (u.protocol !== 'https:') throw new JwksError('an OIDC issuer is an https:// URL');
}

export function putJwks(tx: WriteTx, issuer: string, keys: readonly JsonWebKey[], nowMs: number): void {
  const rec: StoredJwks = { v: 1, issuer, keys, updatedMs: nowMs };
  tx.put(path(issuer), Buffer.from(JSON.stringify(rec), 'utf8'));
}

/** The issuer's keys (with their `kid`, `alg` and `use` as registered), or undefined when none were registered. */
export async function readJwks(tx: ReadTx, issuer: string): Promise<{ jwk: JsonWebKey; key: KeyObject }[] | undefined> {
  const e = await tx.get(path(issuer));
  if (e === undefined) return undefined;
  const rec = JSON.parse(Buffer.from(e.value).toString('utf8')) as StoredJwks;
  return rec.keys.map((jwk) => ({ jwk, key: createPublicKey({ key: jwk, format: 'jwk' }) }));
}
