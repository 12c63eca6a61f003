import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPolicy, policySize, POLICY_SIZE_LIMITS } from '../../../src/iam/policy/validate.js';
import type { PolicyType } from '../../../src/iam/policy/types.js';

/** Refused documents and AWS's messages (sources in src/iam/policy/messages.ts). */
const S = (stmt: Record<string, unknown>, extra: Record<string, unknown> = {}) => JSON.stringify({ Version: '2012-10-17', Statement: [stmt], ...extra });
const ok = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const first = (text: string, type: PolicyType = 'managed') => {
  const r = checkPolicy(text, type);
  return r.ok ? 'ok' : r.problems[0]!.message;
};

describe('iam policy validation: identity policies (MalformedPolicyDocument)', () => {
  const cases: [string, string, string][] = [
    ['not JSON', '{not json', 'Syntax errors in policy.'],
    ['an empty object', '{}', 'Syntax errors in policy.'],
    ['a JSON array', '[]', 'Syntax errors in policy.'],
    ['an unknown Version', S(ok, { Version: '2020-01-01' }), 'Syntax errors in policy.'],
    ['no Statement', JSON.stringify({ Version: '2012-10-17' }), 'Syntax errors in policy.'],
    ['an empty Statement list', JSON.stringify({ Version: '2012-10-17', Statement: [] }), 'Syntax errors in policy.'],
    ['Statement as a string', JSON.stringify({ Version: '2012-10-17', Statement: 'x' }), 'Syntax errors in policy.'],
    ['an unknown top-level field', S(ok, { Foo: 1 }), 'Syntax errors in policy.'],
    ['an unknown statement field', S({ ...ok, Foo: 'x' }), 'Syntax errors in policy.'],
    ['no Effect', S({ Action: 's3:GetObject', Resource: '*' }), 'Syntax errors in policy.'],
    ['Effect "Maybe"', S({ ...ok, Effect: 'Maybe' }), 'Syntax errors in policy.'],
    ['Effect "allow" (case matters)', S({ ...ok, Effect: 'allow' }), 'Syntax errors in policy.'],
    ['Action and NotAction', S({ ...ok, NotAction: 's3:PutObject' }), 'Syntax errors in policy.'],
    ['Resource and NotResource', S({ ...ok, NotResource: 'arn:aws:s3:::b' }), 'Syntax errors in policy.'],
    ['a numeric Action', S({ ...ok, Action: 123 }), 'Syntax errors in policy.'],
    ['a condition without operator', S({ ...ok, Condition: { 'aws:username': 'x' } }), 'Syntax errors in policy.'],
    ['a Principal', S({ ...ok, Principal: '*' }), 'Policy document should not specify a principal.'],
    ['a NotPrincipal', S({ ...ok, NotPrincipal: { AWS: '111111111111' } }), 'Policy document should not specify a principal.'],
    ['no Action', S({ Effect: 'Allow', Resource: '*' }), 'Policy statement must contain actions.'],
    ['an empty Action list', S({ ...ok, Action: [] }), 'Policy statement must contain actions.'],
    ['no Resource', S({ Effect: 'Allow', Action: 's3:GetObject' }), 'Policy statement must contain resources.'],
    ['an empty Resource list', S({ ...ok, Resource: [] }), 'Policy statement must contain resources.'],
    ['an action without vendor', S({ ...ok, Action: 'GetObject' }), 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
    ['an empty action', S({ ...ok, Action: '' }), 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
    ['an action with two colons', S({ ...ok, Action: 's3:Get:Object' }), 'Actions/Condition can contain only one colon.'],
    ['an empty vendor', S({ ...ok, Action: ':GetObject' }), 'Vendor  is not valid'],
    ['a vendor with a space', S({ ...ok, Action: 'iam :Get' }), 'Vendor iam  is not valid'],
    ['a resource that is not an ARN', S({ ...ok, Resource: 'invalid' }), 'Resource invalid must be in ARN format or "*".'],
    ['an ARN with too few fields', S({ ...ok, Resource: 'arn:awss3::example-bucket/*' }), 'The policy failed legacy parsing'],
    ['an unknown partition', S({ ...ok, Resource: 'arn:aws2:s3:::example-bucket/*' }), 'Partition "aws2" is not valid for resource "arn:aws2:s3:::example-bucket/*".'],
    ['duplicate Sids', JSON.stringify({ Version: '2012-10-17', Statement: [{ ...ok, Sid: 'Dup' }, { ...ok, Sid: 'Dup' }] }), 'Statement IDs (SID) in a single policy must be unique.'],
    ['a Sid with a space', S({ ...ok, Sid: 'my sid' }), 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*'],
    ['an unknown condition operator', S({ ...ok, Condition: { StringEqualz: { 'aws:username': 'x' } } }), 'Policy has invalid condition operator StringEqualz'],
    ['Null with IfExists', S({ ...ok, Condition: { NullIfExists: { 'aws:username': 'true' } } }), 'Policy has invalid condition operator NullIfExists'],
    ['an unknown set qualifier', S({ ...ok, Condition: { 'ForSomeValues:StringEquals': { 'aws:TagKeys': 'x' } } }), 'Policy has invalid condition operator ForSomeValues:StringEquals'],
  ];
  for (const [name, text, message] of cases) it(`refuses ${name}`, () => assert.equal(first(text), message));

  it('accepts a single statement object, lists, booleans and numbers as condition values', () => {
    assert.equal(first(JSON.stringify({ Version: '2012-10-17', Statement: { ...ok, Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 's3:max-keys': 10 } } } })), 'ok');
  });
  it('accepts a document without Version (2008-10-17)', () => {
    const r = checkPolicy(JSON.stringify({ Statement: [ok] }), 'managed');
    assert.ok(r.ok);
    assert.equal(r.ok && r.policy.version, '2008-10-17');
  });
  it('accepts every documented operator with its qualifiers', () => {
    const ops = ['StringEquals', 'StringNotEqualsIgnoreCase', 'StringLikeIfExists', 'ForAllValues:StringLike', 'ForAnyValue:ArnNotLikeIfExists', 'NumericGreaterThanEquals', 'DateNotEquals', 'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'Null'];
    for (const op of ops) assert.equal(first(S({ ...ok, Condition: { [op]: { 'aws:x': 'y' } } })), 'ok', op);
  });
  it('reports every problem, first the one AWS reports', () => {
    const r = checkPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Resource: 'x' }] }), 'managed');
    assert.ok(!r.ok);
    assert.deepEqual(r.problems.map((p) => p.code), ['principal-prohibited', 'actions-required', 'resource-format']);
    assert.ok(r.problems.every((p) => p.statement === 0 && p.kind === 'malformed'));
  });
});

describe('iam policy validation: trust, resource, KMS and Organizations policies', () => {
  const trust = (stmt: Record<string, unknown>) => first(S(stmt), 'trust');
  it('requires a principal in a trust policy', () => assert.equal(trust({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'Missing required field Principal'));
  it('refuses Resource in a trust policy', () => assert.equal(trust({ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole', Resource: '*' }), 'Has prohibited field Resource'));
  it('accepts a trust policy without Resource', () => assert.equal(trust({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), 'ok'));
  it('refuses an invalid AWS principal', () => assert.equal(trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:usr/roleB' }, Action: 'sts:AssumeRole' }), 'Invalid principal in policy: "AWS":"arn:aws:iam::000000000000:usr/roleB"'));
  it('refuses a wildcard inside a principal ARN', () => assert.equal(trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:user/*' }, Action: 'sts:AssumeRole' }), 'Invalid principal in policy: "AWS":"arn:aws:iam::111111111111:user/*"'));
  it('names the principal type upper-cased', () => assert.equal(trust({ Effect: 'Allow', Principal: { Service: 'not a service' }, Action: 'sts:AssumeRole' }), 'Invalid principal in policy: "SERVICE":"not a service"'));
  it('accepts account ids, root, users, roles, sessions, federated users, "*"', () => {
    for (const id of ['111111111111', 'arn:aws:iam::111111111111:root', 'arn:aws:iam::111111111111:user/path/alice', 'arn:aws:iam::111111111111:role/app', 'arn:aws:sts::111111111111:assumed-role/app/s1', 'arn:aws:sts::111111111111:federated-user/f', '*']) {
      assert.equal(trust({ Effect: 'Allow', Principal: { AWS: id }, Action: 'sts:AssumeRole' }), 'ok', id);
    }
  });
  it('requires a principal in a resource policy', () => assert.equal(first(S(ok), 'resource'), 'Missing required field Principal'));
  it('KMS: invalid principals', () => assert.equal(first(S({ ...ok, Principal: { AWS: 'nobody' } }), 'kms-key'), 'Policy contains a statement with one or more invalid principals.'));
  it('KMS: accepts the default key policy with its spaced Sid', () => {
    const p = { Version: '2012-10-17', Id: 'key-default-1', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' }] };
    assert.equal(first(JSON.stringify(p, null, 2), 'kms-key'), 'ok');
  });
  it('KMS: accepts a statement without Action or Resource (ineffective)', () => assert.equal(first(S({ Effect: 'Allow', Principal: '*' }), 'kms-key'), 'ok'));
  it('SCP: Organizations answers one text for everything', () => {
    assert.equal(first(S({ ...ok, Principal: '*' }), 'scp'), 'The provided policy document does not meet the requirements of the specified policy type.');
    assert.equal(first('nope', 'scp'), 'The provided policy document does not meet the requirements of the specified policy type.');
  });
});

describe('iam policy validation: size limits', () => {
  const big = (chars: number) => S({ ...ok, Sid: 'x'.repeat(chars) });
  it('knows the documented limits', () => {
    assert.deepEqual({ ...POLICY_SIZE_LIMITS }, { managed: 6144, boundary: 6144, 'inline-user': 2048, 'inline-group': 5120, 'inline-role': 10240, trust: 2048, session: 2048, 'kms-key': 32768, scp: 5120, rcp: 5120, resource: undefined });
  });
  it('does not count white space outside strings for IAM policies', () => {
    const compact = S(ok);
    const pretty = JSON.stringify(JSON.parse(compact), null, 8);
    assert.equal(policySize(pretty, 'managed'), compact.length);
    assert.equal(policySize(JSON.stringify({ Sid: 'a b' }), 'managed'), JSON.stringify({ Sid: 'a b' }).length);
  });
  it('counts white space for SCPs saved through the API and bytes for KMS', () => {
    assert.equal(policySize(' {} ', 'scp'), 4);
    assert.equal(policySize('"é"', 'kms-key'), 4);
  });
  for (const [type, limit] of [['inline-user', 2048], ['managed', 6144], ['inline-role', 10240], ['trust', 2048]] as const) {
    it(`refuses a ${type} policy over ${limit} characters`, () => {
      const over = big(limit);
      const r = checkPolicy(over, type);
      assert.ok(!r.ok && r.problems[0]!.kind === 'size');
      const at = big(limit - (S({ ...ok, Sid: '' }).length));
      assert.equal(policySize(at, type), limit);
    });
  }
});
