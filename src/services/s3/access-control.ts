/**
 * Bucket access control beside the bucket policy: S3 Object Ownership (about-object-ownership.html)
 * and Block Public Access (access-control-block-public-access.html).
 *
 * ACLs: Warden evaluates none; permissions come from IAM and bucket policies only. With
 * BucketOwnerEnforced (the default of new buckets) that is exactly AWS's behaviour: a request
 * setting any ACL but the owner's full control fails with AccessControlListNotSupported, and reading
 * an ACL shows the owner's FULL_CONTROL. // Differs from AWS: on buckets with ACLs enabled
 * (ObjectWriter, BucketOwnerPreferred, or no ownership controls) an ACL a request sets is checked
 * (Block Public Access), kept and shown by Get*Acl, but grants nothing; so IgnorePublicAcls has
 * nothing to ignore. ACLs of CreateMultipartUpload are checked, not kept.
 */
import type { ConditionValue } from '../../core/operation.js';
import { isPublic, withoutPublicStatements } from '../../iam/policy/public.js';
import type { ReadTx } from '../../store/store.js';
import { accountBlock } from './account-block.js';
import { AccessControlListNotSupported, AccessDenied, InvalidArgument, InvalidRequest, MalformedACLError, MalformedXML, MESSAGES } from './errors.js';
import type { AccessControlPolicy, Grant, Grantee, ObjectOwnership, Owner, Permission, PublicAccessBlockConfiguration } from './model.gen.js';
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

/**
 * The Block Public Access settings in force for a bucket: each setting is on when the bucket's own
 * or its owner account's (S3 Control) has it on — "the most restrictive combination"
 * (access-control-block-public-access.html).
 */
export function effectiveBlock(b: BucketRecord, account?: PublicAccessBlockConfiguration): Required<PublicAccessBlockConfiguration> {
  const c = b.publicAccessBlock ?? {};
  const a = account ?? {};
  return {
    BlockPublicAcls: c.BlockPublicAcls === true || a.BlockPublicAcls === true,
    IgnorePublicAcls: c.IgnorePublicAcls === true || a.IgnorePublicAcls === true,
    BlockPublicPolicy: c.BlockPublicPolicy === true || a.BlockPublicPolicy === true,
    RestrictPublicBuckets: c.RestrictPublicBuckets === true || a.RestrictPublicBuckets === true,
  };
}

/** effectiveBlock with the owner account's settings read from the store. */
export async function blockFor(tx: ReadTx, b: BucketRecord): Promise<Required<PublicAccessBlockConfiguration>> {
  return effectiveBlock(b, await accountBlock(tx, b.account));
}

/**
 * The check of an object write that may set an ACL (PutObject, CopyObject, CreateMultipartUpload):
 * ACLs disabled → AccessControlListNotSupported unless owner-only; BlockPublicAcls → AccessDenied
 * for a public ACL (PublicAccessBlockConfiguration, BlockPublicAcls: "PUT Object calls fail if the
 * request includes a public ACL").
 */
export async function objectAcl(tx: ReadTx, bucket: BucketRecord, r: AclRequest, writerAccount: string): Promise<Grant[] | undefined> {
  if (!setsAcl(r)) return undefined;
  const bucketOwnerId = canonicalUserId(bucket.account);
  if (effectiveOwnership(bucket) === 'BucketOwnerEnforced') {
    if (!ownerOnlyAcl(r, bucketOwnerId)) throw new AccessControlListNotSupported(MESSAGES.aclNotSupported);
    return undefined;
  }
  if (isPublicAcl(r) && (await blockFor(tx, bucket)).BlockPublicAcls) throw new AccessDenied(MESSAGES.accessDenied); // unverified: S3's text here
  // The writer owns the object under ObjectWriter (and BucketOwnerPreferred without bucket-owner-full-control).
  const ownerId = effectiveOwnership(bucket) === 'BucketOwnerPreferred' && r.ACL === 'bucket-owner-full-control' ? bucketOwnerId : canonicalUserId(writerAccount);
  const grants = requestGrants(r, ownerId, bucketOwnerId);
  return grants === undefined || ownerOnlyGrants(grants, bucketOwnerId) ? undefined : grants;
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

/**
 * The bucket policy as a caller meets it: RestrictPublicBuckets (the bucket's, or `account`: its
 * owner account's) strips public statements for callers outside the owner's account.
 */
export function policyFor(bucket: BucketRecord, callerAccount: string, account?: PublicAccessBlockConfiguration): string | undefined {
  if (bucket.policy === undefined) return undefined;
  if (callerAccount === bucket.account || !effectiveBlock(bucket, account).RestrictPublicBuckets) return bucket.policy;
  return isPublic(bucket.policy) ? withoutPublicStatements(bucket.policy) : bucket.policy;
}

/**
 * The ACL S3 shows when ACLs are disabled: the owner's FULL_CONTROL (object-ownership-error-responses.html:
 * "Requests to read ACLs always return a response that shows full control for the bucket owner").
 */
export function ownerAcl(account: string, kept?: readonly Grant[]): { Owner: Owner; Grants: Grant[] } {
  const id = canonicalUserId(account);
  return { Owner: { ID: id }, Grants: kept !== undefined ? kept.map((g) => ({ ...g, Grantee: { ...g.Grantee! } })) : [ownerGrant(id)] };
}

const ownerGrant = (id: string): Grant => ({ Grantee: { Type: 'CanonicalUser', ID: id }, Permission: 'FULL_CONTROL' });
const group = (name: string): Grantee => ({ Type: 'Group', URI: `http://acs.amazonaws.com/groups/${name}` });

/** The grants of a canned ACL (acl-overview.html, Canned ACL). */
function cannedGrants(acl: string, ownerId: string, bucketOwnerId: string): Grant[] {
  const own = ownerGrant(ownerId);
  switch (acl) {
    case 'private': return [own];
    case 'public-read': return [own, { Grantee: group('global/AllUsers'), Permission: 'READ' }];
    case 'public-read-write': return [own, { Grantee: group('global/AllUsers'), Permission: 'READ' }, { Grantee: group('global/AllUsers'), Permission: 'WRITE' }];
    case 'authenticated-read': return [own, { Grantee: group('global/AuthenticatedUsers'), Permission: 'READ' }];
    case 'bucket-owner-read': return ownerId === bucketOwnerId ? [own] : [own, { Grantee: { Type: 'CanonicalUser', ID: bucketOwnerId }, Permission: 'READ' }];
    case 'bucket-owner-full-control': return ownerId === bucketOwnerId ? [own] : [own, ownerGrant(bucketOwnerId)];
    case 'log-delivery-write': return [own, { Grantee: group('s3/LogDelivery'), Permission: 'WRITE' }, { Grantee: group('s3/LogDelivery'), Permission: 'READ_ACP' }];
    // unverified: aws-exec-read's EC2 grantee is not documented by id; shown as the owner's grant only.
    case 'aws-exec-read': return [own];
    default:
      // unverified: S3's text for an unknown canned ACL.
      throw new InvalidArgument(`Invalid canned ACL: ${acl}`, { ArgumentName: 'x-amz-acl', ArgumentValue: acl });
  }
}

const PERMISSION_OF: Readonly<Record<(typeof GRANT_MEMBERS)[number], Permission>> = {
  GrantFullControl: 'FULL_CONTROL', GrantRead: 'READ', GrantReadACP: 'READ_ACP', GrantWrite: 'WRITE', GrantWriteACP: 'WRITE_ACP',
};

/** `id="…", uri="…", emailAddress="…"` (API_PutObjectAcl, x-amz-grant-*). */
function headerGrantees(value: string, member: string): Grantee[] {
  return value.split(',').map((part) => {
    const m = /^\s*(id|uri|emailAddress)\s*=\s*"?([^"]*)"?\s*$/i.exec(part);
    // unverified: S3's text for a grantee it cannot read.
    if (m === null) throw new InvalidArgument('Argument format not recognized', { ArgumentName: member, ArgumentValue: value });
    const kind = m[1]!.toLowerCase();
    return kind === 'id' ? { Type: 'CanonicalUser', ID: m[2]! } : kind === 'uri' ? { Type: 'Group', URI: m[2]! } : { Type: 'AmazonCustomerByEmail', EmailAddress: m[2]! };
  });
}

/**
 * The grants a request sets: its canned ACL or its x-amz-grant-* headers (not both: InvalidRequest),
 * or undefined when it sets none. `ownerId` is the resource owner's canonical id.
 */
export function requestGrants(r: AclRequest, ownerId: string, bucketOwnerId: string): Grant[] | undefined {
  const grants = GRANT_MEMBERS.filter((m) => r[m] !== undefined && r[m] !== '');
  const canned = r.ACL !== undefined && r.ACL !== '';
  if (canned && grants.length > 0) throw new InvalidRequest('Specifying both Canned ACLs and Header Grants is not allowed'); // unverified
  if (canned) return cannedGrants(r.ACL!, ownerId, bucketOwnerId);
  if (grants.length === 0) return undefined;
  return grants.flatMap((m) => headerGrantees(r[m]!, m).map((Grantee) => ({ Grantee, Permission: PERMISSION_OF[m] })));
}

const PERMISSIONS = new Set<string>(['FULL_CONTROL', 'WRITE', 'WRITE_ACP', 'READ', 'READ_ACP']);
const GRANTEE_TYPES = new Set<string>(['CanonicalUser', 'AmazonCustomerByEmail', 'Group']);

/** The grants of an AccessControlPolicy body, checked as S3 checks them (MalformedACLError). */
export function bodyGrants(p: AccessControlPolicy): Grant[] {
  const out: Grant[] = [];
  for (const g of p.Grants ?? []) {
    const t = g.Grantee?.Type as string | undefined;
    const ok = g.Grantee !== undefined && t !== undefined && GRANTEE_TYPES.has(t) && g.Permission !== undefined && PERMISSIONS.has(g.Permission) &&
      (t === 'CanonicalUser' ? g.Grantee.ID !== undefined : t === 'Group' ? g.Grantee.URI !== undefined : g.Grantee.EmailAddress !== undefined);
    if (!ok) throw new MalformedACLError(MESSAGES.malformedAcl);
    out.push({ Grantee: { ...g.Grantee! }, Permission: g.Permission! });
  }
  return out;
}

/** Whether grants leave the resource to `ownerId` alone. */
export const ownerOnlyGrants = (grants: readonly Grant[], ownerId: string): boolean =>
  grants.every((g) => g.Permission === 'FULL_CONTROL' && g.Grantee?.Type === 'CanonicalUser' && g.Grantee.ID === ownerId);

/** Whether grants give AllUsers or AuthenticatedUsers anything. */
export const publicGrants = (grants: readonly Grant[]): boolean => grants.some((g) => g.Grantee?.URI !== undefined && PUBLIC_GROUPS.test(g.Grantee.URI));

/**
 * The ACL a PutBucketAcl / PutObjectAcl sets, checked against the bucket's settings: grants to keep,
 * or undefined for the default (the owner's FULL_CONTROL).
 */
export async function aclToSet(tx: ReadTx, bucket: BucketRecord, grants: Grant[]): Promise<Grant[] | undefined> {
  const ownerId = canonicalUserId(bucket.account);
  if (effectiveOwnership(bucket) === 'BucketOwnerEnforced') {
    if (!ownerOnlyGrants(grants, ownerId)) throw new AccessControlListNotSupported(MESSAGES.aclNotSupported);
    return undefined;
  }
  if (publicGrants(grants) && (await blockFor(tx, bucket)).BlockPublicAcls) throw new AccessDenied(MESSAGES.accessDenied); // unverified: S3's text here
  return ownerOnlyGrants(grants, ownerId) ? undefined : grants;
}
