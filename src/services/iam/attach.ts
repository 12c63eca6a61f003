/**
 * Managed policies attached to users, groups and roles, and permissions boundaries of users and
 * roles: one implementation for each kind. Quotas (IAM UG, reference_iam-quotas): 10 managed
 * policies per user, group and role (the adjustable default). Attaching a policy that is already
 * attached changes nothing.
 */
import type { Ctx } from '../../core/operation.js';
import { attachablePolicy, authorizedEntity, boundaryPolicy } from './entities.js';
import { policyNotFound, quota, type EntityKind } from './errors.js';
import { updateUsage, withUsage, type UsageField } from './managed.js';
import { pageFields, paginate, sortByKey, type PageInput } from './paging.js';
import { parsePolicyArn } from './arns.js';
import type { AttachedPolicy } from './model.gen.js';
import { iamState, type Records } from './state.js';

const TITLE: Readonly<Record<EntityKind, string>> = { user: 'User', group: 'Group', role: 'Role' };
const FIELD: Readonly<Record<EntityKind, UsageField>> = { user: 'users', group: 'groups', role: 'roles' };
const BOUNDARY_FIELD: Readonly<Record<'user' | 'role', UsageField>> = { user: 'boundaryUsers', role: 'boundaryRoles' };
const MAX_ATTACHED = 10;

export const attachAction = (verb: 'Attach' | 'Detach', kind: EntityKind): string => `iam:${verb}${TITLE[kind]}Policy`;
export const listAttachedAction = (kind: EntityKind): string => `iam:ListAttached${TITLE[kind]}Policies`;
export const boundaryAction = (verb: 'Put' | 'Delete', kind: 'user' | 'role'): string => `iam:${verb}${TITLE[kind]}PermissionsBoundary`;

function withAttached<K extends EntityKind>(rec: Records[K], attached: string[]): Records[K] {
  return { ...rec, attached };
}

export async function attachPolicy(ctx: Ctx, kind: EntityKind, entity: string, arn: string): Promise<Record<string, never>> {
  const s = iamState(ctx.tx, ctx.account);
  const rec = await authorizedEntity(ctx, s, kind, entity, attachAction('Attach', kind), { 'iam:PolicyARN': arn });
  const p = await attachablePolicy(s, arn);
  if (rec.attached.includes(p.arn)) return {};
  if (rec.attached.length >= MAX_ATTACHED) throw quota(`PoliciesPer${TITLE[kind]}`, MAX_ATTACHED);
  s.put(kind, withAttached(rec, [...rec.attached, p.arn]));
  await updateUsage(s, p.arn, (u) => withUsage(u, FIELD[kind], rec.name, true));
  return {};
}

/** Detaching a policy that is not attached (or does not exist): "Policy <arn> was not found." */
export async function detachPolicy(ctx: Ctx, kind: EntityKind, entity: string, arn: string): Promise<Record<string, never>> {
  const s = iamState(ctx.tx, ctx.account);
  const rec = await authorizedEntity(ctx, s, kind, entity, attachAction('Detach', kind), { 'iam:PolicyARN': arn });
  if (!rec.attached.includes(arn)) throw policyNotFound(arn);
  s.put(kind, withAttached(rec, rec.attached.filter((a) => a !== arn)));
  await updateUsage(s, arn, (u) => withUsage(u, FIELD[kind], rec.name, false));
  return {};
}

export async function listAttached(
  ctx: Ctx,
  kind: EntityKind,
  entity: string,
  input: PageInput & { PathPrefix?: string },
): Promise<{ AttachedPolicies: AttachedPolicy[]; IsTruncated: boolean; Marker?: string }> {
  const s = iamState(ctx.tx, ctx.account);
  const rec = await authorizedEntity(ctx, s, kind, entity, listAttachedAction(kind));
  const all = rec.attached
    .map((arn) => ({ arn, parsed: parsePolicyArn(arn) }))
    .filter((a) => a.parsed !== undefined && a.parsed.path.startsWith(input.PathPrefix ?? '/'))
    .map((a) => ({ PolicyName: a.parsed!.name, PolicyArn: a.arn }));
  const page = paginate(sortByKey(all, (a) => a.PolicyArn), (a) => a.PolicyArn, input);
  return { AttachedPolicies: page.items, ...pageFields(page) };
}

/** Put{User,Role}PermissionsBoundary; also what CreateUser/CreateRole do with PermissionsBoundary. */
export async function putBoundary(ctx: Ctx, kind: 'user' | 'role', entity: string, arn: string): Promise<Record<string, never>> {
  const s = iamState(ctx.tx, ctx.account);
  const rec = await authorizedEntity(ctx, s, kind, entity, boundaryAction('Put', kind), { 'iam:PermissionsBoundary': arn });
  const p = await boundaryPolicy(s, arn);
  if (rec.boundary !== undefined) await updateUsage(s, rec.boundary, (u) => withUsage(u, BOUNDARY_FIELD[kind], rec.name, false));
  s.put(kind, { ...rec, boundary: p.arn } as Records[typeof kind]);
  await updateUsage(s, p.arn, (u) => withUsage(u, BOUNDARY_FIELD[kind], rec.name, true));
  return {};
}

/** Delete{User,Role}PermissionsBoundary: removing none is no error. // unverified */
export async function deleteBoundary(ctx: Ctx, kind: 'user' | 'role', entity: string): Promise<Record<string, never>> {
  const s = iamState(ctx.tx, ctx.account);
  const rec = await authorizedEntity(ctx, s, kind, entity, boundaryAction('Delete', kind));
  if (rec.boundary === undefined) return {};
  const { boundary, ...rest } = rec;
  s.put(kind, rest as Records[typeof kind]);
  await updateUsage(s, boundary, (u) => withUsage(u, BOUNDARY_FIELD[kind], rec.name, false));
  return {};
}

export { BOUNDARY_FIELD, FIELD as USAGE_FIELD };
