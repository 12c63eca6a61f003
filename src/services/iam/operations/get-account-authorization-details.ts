// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
import { defineOperation } from '../../../core/operation.js';
import { urlEncode } from '../documents.js';
import { profileShape, profilesOf } from '../instance-profiles.js';
import { allManagedPolicies, attachmentCount, boundaryCount, type ManagedPolicy } from '../managed.js';
import type { AttachedPolicy, EntityType, GroupDetail, ManagedPolicyDetail, Operations, RoleDetail, UserDetail } from '../model.gen.js';
import { pageFields, paginate, sortByKey } from '../paging.js';
import { groupShape, policyShape, roleShape, userShape } from '../shapes.js';
import { iamState, type GroupRecord, type IamReader, type InlinePolicy, type RoleRecord, type UserRecord } from '../state.js';

type Op = Operations['GetAccountAuthorizationDetails'];

type Item =
  | { kind: 'User'; key: string; build: () => Promise<UserDetail> }
  | { kind: 'Group'; key: string; build: () => Promise<GroupDetail> }
  | { kind: 'Role'; key: string; build: () => Promise<RoleDetail> }
  | { kind: 'Policy'; key: string; build: () => Promise<ManagedPolicyDetail> };

// "Policies returned by this operation are URL-encoded compliant with RFC 3986" (API reference).
const inlineList = (inline: readonly InlinePolicy[]) => inline.map((p) => ({ PolicyName: p.name, PolicyDocument: urlEncode(p.document) }));

const attachedList = (arns: readonly string[]): AttachedPolicy[] => arns.map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn }));

// The details are the Get*/List* shapes with the entity's policies added.
function policyDetail(p: ManagedPolicy): ManagedPolicyDetail {
  return {
    ...policyShape(p, 'list'),
    ...(p.description !== undefined ? { Description: p.description } : {}),
    PolicyVersionList: p.versions.map((v) => ({ Document: urlEncode(v.document), VersionId: v.id, IsDefaultVersion: v.id === p.defaultVersion, CreateDate: new Date(v.createdMs) })),
  };
}

function userDetail(u: UserRecord): UserDetail {
  return { ...userShape(u, 'full'), UserPolicyList: inlineList(u.inline), GroupList: [...u.groups], AttachedManagedPolicies: attachedList(u.attached) };
}

function groupDetail(g: GroupRecord): GroupDetail {
  return { ...groupShape(g), GroupPolicyList: inlineList(g.inline), AttachedManagedPolicies: attachedList(g.attached) };
}

async function roleDetail(s: IamReader, r: RoleRecord): Promise<RoleDetail> {
  // RoleDetail has no Description or MaxSessionDuration.
  const { Description: _description, MaxSessionDuration: _max, ...role } = roleShape(r, 'get');
  const profiles = await Promise.all((await profilesOf(s, r.name)).map((p) => profileShape(s, p, false)));
  return { ...role, InstanceProfileList: profiles, RolePolicyList: inlineList(r.inline), AttachedManagedPolicies: attachedList(r.attached), RoleLastUsed: role.RoleLastUsed ?? {} };
}

/** Every item the filter selects, keyed in the order pages are cut: users, groups, roles, then policies. */
async function items(s: IamReader, filter: ReadonlySet<EntityType>): Promise<Item[]> {
  const out: Item[] = [];
  if (filter.has('User')) for (const u of await s.list('user')) out.push({ kind: 'User', key: `0/${u.name.toLowerCase()}`, build: async () => userDetail(u) });
  if (filter.has('Group')) for (const g of await s.list('group')) out.push({ kind: 'Group', key: `1/${g.name.toLowerCase()}`, build: async () => groupDetail(g) });
  if (filter.has('Role')) for (const r of await s.list('role')) out.push({ kind: 'Role', key: `2/${r.name.toLowerCase()}`, build: () => roleDetail(s, r) });
  if (filter.has('LocalManagedPolicy') || filter.has('AWSManagedPolicy')) {
    for (const p of await allManagedPolicies(s)) {
      if (p.aws ? !filter.has('AWSManagedPolicy') : !filter.has('LocalManagedPolicy')) continue;
      // unverified: AWS lists only the AWS managed policies the account uses (attached or as a boundary), not all of them.
      if (p.aws && attachmentCount(p.usage) + boundaryCount(p.usage) === 0) continue;
      out.push({ kind: 'Policy', key: `3/${p.arn}`, build: async () => policyDetail(p) });
    }
  }
  return out;
}

const ALL: readonly EntityType[] = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'];

export const getAccountAuthorizationDetails = defineOperation<Op['input'], Op['output']>({
  name: 'GetAccountAuthorizationDetails',
  actions: ['iam:GetAccountAuthorizationDetails'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:GetAccountAuthorizationDetails', resource: '*' });
    const s = iamState(ctx.tx, ctx.account);
    const filter = new Set<EntityType>(input.Filter !== undefined && input.Filter.length > 0 ? input.Filter : ALL);
    // One MaxItems across the four lists; the Marker is the last item's position in that order.
    const page = paginate(sortByKey(await items(s, filter), (i) => i.key), (i) => i.key, input);
    const users: UserDetail[] = [];
    const groups: GroupDetail[] = [];
    const roles: RoleDetail[] = [];
    const policies: ManagedPolicyDetail[] = [];
    for (const i of page.items) {
      if (i.kind === 'User') users.push(await i.build());
      else if (i.kind === 'Group') groups.push(await i.build());
      else if (i.kind === 'Role') roles.push(await i.build());
      else policies.push(await i.build());
    }
    return { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies, ...pageFields(page) };
  },
});
