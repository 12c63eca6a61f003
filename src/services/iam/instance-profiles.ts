/**
 * Instance profiles (IAM UG, id_roles_use_switch-role-ec2_instance-profiles): a named container
 * for at most one role. Profiles refer to their role by name; DeleteRole refuses a role still in
 * a profile, so the reference never dangles.
 */
import type { ConditionValue, Ctx } from '../../core/operation.js';
import { noSuchInstanceProfile } from './errors.js';
import type { InstanceProfile, Role } from './model.gen.js';
import { roleShape } from './shapes.js';
import type { IamReader, InstanceProfileRecord } from './state.js';
import { resourceTagConditions } from './tags.js';

export const instanceProfileArn = (account: string, path: string, name: string): string => `arn:aws:iam::${account}:instance-profile${path}${name}`;

/** Authorizes `action` on the profile's ARN (with its path when it exists), then requires it. */
export async function authorizedProfile(ctx: Ctx, s: IamReader, name: string, action: string, conditions: Readonly<Record<string, ConditionValue>> = {}): Promise<InstanceProfileRecord> {
  const rec = await s.get('instance-profile', name);
  const arn = rec?.arn ?? instanceProfileArn(ctx.account, '/', name);
  await ctx.authorize({ action, resource: arn, conditions: { ...resourceTagConditions(rec?.tags), ...conditions } });
  if (rec === undefined) throw noSuchInstanceProfile(name);
  return rec;
}

/** The profiles a role is in. */
export async function profilesOf(s: IamReader, roleName: string): Promise<InstanceProfileRecord[]> {
  const lower = roleName.toLowerCase();
  return (await s.list('instance-profile')).filter((p) => p.roles.some((r) => r.toLowerCase() === lower));
}

/** The output shape, with each role as List* operations show roles. */
export async function profileShape(s: IamReader, p: InstanceProfileRecord, withTags: boolean): Promise<InstanceProfile> {
  const roles: Role[] = [];
  for (const name of p.roles) {
    const r = await s.get('role', name);
    if (r !== undefined) roles.push(roleShape(r, 'list'));
  }
  const tags = withTags && p.tags.length > 0 ? { Tags: p.tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {};
  return { Path: p.path, InstanceProfileName: p.name, InstanceProfileId: p.id, Arn: p.arn, CreateDate: new Date(p.createdMs), Roles: roles, ...tags };
}
