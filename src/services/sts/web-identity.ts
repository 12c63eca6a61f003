/**
 * OIDC ID tokens for AssumeRoleWithWebIdentity: a compact JWS (RFC 7515) whose signature is
 * checked against the issuer's registered JWKS (auth/oidc-jwks.ts), then the claims STS checks
 * (IAM UG, id_roles_providers_oidc and id_roles_providers_create_oidc): `iss` names an OIDC
 * provider of the role's account, `aud` one of its client ids, `exp` not passed, `nbf` reached.
 *
 * Messages: "No OpenIDConnect provider found in your account for <iss>" and "Incorrect token
 * audience" as AWS sends them (user reports: kubernetes-sigs/aws-load-balancer-controller#2315,
 * awslabs/amazon-eks-irsa-cfn#18); the others are marked unverified.
 */
import { verify as verifySignature, type JsonWebKey, type KeyObject } from 'node:crypto';
import { ExpiredTokenException, IDPCommunicationErrorException, InvalidIdentityTokenException } from './model.gen.js';

export interface JwtClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string | readonly string[];
  readonly exp?: number;
  readonly nbf?: number;
  readonly iat?: number;
  readonly amr?: string | readonly string[];
  readonly azp?: string;
  readonly [claim: string]: unknown;
}

interface Header {
  readonly alg?: string;
  readonly kid?: string;
  readonly typ?: string;
}

/** The JWS algorithms STS accepts for OIDC ID tokens, with Node's digest and signature encoding. */
const ALGORITHMS: Readonly<Record<string, { digest: string; kty: 'RSA' | 'EC'; dsa?: 'ieee-p1363' }>> = {
  RS256: { digest: 'sha256', kty: 'RSA' },
  RS384: { digest: 'sha384', kty: 'RSA' },
  RS512: { digest: 'sha512', kty: 'RSA' },
  ES256: { digest: 'sha256', kty: 'EC', dsa: 'ieee-p1363' },
  ES384: { digest: 'sha384', kty: 'EC', dsa: 'ieee-p1363' },
  ES512: { digest: 'sha512', kty: 'EC', dsa: 'ieee-p1363' },
};

// unverified: AWS's text for a token that is not a JWT, as users report it.
export const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';
export const noProvider = (iss: string): InvalidIdentityTokenException => new InvalidIdentityTokenException(`No OpenIDConnect provider found in your account for ${iss}`);
export const INCORRECT_AUDIENCE = 'Incorrect token audience';
// unverified: the texts of a bad signature, a token used before nbf, and an expired token.
const BAD_SIGNATURE = 'Signature validation failed';
const NOT_YET_VALID = 'Token is not yet valid';
const expired = (nowS: number, exp: number) => new ExpiredTokenException(`Token expired: current date/time ${nowS} must be before the expiration date/time ${exp}`);
// unverified: the text when STS cannot get the issuer's keys (here: no JWKS registered for it).
const NO_KEYS = "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

function json(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The token's header and claims, unverified yet; throws InvalidIdentityToken when it is no JWT with iss, sub and aud. */
export function decodeJwt(token: string): { header: Header; claims: JwtClaims; signingInput: string; signature: Buffer } {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new InvalidIdentityTokenException(NOT_A_JWT);
  const header = json(parts[0]!) as Header | undefined;
  const claims = json(parts[1]!) as JwtClaims | undefined;
  if (typeof header !== 'object' || header === null || typeof claims !== 'object' || claims === null) throw new InvalidIdentityTokenException(NOT_A_JWT);
  const audOk = typeof claims.aud === 'string' || (Array.isArray(claims.aud) && claims.aud.every((a) => typeof a === 'string'));
  if (typeof claims.iss !== 'string' || typeof claims.sub !== 'string' || !audOk) throw new InvalidIdentityTokenException(NOT_A_JWT);
  return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
}

/** Checks the signature against the issuer's keys (by `kid` when the token names one), then exp and nbf. */
export function verifyJwt(
  decoded: ReturnType<typeof decodeJwt>,
  keys: readonly { jwk: JsonWebKey; key: KeyObject }[] | undefined,
  nowMs: number,
): void {
  const { header, claims } = decoded;
  const alg = header.alg === undefined ? undefined : ALGORITHMS[header.alg];
  // "none" and HMAC algorithms are never accepted: a token must be signed with the issuer's key.
  if (alg === undefined) throw new InvalidIdentityTokenException(BAD_SIGNATURE);
  if (keys === undefined || keys.length === 0) throw new IDPCommunicationErrorException(NO_KEYS);
  const candidates = keys.filter((k) => k.jwk.kty === alg.kty && (header.kid === undefined || k.jwk.kid === header.kid) && (k.jwk.alg === undefined || k.jwk.alg === header.alg));
  const ok = candidates.some((k) => {
    try {
      return verifySignature(alg.digest, Buffer.from(decoded.signingInput, 'ascii'), alg.dsa !== undefined ? { key: k.key, dsaEncoding: alg.dsa } : k.key, decoded.signature);
    } catch {
      return false;
    }
  });
  if (!ok) throw new InvalidIdentityTokenException(BAD_SIGNATURE);
  const nowS = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== 'number') throw new InvalidIdentityTokenException(NOT_A_JWT);
  if (nowS >= claims.exp) throw expired(nowS, claims.exp);
  if (typeof claims.nbf === 'number' && nowS < claims.nbf) throw new InvalidIdentityTokenException(NOT_YET_VALID);
}

/** The token's audience that is one of the provider's client ids (aud may be a list), or undefined. */
export function matchingAudience(claims: JwtClaims, clientIds: readonly string[]): string | undefined {
  const auds = typeof claims.aud === 'string' ? [claims.aud] : claims.aud;
  return auds.find((a) => clientIds.includes(a));
}
