/**
 * What the policy engine weighs for an IAM user (IAM UG, reference_policies_evaluation-logic): the
 * user's inline policies and attached managed policies (default versions), those of each of its
 * groups, its permissions boundary, and its tags as aws:PrincipalTag/*. Read through the request's
 * transaction, so a decision sees the request's own writes and takes part in its conflict check;
 * decoded records are cached by state.ts and compiled documents by the engine (by text).
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
  const boundary = user.boundary === undefined ? undefined : await findManagedPolicy(s, user.boundary);
  const boundaryDoc = boundary === undefined ? undefined : defaultDocument(boundary);
  return {
    identity,
    // A boundary policy that no longer exists allows nothing.
    ...(user.boundary !== undefined ? { boundary: { id: user.boundary, document: boundaryDoc ?? '{"Version":"2012-10-17","Statement":[]}', type: 'boundary' as const } } : {}),
    session: [],
    tags: Object.fromEntries(user.tags.map((t) => [t.Key, t.Value])),
  };
}

/** IAM users' policies from the IAM service's state; no identity policies for anyone else yet. */
export const iamPrincipalPolicies: PrincipalPolicySource = {
  policiesFor: (tx, principal) => (principal.type === 'IAMUser' ? userPolicies(tx, principal) : Promise.resolve(NONE)),
};
