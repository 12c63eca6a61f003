/**
 * The entity SimulatePrincipalPolicy and GetContextKeysForPrincipalPolicy read (PolicySourceArn):
 * "If you specify a user, the simulation also includes all policies that are attached to any groups
 * the user belongs to" — a user's or a role's policies come from the same PrincipalPolicySource the
 * engine enforces with; a group (which is no principal) has its own inline and attached policies.
 * Authorized on the entity's ARN first, as AWS does ("give Bob access to the following resource:
 * arn:aws:iam::777788889999:user/alice", IAM UG, access_policies_testing-policies).
 */
import type { Ctx } from '../../../core/operation.js';
import type { Principal } from '../../../core/principal.js';
import type { PolicyDocumentRef } from '../../../iam/sources.js';
import { inlineType } from '../documents.js';
import { noSuchEntity, type EntityKind } from '../errors.js';
import { defaultDocument, findManagedPolicy } from '../managed.js';
import { iamPrincipalPolicies } from '../policy-source.js';
import { invalidInput, storedPolicy, type SimulatedPolicy } from '../simulator.js';
import { iamReader } from '../state.js';

const SOURCE_ARN = /^arn:aws:iam::(\d{12}):(user|group|role)\/(?:.*\/)?([\w+=,.@-]+)$/;

export interface PolicySource {
  readonly kind: EntityKind;
  /** The user itself, the role as a session of it, or (for a group) nobody. */
  readonly principal?: Principal;
  readonly identity: readonly SimulatedPolicy[];
  readonly boundary?: SimulatedPolicy;
}

export async function policySource(ctx: Ctx, arn: string, action: string): Promise<PolicySource> {
  await ctx.authorize({ action, resource: arn });
  const m = SOURCE_ARN.exec(arn);
  if (m === null) throw invalidInput(`Invalid PolicySourceArn: ${arn}.`); // unverified
  const [, account, kind, name] = m as unknown as [string, string, EntityKind, string];
  // Differs from AWS: an entity of another account is answered as not found.
  if (account !== ctx.account) throw noSuchEntity(kind, name);
  const s = iamReader(ctx.tx, account);
  if (kind === 'group') {
    const g = await s.get('group', name);
    if (g === undefined) throw noSuchEntity(kind, name);
    const refs: PolicyDocumentRef[] = g.inline.map((p) => ({ id: `group/${g.name}/inline/${p.name}`, document: p.document, type: inlineType('group') }));
    for (const p of await Promise.all(g.attached.map((a) => findManagedPolicy(s, a)))) {
      const document = p === undefined ? undefined : defaultDocument(p);
      if (p !== undefined && document !== undefined) refs.push({ id: p.arn, document });
    }
    return { kind, identity: refs.map((r) => storedPolicy(r)) };
  }
  const rec = await s.get(kind, name);
  if (rec === undefined) throw noSuchEntity(kind, name);
  const principal: Principal =
    kind === 'user'
      ? { type: 'IAMUser', account, arn: rec.arn, principalId: rec.id, accessKeyId: '', userName: rec.name }
      : {
          type: 'AssumedRole',
          account,
          arn: `arn:aws:sts::${account}:assumed-role/${rec.name}/simulation`,
          principalId: `${rec.id}:simulation`,
          accessKeyId: '',
          sessionIssuer: { type: 'Role', principalId: rec.id, arn: rec.arn, account, userName: rec.name },
        };
  const p = await iamPrincipalPolicies.policiesFor(ctx.tx, principal);
  return {
    kind,
    principal,
    identity: p.identity.map((r) => storedPolicy(r)),
    ...(p.boundary !== undefined ? { boundary: storedPolicy(p.boundary, true) } : {}),
  };
}
