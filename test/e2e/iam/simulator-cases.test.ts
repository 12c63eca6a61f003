import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SimulateCustomPolicyCommand, type ContextEntry, type IAMClient } from '@aws-sdk/client-iam';
import { accountOfArn } from '../../../src/iam/authorizer.js';
import { contextValues } from '../../../src/iam/context.js';
import { resourceAccountOf } from '../../../src/iam/engine.js';
import { checkPolicy } from '../../../src/iam/policy/validate.js';
import type { Running } from '../../harness.js';
import { startIam } from './helpers.js';
import { appendixCases } from '../../unit/iam/cases/appendix.js';
import { conditionCases } from '../../unit/iam/cases/conditions.js';
import { evaluationCases } from '../../unit/iam/cases/evaluation.js';
import { ENV, type EngineCase } from '../../unit/iam/cases/helpers.js';
import { kmsCases } from '../../unit/iam/cases/kms.js';
import { matchingCases } from '../../unit/iam/cases/matching.js';

/**
 * The engine's documented cases again, through SimulateCustomPolicy with the AWS SDK: one code path
 * for enforcement and simulation. A case is expressible when its caller is an IAM user (CallerArn
 * takes only user ARNs) and it needs no session policies, SCPs or RCPs. The request context the
 * engine would compute from the principal and the request is passed as ContextEntries, since the
 * simulator supplies no global keys by itself.
 */
const EXPECT = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' } as const;

const valid = (d: object | undefined, type: 'managed' | 'boundary' | 'resource'): boolean => d === undefined || checkPolicy(JSON.stringify(d), type, { skipSizeLimit: true }).ok;

function expressible(c: EngineCase): boolean {
  return (
    c.principal.type === 'IAMUser' &&
    (c.session ?? []).length === 0 &&
    c.scps === undefined &&
    c.rcps === undefined &&
    (c.identity ?? []).length > 0 &&
    (c.identity ?? []).every((d) => valid(d, 'managed')) &&
    valid(c.boundary, 'boundary') &&
    valid(c.resourcePolicy, 'resource')
  );
}

function contextEntries(c: EngineCase): ContextEntry[] {
  const request = { action: c.action, resource: c.resource, ...(c.conditions !== undefined ? { conditions: c.conditions } : {}) };
  const values = contextValues({ principal: c.principal, request, env: { ...ENV, ...c.env }, resourceAccount: resourceAccountOf(c.principal, request), principalTags: c.tags ?? {} });
  return [...values].map(([k, v]) =>
    typeof v === 'string' ? { ContextKeyName: k, ContextKeyValues: [v], ContextKeyType: 'string' } : { ContextKeyName: k, ContextKeyValues: [...v], ContextKeyType: 'stringList' },
  );
}

const all = [...appendixCases, ...evaluationCases, ...conditionCases, ...matchingCases, ...kmsCases];
const cases = all.filter(expressible);

describe(`iam Policy Simulator runs the engine's table cases (${cases.length} of ${all.length} expressible)`, () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => ({ w, iam } = await startIam()));
  after(() => w.stop());

  it('has at least 30 expressible cases', () => assert.ok(cases.length >= 30, String(cases.length)));

  for (const c of cases) {
    it(`${c.name} — ${c.rule}`, async () => {
      const request = { action: c.action, resource: c.resource, ...(c.conditions !== undefined ? { conditions: c.conditions } : {}) };
      const owner = accountOfArn(c.resource) === undefined ? { ResourceOwner: `arn:aws:iam::${resourceAccountOf(c.principal, request)}:root` } : {};
      const out = await iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: (c.identity ?? []).map((d) => JSON.stringify(d)),
          ...(c.boundary !== undefined ? { PermissionsBoundaryPolicyInputList: [JSON.stringify(c.boundary)] } : {}),
          ...(c.resourcePolicy !== undefined ? { ResourcePolicy: JSON.stringify(c.resourcePolicy) } : {}),
          ActionNames: [c.action],
          ResourceArns: [c.resource],
          CallerArn: c.principal.arn,
          ...owner,
          ContextEntries: contextEntries(c),
        }),
      );
      const [r] = out.EvaluationResults!;
      assert.equal(r!.EvalDecision, EXPECT[c.expect]);
      if (c.missing !== undefined) {
        const missing = c.resource === '*' ? r!.MissingContextValues! : r!.ResourceSpecificResults![0]!.MissingContextValues!;
        assert.deepEqual([...missing].sort(), [...c.missing].sort());
      }
    });
  }
});
