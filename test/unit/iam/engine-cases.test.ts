import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessDeniedMessage } from '../../../src/iam/authorizer.js';
import { PolicyEngine } from '../../../src/iam/engine.js';
import { appendixCases } from './cases/appendix.js';
import { conditionCases } from './cases/conditions.js';
import { evaluationCases } from './cases/evaluation.js';
import { ENV, refs, type EngineCase } from './cases/helpers.js';
import { kmsCases } from './cases/kms.js';
import { matchingCases } from './cases/matching.js';

const engine = new PolicyEngine();
const EXPECT = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' } as const;

export function runCase(c: EngineCase) {
  return engine.decideWith({
    principal: c.principal,
    request: {
      action: c.action,
      resource: c.resource,
      ...(c.resourcePolicy !== undefined ? { resourcePolicy: JSON.stringify(c.resourcePolicy) } : {}),
      ...(c.conditions !== undefined ? { conditions: c.conditions } : {}),
    },
    env: { ...ENV, ...c.env },
    policies: {
      identity: refs(c.identity, `arn:aws:iam::${c.principal.account}:policy/p`),
      session: refs(c.session, 'session-policy-'),
      ...(c.boundary !== undefined ? { boundary: { id: `arn:aws:iam::${c.principal.account}:policy/boundary`, document: JSON.stringify(c.boundary) } } : {}),
      tags: c.tags ?? {},
    },
    ...(c.scps !== undefined ? { scps: c.scps.map((level, i) => refs(level, `scp-${i}-`)) } : {}),
    ...(c.rcps !== undefined ? { rcps: c.rcps.map((level, i) => refs(level, `rcp-${i}-`)) } : {}),
  });
}

const suites: [string, EngineCase[]][] = [
  ['appendix (deps-and-limits.md, 68 documented cases)', appendixCases],
  ['evaluation logic', evaluationCases],
  ['condition operators', conditionCases],
  ['matching, NotX and variables', matchingCases],
  ['KMS key policies', kmsCases],
];

for (const [title, cases] of suites) {
  describe(`iam engine: ${title}`, () => {
    for (const c of cases) {
      it(`${c.name} — ${c.rule}`, () => {
        const d = runCase(c);
        assert.equal(d.decision, EXPECT[c.expect], d.explanation);
        if (c.decidedBy !== undefined) assert.equal(d.decidedBy, c.decidedBy, d.explanation);
        if (c.message !== undefined) {
          const req = { action: c.action, resource: c.resource };
          assert.equal(accessDeniedMessage(c.principal, req, d), c.message);
        }
        if (c.missing !== undefined) assert.deepEqual([...d.missingContextKeys].sort(), [...c.missing].sort());
      });
    }
  });
}
