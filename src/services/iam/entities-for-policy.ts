/**
 * ListEntitiesForPolicy: the users, groups and roles a managed policy is attached to (and, with
 * PolicyUsageFilter=PermissionsBoundary, uses it as their boundary), filtered by kind and path,
 * paginated over the three lists together.
 */
import type { Ctx } from '../../core/operation.js';
import { authorizedPolicy } from './entities.js';
import type { ManagedPolicy } from './managed.js';
import type { ListEntitiesForPolicyRequest, ListEntitiesForPolicyResponse } from './model.gen.js';
import { pageFields, paginate, sortByKey } from './paging.js';
import { iamState, type IamReader } from './state.js';

type Kind = 'group' | 'role' | 'user';
interface Found {
  readonly kind: Kind;
  readonly name: string;
  readonly id: string;
  readonly path: string;
}

function namesOf(p: ManagedPolicy, input: ListEntitiesForPolicyRequest): Record<Kind, readonly string[]> {
  const u = p.usage;
  const filter = input.PolicyUsageFilter;
  const permissions = filter !== 'PermissionsBoundary';
  const boundary = filter !== 'PermissionsPolicy';
  return {
    user: [...(permissions ? u.users : []), ...(boundary ? u.boundaryUsers : [])],
    group: permissions ? u.groups : [],
    role: [...(permissions ? u.roles : []), ...(boundary ? u.boundaryRoles : [])],
  };
}

function kindsWanted(p: ManagedPolicy, filter: ListEntitiesForPolicyRequest['EntityFilter']): readonly Kind[] {
  switch (filter) {
    case 'User':
      return ['user'];
    case 'Group':
      return ['group'];
    case 'Role':
      return ['role'];
    // Filters on the policy's own kind: all its entities, or none.
    case 'LocalManagedPolicy':
      return p.aws ? [] : ['group', 'role', 'user'];
    case 'AWSManagedPolicy':
      return p.aws ? ['group', 'role', 'user'] : [];
    default:
      return ['group', 'role', 'user'];
  }
}

async function entities(s: IamReader, p: ManagedPolicy, input: ListEntitiesForPolicyRequest): Promise<Found[]> {
  const names = namesOf(p, input);
  const out: Found[] = [];
  for (const kind of kindsWanted(p, input.EntityFilter)) {
    for (const name of new Set(names[kind])) {
      const rec = await s.get(kind, name);
      if (rec !== undefined && rec.path.startsWith(input.PathPrefix ?? '/')) out.push({ kind, name: rec.name, id: rec.id, path: rec.path });
    }
  }
  return out;
}

export async function authorizedEntityFilter(ctx: Ctx, input: ListEntitiesForPolicyRequest): Promise<ListEntitiesForPolicyResponse> {
  const s = iamState(ctx.tx, ctx.account);
  const p = await authorizedPolicy(ctx, s, input.PolicyArn, 'iam:ListEntitiesForPolicy');
  const key = (f: Found) => `${f.kind}:${f.name.toLowerCase()}`;
  const page = paginate(sortByKey(await entities(s, p, input), key), key, input);
  const of = (k: Kind) => page.items.filter((f) => f.kind === k);
  return {
    PolicyGroups: of('group').map((f) => ({ GroupName: f.name, GroupId: f.id })),
    PolicyUsers: of('user').map((f) => ({ UserName: f.name, UserId: f.id })),
    PolicyRoles: of('role').map((f) => ({ RoleName: f.name, RoleId: f.id })),
    ...pageFields(page),
  };
}
