/**
 * What STS's credential-issuing operations share: session durations, session policies and tags
 * (packed size), the principal a session acts as, and the CloudTrail response elements.
 * Sessions are stored by auth/credentials.ts (issueSessionCredentials). MFA codes are checked
 * against IAM's virtual MFA devices (services/iam/mfa.ts).
 */
import { deflateRawSync } from 'node:zlib';
import { issueSessionCredentials } from '../../auth/credentials.js';
import type { Ctx, JsonObject } from '../../core/operation.js';
import type { Principal, SessionPolicy } from '../../core/principal.js';
import { checkPolicy } from '../../iam/policy/validate.js';
import { defaultDocument, findManagedPolicy } from '../iam/managed.js';
import { checkSignInCode } from '../iam/mfa.js';
import { iamReader, iamState, type IamReader, type RoleRecord } from '../iam/state.js';
import { AccessDenied } from './errors.js';
import { MalformedPolicyDocumentException, PackedPolicyTooLargeException, type Credentials, type PolicyDescriptorType, type Tag } from './model.gen.js';

/** Credentials' Expiration and CloudTrail's creationDate have second precision. */
export const wholeSeconds = (ms: number): number => Math.floor(ms / 1000) * 1000;
import { isoSeconds } from '../../core/clock.js';
export { isoSeconds };

/**
 * "The plaintext that you use for both inline and managed session policies can't exceed 2,048
 * characters" (API_AssumeRole): the inline document's characters plus the ARNs'.
 */
const SESSION_POLICY_PLAINTEXT_LIMIT = 2048;
/**
 * STS packs the session policies and tags into a binary format with "a separate limit" and reports
 * the share used as PackedPolicySize (a percentage). The format and limit are not published.
 */
// Differs from AWS: PackedPolicySize is Warden's estimate — the deflated policy text, ARNs and tags against 2,048 bytes.
const PACKED_LIMIT_BYTES = 2048;

// unverified: the text of PackedPolicyTooLarge (AWS publishes only the code).
const packedTooLarge = (percent: number): PackedPolicyTooLargeException =>
  new PackedPolicyTooLargeException(`Packed policy consumes ${percent}% of allotted space, please use smaller policy.`);

/** The inline Policy and the PolicyArns, checked and resolved to documents now. */
export async function sessionPolicies(iam: IamReader, policy: string | undefined, arns: readonly PolicyDescriptorType[] | undefined): Promise<SessionPolicy[]> {
  const out: SessionPolicy[] = [];
  let plaintext = 0;
  if (policy !== undefined) {
    const r = checkPolicy(policy, 'session', { skipSizeLimit: true });
    if (!r.ok) throw new MalformedPolicyDocumentException(r.problems[0]!.message);
    plaintext += policy.replace(/\s+/g, '').length;
    out.push({ id: 'session policy', document: policy });
  }
  for (const { arn } of arns ?? []) {
    if (arn === undefined) continue;
    plaintext += arn.length;
    const p = await findManagedPolicy(iam, arn);
    const document = p === undefined ? undefined : defaultDocument(p);
    // Differs from AWS: a PolicyArns entry naming no policy is accepted and grants nothing (AWS's answer is not documented).
    out.push({ id: arn, document: document ?? '{"Version":"2012-10-17","Statement":[]}' });
  }
  if (plaintext > SESSION_POLICY_PLAINTEXT_LIMIT) throw packedTooLarge(Math.ceil((plaintext * 100) / SESSION_POLICY_PLAINTEXT_LIMIT));
  return out;
}

/** PackedPolicySize for the request's policies and tags, or undefined when it passed neither. */
export function packedPolicySize(policy: string | undefined, arns: readonly PolicyDescriptorType[] | undefined, tags: readonly Tag[] | undefined): number | undefined {
  if (policy === undefined && (arns ?? []).length === 0 && (tags ?? []).length === 0) return undefined;
  const text = JSON.stringify([policy === undefined ? '' : JSON.stringify(JSON.parse(policy)), (arns ?? []).map((a) => a.arn ?? ''), (tags ?? []).map((t) => [t.Key, t.Value])]);
  const percent = Math.max(1, Math.ceil((deflateRawSync(Buffer.from(text, 'utf8')).length * 100) / PACKED_LIMIT_BYTES));
  if (percent > 100) throw packedTooLarge(percent);
  return percent;
}

/** The condition keys of passing session tags (IAM UG, id_session-tags: aws:RequestTag, aws:TagKeys, sts:TransitiveTagKeys). */
export function tagConditions(tags: readonly Tag[] | undefined, transitive: readonly string[] | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (tags === undefined || tags.length === 0) return out;
  for (const t of tags) out[`aws:RequestTag/${t.Key}`] = t.Value;
  out['aws:TagKeys'] = tags.map((t) => t.Key);
  if (transitive !== undefined && transitive.length > 0) out['sts:TransitiveTagKeys'] = [...transitive];
  return out;
}

/**
 * Issues a session of `seconds` from now (counted from the whole second): the principal is built
 * for that start and expiry, stored with new credentials, and the response's Credentials returned.
 */
export function issueSession(ctx: Ctx, seconds: number, principal: (now: number, expiresMs: number) => Omit<Principal, 'accessKeyId'>): Credentials {
  const now = ctx.clock.now();
  const expiresMs = wholeSeconds(now) + seconds * 1000;
  const c = issueSessionCredentials(ctx.tx, ctx.barrier, principal(now, expiresMs), now, expiresMs);
  return { AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: new Date(expiresMs) };
}

/** The identity of a role session named `sessionName` (AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity). */
export function roleSessionIdentity(role: RoleRecord, sessionName: string): Pick<Principal, 'type' | 'account' | 'arn' | 'principalId' | 'sessionIssuer'> {
  const account = role.arn.split(':')[4]!;
  return {
    type: 'AssumedRole',
    account,
    arn: `arn:aws:sts::${account}:assumed-role/${role.name}/${sessionName}`,
    principalId: `${role.id}:${sessionName}`,
    sessionIssuer: { type: 'Role', principalId: role.id, arn: role.arn, account, userName: role.name },
  };
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[^/]+\/)*([\w+=,.@-]+)$/;

/** The role a RoleArn names, or undefined (also for a malformed ARN). */
export async function findRole(ctx: Ctx, arn: string): Promise<RoleRecord | undefined> {
  const m = ROLE_ARN.exec(arn);
  if (m === null) return undefined;
  const role = await iamReader(ctx.tx, m[1]!).get('role', m[2]!);
  // The path is part of the ARN: another path names another (absent) role.
  return role !== undefined && role.arn === arn ? role : undefined;
}

/** The default role session, one hour, for all three ways of assuming a role. */
export const DEFAULT_ROLE_DURATION = 3600;
// AWS's text, as users report it (kreuzwerker/awsu#27, aws-azure-login#93).
export const OVER_ROLE_MAX = 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.';

/** Whether the caller itself acts through temporary credentials of a role (role chaining). */
export const isRoleSession = (p: Principal): boolean => p.type === 'AssumedRole';

/**
 * CloudTrail's responseElements for issued credentials: the access key id and expiry, never the
 * secret; Warden also leaves out the session token, which its audit readers must not be able to use.
 */
// Differs from AWS: CloudTrail's AssumeRole/GetSessionToken events carry credentials.sessionToken; Warden's never do.
export function credentialsElement(c: Credentials | undefined): JsonObject | null {
  if (c === undefined) return null;
  return { accessKeyId: c.AccessKeyId, expiration: cloudTrailDate(c.Expiration) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** CloudTrail writes credentials' expiration as "Mar 28, 2020 3:16:06 PM" (UTC) in STS events. */
// unverified: the date format, taken from the IAM UG's CloudTrail examples as remembered.
export function cloudTrailDate(d: Date): string {
  const h = d.getUTCHours();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

// ---- MFA (SerialNumber + TokenCode) --------------------------------------------------------------

/** Real responses quoted in user reports (aws/aws-cli#6325, 99designs/aws-vault#676; two spaces after "code."). */
export const MFA_FAILED = 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.';
/** AssumeRole with a wrong or reused code (aws/aws-cli#2279, hashicorp/terraform-provider-aws#3885). */
const MFA_BAD_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';
/** Only one of SerialNumber and TokenCode (y13i/sgviz#9). */
const MFA_BOTH = 'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.';

/**
 * Checks the request's MFA code against the caller's virtual MFA device: undefined when the request
 * carries none, the time of the check when it is right, AccessDenied with AWS's text otherwise.
 * GetSessionToken answers every failure with MFA_FAILED; AssumeRole tells a wrong code apart.
 */
export async function verifyMfa(ctx: Ctx, input: { SerialNumber?: string; TokenCode?: string }, operation: 'GetSessionToken' | 'AssumeRole'): Promise<number | undefined> {
  if (input.SerialNumber === undefined && input.TokenCode === undefined) return undefined;
  if (input.SerialNumber === undefined || input.TokenCode === undefined) throw new AccessDenied(MFA_BOTH);
  const caller = ctx.principal;
  const userName = caller.type === 'IAMUser' ? caller.userName : undefined;
  const r = await checkSignInCode(ctx, iamState(ctx.tx, caller.account), userName, input.SerialNumber, input.TokenCode);
  if (r.ok) return r.authenticatedMs;
  throw new AccessDenied(operation === 'AssumeRole' && r.reason === 'bad-code' ? MFA_BAD_CODE : MFA_FAILED);
}

/** The global keys a request with a good MFA code is evaluated with (the caller's credentials are long-term or carry none). */
export const MFA_CONDITIONS = { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '0' } as const;
