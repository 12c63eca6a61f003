import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuthzRequest } from '../../../src/core/operation.js';
import { PolicyEngine } from '../../../src/iam/engine.js';
import { checkPolicy } from '../../../src/iam/policy/validate.js';
import type { PolicyType } from '../../../src/iam/policy/types.js';
import { A, ENV, KEY, root, session, user } from './cases/helpers.js';

/** Property: every document the validator accepts compiles and evaluates without throwing. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ATOMS = ['*', '?', '${aws:username}', '${*}', '${?}', '${$}', "${aws:PrincipalTag/t, 'd'}", '${', '}', ':', '/', 'a', 'Z', 'é', '\\', '[', '(', '.', '-', '0', '  '];
const ACTIONS = ['*', 's3:*', 'kms:Encrypt', 'kms:*crypt*', 'KMS:?ncrypt', 'sts:AssumeRole', 'iam:Get*', 's3:Get?bject', 'secretsmanager:*'];
const RESOURCES = ['*', KEY, `arn:aws:kms:*:${A}:key/*`, 'arn:aws:s3:::b/*', 'arn:aws:secretsmanager:us-east-1:*:secret:${aws:username}-*', 'arn:aws:logs:us-east-1:1:log-group:x:*'];
const OPERATORS = ['StringEquals', 'StringNotLike', 'StringEqualsIgnoreCaseIfExists', 'NumericLessThan', 'DateGreaterThan', 'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnLike', 'ArnNotEqualsIfExists', 'Null', 'ForAllValues:StringLike', 'ForAnyValue:NumericEquals', 'ForAnyValue:IpAddress', 'ForAllValues:DateLessThanIfExists'];
const KEYS = ['aws:username', 'aws:SourceIp', 'aws:CurrentTime', 'aws:PrincipalTag/t', 'kms:EncryptionContext:dept', 'aws:TagKeys', 's3:max-keys', 'aws:SecureTransport', 'x:y'];
const PRINCIPALS = ['*', { AWS: '*' }, { AWS: A }, { AWS: `arn:aws:iam::${A}:user/alice` }, { AWS: `arn:aws:iam::${A}:role/app` }, { Service: 'ec2.amazonaws.com' }, { AWS: [`arn:aws:sts::${A}:assumed-role/app/s1`, A] }];

function generate(r: () => number, type: PolicyType): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const text = () => Array.from({ length: 1 + Math.floor(r() * 5) }, () => pick(ATOMS)).join('');
  const value = () => (r() < 0.5 ? pick(['10.0.0.0/8', '::1/128', '2026-01-01T00:00:00Z', '1700000000', '5', 'true', 'alice', 'QQ==', `arn:aws:iam::${A}:user/*`]) : r() < 0.5 ? text() : r() < 0.5 ? 7 : false);
  const statement = () => {
    const s: Record<string, unknown> = { Effect: r() < 0.7 ? 'Allow' : 'Deny' };
    if (r() < 0.8) s[r() < 0.8 ? 'Action' : 'NotAction'] = r() < 0.5 ? pick(ACTIONS) : [pick(ACTIONS), pick(ACTIONS)];
    if (type !== 'trust' && r() < 0.85) s[r() < 0.8 ? 'Resource' : 'NotResource'] = r() < 0.3 ? `arn:aws:s3:::${text()}` : pick(RESOURCES);
    if (type !== 'managed' && type !== 'scp') s[r() < 0.85 ? 'Principal' : 'NotPrincipal'] = pick(PRINCIPALS);
    if (r() < 0.6) {
      const cond: Record<string, Record<string, unknown>> = {};
      for (let i = 0; i < 1 + Math.floor(r() * 3); i++) cond[pick(OPERATORS)] = { [pick(KEYS)]: r() < 0.5 ? value() : [value(), value()] };
      s['Condition'] = cond;
    }
    if (r() < 0.3) s['Sid'] = `S${Math.floor(r() * 1e6)}`;
    return s;
  };
  return { Version: r() < 0.85 ? '2012-10-17' : '2008-10-17', Statement: Array.from({ length: 1 + Math.floor(r() * 4) }, statement) };
}

describe('iam engine: never throws on a policy it accepted (property)', () => {
  const engine = new PolicyEngine();
  const principals = [user('alice'), root(), session('app', 's1', A, { mfa: true })];
  const requests: AuthzRequest[] = [
    { action: 'kms:Encrypt', resource: KEY, conditions: { 'kms:EncryptionContext:dept': 'x', 'aws:TagKeys': ['a', 'b'], 's3:max-keys': 'NaN' } },
    { action: 's3:GetObject', resource: 'arn:aws:s3:::b/${x}' },
    { action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/app`, conditions: { 'aws:TagKeys': [] } },
    { action: 'secretsmanager:GetSecretValue', resource: '*' },
  ];
  it('generated documents: validate, compile, evaluate', () => {
    const r = rng(20260601);
    let accepted = 0;
    const types: PolicyType[] = ['managed', 'kms-key', 'trust', 'resource', 'scp'];
    for (let i = 0; i < 3000; i++) {
      const type = types[i % types.length]!;
      const text = JSON.stringify(generate(r, type));
      const checked = checkPolicy(text, type);
      if (!checked.ok) continue;
      accepted++;
      for (const principal of principals) {
        for (const request of requests) {
          const asResource = type === 'kms-key' || type === 'trust' || type === 'resource';
          const d = engine.decideWith({
            principal,
            request: { ...request, ...(asResource ? { resourcePolicy: text } : {}) },
            env: { ...ENV, sourceIp: i % 2 ? '10.1.2.3' : '2001:db8::1' },
            policies: { identity: type === 'managed' ? [{ id: 'p', document: text }] : [], session: [], tags: { t: 'v' } },
            ...(type === 'scp' ? { scps: [[{ id: 'scp', document: text }]] } : {}),
          });
          assert.ok(['allowed', 'explicitDeny', 'implicitDeny'].includes(d.decision));
          assert.equal(typeof d.explanation, 'string');
        }
      }
    }
    assert.ok(accepted > 500, `only ${accepted} generated documents were accepted`);
  });
  it('arbitrary text never makes the validator throw', () => {
    const r = rng(7);
    const bits = ['{', '}', '[', ']', '"Statement"', '"Effect"', ':', ',', '"Allow"', 'null', '1', '"*"', '"Condition"', '{"StringLike":{"a:b":["${"]}}', '"Version"', '"2012-10-17"'];
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: Math.floor(r() * 20) }, () => bits[Math.floor(r() * bits.length)]).join('');
      for (const type of ['managed', 'kms-key', 'trust'] as const) assert.doesNotThrow(() => checkPolicy(text, type));
    }
  });
  it('a stored document that does not validate grants nothing instead of throwing', () => {
    const d = engine.decideWith({ principal: user('alice'), request: { action: 's3:GetObject', resource: '*' }, env: ENV, policies: { identity: [{ id: 'bad', document: '{"Statement":' }], session: [], tags: {} } });
    assert.equal(d.decision, 'implicitDeny');
  });
});
