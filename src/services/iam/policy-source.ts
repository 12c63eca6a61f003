/**
 * What the policy engine weighs for an IAM user (IAM UG, reference_policies_evaluation-logic): the
 * user's inline policies and attached managed policies (default versions), those of each of its
 * groups, its permissions boundary, and its tags as aws:PrincipalTag/*. Read through the request's
 * transaction, so a decision sees the request's own writes and takes part in its conflict check;
 * decoded records are cached by state.ts and compiled documents by the engine (by text).
 *
 * For a role session (IAM UG, access_policies_control-access / id_session-tags): the role's
 * inline and attached policies, its boundary, the session policies passed to AssumeRole (resolved
 * when the session was created) and the role's tags overlaid by the session tags. Sessions from
 * GetSessionToken act with their user's policies (or the root user's).
 */
import type { Principal } from '../../core/principal.js';
import type { PolicyDocumentRef, PrincipalPolicies, PrincipalPolicySource } from '../../iam/sources.js';
import type { ReadTx } from '../../store/store.js';
import { inlineType } from './documents.js';
import type { EntityKind } from './errors.js';
import { defaultDocument, findManagedPolicy } from './managed.js';
import { iamReader, type IamReader, type InlinePolicy } from './state.js';

const NONE: PrincipalPolicies = { identity: [], session: [], tags: {} };

function inlineRefs(kind: EntityKind, entity: string, inline: readonly InlinePolicy[]): PolicyDocumentRef[] {
  return inline.map((p) => ({ id: `${kind}/${entity}/inline/${p.name}`, document: p.document, type: inlineType(kind) }));
}

async function managedRefs(s: IamReader, arns: readonly string[]): Promise<PolicyDocumentRef[]> {
  const out: PolicyDocumentRef[] = [];
  for (const p of await Promise.all(arns.map((arn) => findManagedPolicy(s, arn)))) {
    const document = p === undefined ? undefined : defaultDocument(p);
    if (p !== undefined && document !== undefined) out.push({ id: p.arn, document });
  }
  return out;
}

async function userPolicies(tx: ReadTx, principal: Principal): Promise<PrincipalPolicies> {
  const s = iamReader(tx, principal.account);
  const user = principal.userName === undefined ? undefined : await s.get('user', principal.userName);
  // A user deleted and created again under the same name is another principal.
  if (user === undefined || user.id !== principal.principalId) return NONE;
  const groups = (await Promise.all(user.groups.map((g) => s.get('group', g)))).filter((g) => g !== undefined);
  const [own, ...ofGroups] = await Promise.all([managedRefs(s, user.attached), ...groups.map((g) => managedRefs(s, g.attached))]);
  const identity: PolicyDocumentRef[] = [...inlineRefs('user', user.name, user.inline), ...own!];
  groups.forEach((g, i) => identity.push(...inlineRefs('group', g.name, g.inline), ...ofGroups[i]!));
  return {
    identity,
    ...(await boundaryRef(s, user.boundary)),
    session: sessionRefs(principal),
    tags: Object.fromEntries(user.tags.map((t) => [t.Key, t.Value])),
  };
}

async function boundaryRef(s: IamReader, arn: string | undefined): Promise<{ boundary?: PolicyDocumentRef }> {
  if (arn === undefined) return {};
  const p = await findManagedPolicy(s, arn);
  const document = p === undefined ? undefined : defaultDocument(p);
  // A boundary policy that no longer exists allows nothing.
  return { boundary: { id: arn, document: document ?? '{"Version":"2012-10-17","Statement":[]}', type: 'boundary' } };
}

function sessionRefs(principal: Principal): PolicyDocumentRef[] {
  return (principal.sessionData?.policies ?? []).map((p) => ({ id: p.id, document: p.document, type: 'session' as const }));
}

async function rolePolicies(tx: ReadTx, principal: Principal): Promise<PrincipalPolicies> {
  const issuer = principal.sessionIssuer;
  if (issuer === undefined || issuer.type !== 'Role') return NONE;
  const s = iamReader(tx, issuer.account);
  const role = await s.get('role', issuer.userName);
  // A role deleted and created again under the same name is another role: its old sessions get nothing.
  if (role === undefined || role.id !== issuer.principalId) return NONE;
  const identity: PolicyDocumentRef[] = [...inlineRefs('role', role.name, role.inline), ...(await managedRefs(s, role.attached))];
  return {
    identity,
    ...(await boundaryRef(s, role.boundary)),
    session: sessionRefs(principal),
    tags: { ...Object.fromEntries(role.tags.map((t) => [t.Key, t.Value])), ...(principal.sessionData?.tags ?? {}) },
  };
}

const NO_STATEMENTS = '{"Version":"2012-10-17","Statement":[]}';
/** The root user's own full access, which a federated user it created is limited to. */
const ROOT_ACCESS = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

/**
 * A federated user (GetFederationToken): "the intersection of the IAM user policies and the
 * session policies that you pass" (API_GetFederationToken); without a session policy it has no
 * permissions, so an empty session policy stands in. Tags: the user's, overlaid by session tags.
 */
async function federatedPolicies(tx: ReadTx, principal: Principal): Promise<PrincipalPolicies> {
  const issuer = principal.sessionIssuer;
  if (issuer === undefined) return NONE;
  const passed = sessionRefs(principal);
  const session = passed.length > 0 ? passed : [{ id: 'session policy (none passed)', document: NO_STATEMENTS, type: 'session' as const }];
  const sessionTags = principal.sessionData?.tags ?? {};
  if (issuer.type === 'Root') return { identity: [{ id: 'root user', document: ROOT_ACCESS }], session, tags: { ...sessionTags } };
  if (issuer.type !== 'IAMUser') return NONE;
  const user = await userPolicies(tx, { ...principal, type: 'IAMUser', account: issuer.account, userName: issuer.userName, principalId: issuer.principalId });
  return { ...user, session, tags: { ...user.tags, ...sessionTags } };
}

/** IAM users', role sessions' and federated users' policies from the IAM service's state; the root user has none. */
export const iamPrincipalPolicies: PrincipalPolicySource = {
  policiesFor: (tx, principal) => {
    if (principal.type === 'IAMUser') return userPolicies(tx, principal);
    if (principal.type === 'AssumedRole') return rolePolicies(tx, principal);
    if (principal.type === 'FederatedUser') return federatedPolicies(tx, principal);
    return Promise.resolve(NONE);
  },
};
