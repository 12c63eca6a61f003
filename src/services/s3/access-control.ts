/**
 * Bucket access control beside the bucket policy: S3 Object Ownership (about-object-ownership.html)
 * and Block Public Access (access-control-block-public-access.html).
 *
 * ACLs: Warden stores none and evaluates none; permissions come from IAM and bucket policies only.
 * With BucketOwnerEnforced (the default of new buckets) that is exactly AWS's behaviour: a request
 * setting any ACL but the owner's full control fails with AccessControlListNotSupported, and reading
 * an ACL shows the owner's FULL_CONTROL. // Differs from AWS: on buckets with ACLs enabled
 * (ObjectWriter, BucketOwnerPreferred, or no ownership controls) an ACL a request sets is checked
 * (Block Public Access) but not kept, so it grants nothing; IgnorePublicAcls has nothing to ignore.
 */
import type { ConditionValue } from '../../core/operation.js';
import { isPublic, withoutPublicStatements } from '../../iam/policy/public.js';
import { AccessControlListNotSupported, AccessDenied, InvalidArgument, MalformedXML, MESSAGES } from './errors.js';
import type { Grant, ObjectOwnership, Owner, PublicAccessBlockConfiguration } from './model.gen.js';
import { canonicalUserId } from './names.js';
import type { BucketRecord } from './state.js';

export const OWNERSHIPS: readonly ObjectOwnership[] = ['BucketOwnerPreferred', 'ObjectWriter', 'BucketOwnerEnforced'];
/** S3's default for new buckets since April 2023 (create-bucket-overview.html, Object Ownership). */
export const DEFAULT_OWNERSHIP: ObjectOwnership = 'BucketOwnerEnforced';

/** The ACL a write request carries: a canned ACL (x-amz-acl) and explicit grants (x-amz-grant-*). */
export interface AclRequest {
  readonly ACL?: string;
  readonly GrantFullControl?: string;
  readonly GrantRead?: string;
  readonly GrantReadACP?: string;
  readonly GrantWrite?: string;
  readonly GrantWriteACP?: string;
}

const GRANT_MEMBERS = ['GrantFullControl', 'GrantRead', 'GrantReadACP', 'GrantWrite', 'GrantWriteACP'] as const;

/** Canned ACLs that keep a resource to its owner (acl-overview.html, Canned ACL). */
const OWNER_ONLY = new Set(['private', 'bucket-owner-full-control']);
/** Canned ACLs that grant AllUsers or AuthenticatedUsers: public (access-control-block-public-access.html, "The meaning of public"). */
const PUBLIC_CANNED = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const PUBLIC_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/i;

const grantsOf = (r: AclRequest): string[] => GRANT_MEMBERS.map((m) => r[m]).filter((v): v is string => v !== undefined && v !== '');

export const setsAcl = (r: AclRequest): boolean => (r.ACL !== undefined && r.ACL !== '') || grantsOf(r).length > 0;

/** Whether the request's ACL grants public access. */
export const isPublicAcl = (r: AclRequest): boolean => (r.ACL !== undefined && PUBLIC_CANNED.has(r.ACL)) || grantsOf(r).some((g) => PUBLIC_GROUPS.test(g));

/** Whether the ACL leaves the resource to the bucket owner alone: no ACL, a private canned ACL, or full control to the owner only. */
export function ownerOnlyAcl(r: AclRequest, ownerCanonicalId: string): boolean {
  if (r.ACL !== undefined && r.ACL !== '' && !OWNER_ONLY.has(r.ACL)) return false;
  for (const m of GRANT_MEMBERS) {
    const v = r[m];
    if (v === undefined || v === '') continue;
    if (m !== 'GrantFullControl') return false;
    const grantees = v.split(',').map((g) => g.trim().replace(/\s*=\s*/, '=').replace(/"/g, ''));
    if (!grantees.every((g) => g.toLowerCase() === `id=${ownerCanonicalId}`)) return false;
  }
  return true;
}

/** The bucket's ownership setting as S3 applies it: absent controls behave as ObjectWriter. */
export const effectiveOwnership = (b: BucketRecord): ObjectOwnership => b.ownership ?? 'ObjectWriter';

/** The Block Public Access settings in force for a bucket (bucket level; Warden has no account-level settings yet). */
export function effectiveBlock(b: BucketRecord): Required<PublicAccessBlockConfiguration> {
  const c = b.publicAccessBlock ?? {};
  return {
    BlockPublicAcls: c.BlockPublicAcls === true,
    IgnorePublicAcls: c.IgnorePublicAcls === true,
    BlockPublicPolicy: c.BlockPublicPolicy === true,
    RestrictPublicBuckets: c.RestrictPublicBuckets === true,
  };
}

/**
 * The check of an object write that may set an ACL (PutObject, CopyObject, CreateMultipartUpload):
 * ACLs disabled → AccessControlListNotSupported unless owner-only; BlockPublicAcls → AccessDenied
 * for a public ACL (PublicAccessBlockConfiguration, BlockPublicAcls: "PUT Object calls fail if the
 * request includes a public ACL").
 */
export function assertObjectAcl(bucket: BucketRecord, r: AclRequest, ownerCanonicalId: string): void {
  if (!setsAcl(r)) return;
  if (effectiveOwnership(bucket) === 'BucketOwnerEnforced') {
    if (!ownerOnlyAcl(r, ownerCanonicalId)) throw new AccessControlListNotSupported(MESSAGES.aclNotSupported);
    return;
  }
  if (effectiveBlock(bucket).BlockPublicAcls && isPublicAcl(r)) throw new AccessDenied(MESSAGES.accessDenied); // unverified: S3's text here
}

/** The condition keys of a request's ACL headers (list_amazons3: s3:x-amz-acl, s3:x-amz-grant-*). */
export function aclConditions(r: AclRequest): Record<string, ConditionValue> {
  const c: Record<string, ConditionValue> = {};
  if (r.ACL !== undefined) c['s3:x-amz-acl'] = r.ACL;
  const keys: Record<(typeof GRANT_MEMBERS)[number], string> = {
    GrantFullControl: 's3:x-amz-grant-full-control', GrantRead: 's3:x-amz-grant-read', GrantReadACP: 's3:x-amz-grant-read-acp', GrantWrite: 's3:x-amz-grant-write', GrantWriteACP: 's3:x-amz-grant-write-acp',
  };
  for (const m of GRANT_MEMBERS) if (r[m] !== undefined) c[keys[m]] = r[m];
  return c;
}

/** An x-amz-object-ownership value or a rule's ObjectOwnership S3 does not know. */
export function assertOwnership(v: string | undefined, where: 'header' | 'body'): asserts v is ObjectOwnership {
  if (v !== undefined && (OWNERSHIPS as readonly string[]).includes(v)) return;
  if (where === 'body') throw new MalformedXML(MESSAGES.malformedXml);
  // unverified: S3's text for an unknown x-amz-object-ownership.
  throw new InvalidArgument(`Invalid x-amz-object-ownership header: ${v ?? ''}`, { ArgumentName: 'x-amz-object-ownership', ArgumentValue: v ?? '' });
}

/** The bucket policy as a caller meets it: RestrictPublicBuckets strips public statements for callers outside the owner's account. */
export function policyFor(bucket: BucketRecord, callerAccount: string): string | undefined {
  if (bucket.policy === undefined) return undefined;
  if (callerAccount === bucket.account || !effectiveBlock(bucket).RestrictPublicBuckets) return bucket.policy;
  return isPublic(bucket.policy) ? withoutPublicStatements(bucket.policy) : bucket.policy;
}

/**
 * The ACL S3 shows when ACLs are disabled: the owner's FULL_CONTROL (object-ownership-error-responses.html:
 * "Requests to read ACLs always return a response that shows full control for the bucket owner").
 */
export function ownerAcl(account: string): { Owner: Owner; Grants: Grant[] } {
  const id = canonicalUserId(account);
  return { Owner: { ID: id }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: id }, Permission: 'FULL_CONTROL' }] };
}
