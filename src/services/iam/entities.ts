/**
 * Finding users, groups, roles and managed policies for an operation: authorize on the entity's
 * ARN first (as AWS does: a caller without permission learns nothing, not even that a name is
 * free), then answer NoSuchEntity with AWS's text when it is not there.
 */
import type { AwsError } from '../../core/errors.js';
import type { ConditionValue, Ctx } from '../../core/operation.js';
import { entityArn, parsePolicyArn } from './arns.js';
import {
  boundaryNotAttachable,
  invalidBoundaryArn,
  invalidPolicyArn,
  noSuchEntity,
  policyNotAttachable,
  policyNotFound,
  userNameRequired,
  type EntityKind,
} from './errors.js';
import { findManagedPolicy, type ManagedPolicy } from './managed.js';
import type { IamReader, Records } from './state.js';
import { resourceTagConditions } from './tags.js';

type Conditions = Readonly<Record<string, ConditionValue>>;

/** Authorizes `action` on the named entity (its ARN with its path when it exists), then requires it. */
export async function authorizedEntity<K extends EntityKind>(
  ctx: Ctx,
  s: IamReader,
  kind: K,
  name: string,
  action: string,
  conditions: Conditions = {},
): Promise<Records[K]> {
  const rec = await s.get(kind, name);
  const arn = rec?.arn ?? entityArn(ctx.account, kind, '/', name);
  const tags = rec !== undefined && 'tags' in rec ? resourceTagConditions(rec.tags) : {};
  await ctx.authorize({ action, resource: arn, conditions: { ...tags, ...conditions } });
  if (rec === undefined) throw noSuchEntity(kind, name);
  return rec;
}

/** The entity, or NoSuchEntity (for the second entity of an operation, already authorized). */
export async function requireEntity<K extends EntityKind>(s: IamReader, kind: K, name: string): Promise<Records[K]> {
  const rec = await s.get(kind, name);
  if (rec === undefined) throw noSuchEntity(kind, name);
  return rec;
}

/**
 * The user an access-key operation is about: UserName, else the calling IAM user (API reference:
 * "If you do not specify a user name, IAM determines the user name implicitly based on the AWS
 * access key ID signing the request"). Other callers must name one (recorded: ValidationError).
 */
// Differs from AWS: the root user calling access-key operations without UserName manages its own root keys on AWS; Warden answers ValidationError (root keys come from `warden init`).
export function accessKeyUserName(ctx: Ctx, userName: string | undefined): string {
  if (userName !== undefined) return userName;
  if (ctx.principal.type === 'IAMUser' && ctx.principal.userName !== undefined) return ctx.principal.userName;
  throw userNameRequired();
}

/** A PolicyArn to attach: ValidationError when it is no policy ARN, NoSuchEntity when absent. */
export async function attachablePolicy(s: IamReader, arn: string): Promise<ManagedPolicy> {
  if (parsePolicyArn(arn) === undefined) throw invalidPolicyArn(arn);
  const p = await findManagedPolicy(s, arn);
  if (p === undefined) throw policyNotAttachable(arn);
  return p;
}

/** A PermissionsBoundary: InvalidInput when it is no policy ARN, NoSuchEntity ("Scope ARN: …") when absent. */
export async function boundaryPolicy(s: IamReader, arn: string): Promise<ManagedPolicy> {
  if (parsePolicyArn(arn) === undefined) throw invalidBoundaryArn(arn);
  const p = await findManagedPolicy(s, arn);
  if (p === undefined) throw boundaryNotAttachable(arn);
  return p;
}

/** Authorizes `action` on a managed policy's ARN, then requires it ("Policy … was not found."). */
export async function authorizedPolicy(
  ctx: Ctx,
  s: IamReader,
  arn: string,
  action: string,
  notFound: (arn: string) => AwsError = policyNotFound,
  conditions: Conditions = {},
): Promise<ManagedPolicy> {
  const parsed = parsePolicyArn(arn);
  const p = parsed === undefined ? undefined : await findManagedPolicy(s, arn);
  const tags = p !== undefined ? resourceTagConditions(p.tags) : {};
  await ctx.authorize({ action, resource: arn, conditions: { ...tags, ...conditions } });
  if (parsed === undefined) throw invalidPolicyArn(arn);
  if (p === undefined) throw notFound(arn);
  return p;
}
