import { A, allow, deny, doc, root, session, user, when, type EngineCase } from './helpers.js';

/** Every condition operator, …IfExists, set qualifiers, missing and multivalued keys, global keys. */
const OPS = 'IAM UG reference_policies_elements_condition_operators';
const MULTI = 'IAM UG reference_policies_condition-single-vs-multi-valued-context-keys';
const KEYS = 'IAM UG reference_policies_condition-keys';
const LOGIC = 'IAM UG reference_policies_condition-logic-multiple-context-keys-or-values';

const alice = user('alice');
type Ctx = Readonly<Record<string, string | readonly string[]>>;
type Expect = EngineCase['expect'];

/** Alice may s3:GetObject only under `condition`; the operation supplies `ctx`. */
function allowIf(name: string, rule: string, condition: Record<string, Record<string, unknown>>, ctx: Ctx, expect: Expect, extra: Partial<EngineCase> = {}): EngineCase {
  return { name, rule, principal: alice, action: 's3:GetObject', resource: '*', conditions: ctx, identity: [doc(allow('s3:GetObject', '*', when(condition)))], expect, ...extra };
}

/** Alice may do everything in s3 except when `condition` holds. */
function denyIf(name: string, rule: string, condition: Record<string, Record<string, unknown>>, ctx: Ctx, expect: Expect, extra: Partial<EngineCase> = {}): EngineCase {
  return { name, rule, principal: alice, action: 's3:GetObject', resource: '*', conditions: ctx, identity: [doc(allow('s3:*'), deny('s3:*', '*', when(condition)))], expect, ...extra };
}

const k = 's3:prefix';
export const conditionCases: EngineCase[] = [
  allowIf('StringEquals matches', `${OPS}: String`, { StringEquals: { [k]: 'home/' } }, { [k]: 'home/' }, 'Allowed'),
  allowIf('StringEquals does not match another value', `${OPS}: String`, { StringEquals: { [k]: 'home/' } }, { [k]: 'work/' }, 'ImplicitlyDenied'),
  allowIf('StringEquals: several values are ORed', LOGIC, { StringEquals: { [k]: ['work/', 'home/'] } }, { [k]: 'home/' }, 'Allowed'),
  allowIf('StringEquals on a missing key is false', `${OPS}: missing key`, { StringEquals: { [k]: 'home/' } }, {}, 'ImplicitlyDenied', { missing: [k] }),
  allowIf('StringNotEquals with a different value is true', `${OPS}: String`, { StringNotEquals: { [k]: 'home/' } }, { [k]: 'work/' }, 'Allowed'),
  allowIf('StringNotEquals with the same value is false', `${OPS}: String`, { StringNotEquals: { [k]: 'home/' } }, { [k]: 'home/' }, 'ImplicitlyDenied'),
  allowIf('StringNotEquals: several values — none may match', LOGIC, { StringNotEquals: { [k]: ['a/', 'home/'] } }, { [k]: 'home/' }, 'ImplicitlyDenied'),
  allowIf('StringEqualsIgnoreCase ignores case', `${OPS}: String`, { StringEqualsIgnoreCase: { [k]: 'HOME/' } }, { [k]: 'home/' }, 'Allowed'),
  allowIf('StringNotEqualsIgnoreCase ignores case', `${OPS}: String`, { StringNotEqualsIgnoreCase: { [k]: 'HOME/' } }, { [k]: 'home/' }, 'ImplicitlyDenied'),
  allowIf('StringLike: ? is one character', `${OPS}: String`, { StringLike: { [k]: 'h?me/' } }, { [k]: 'home/' }, 'Allowed'),
  allowIf('StringLike: * spans slashes', `${OPS}: String`, { StringLike: { [k]: 'home/*' } }, { [k]: 'home/alice/docs/' }, 'Allowed'),
  allowIf('StringLike is case-sensitive', `${OPS}: String`, { StringLike: { [k]: 'HOME/*' } }, { [k]: 'home/x' }, 'ImplicitlyDenied'),
  allowIf('StringNotLike excludes the pattern', `${OPS}: String`, { StringNotLike: { [k]: 'secret/*' } }, { [k]: 'secret/x' }, 'ImplicitlyDenied'),
  allowIf('StringNotLike allows others', `${OPS}: String`, { StringNotLike: { [k]: 'secret/*' } }, { [k]: 'public/x' }, 'Allowed'),
  allowIf('operators in one block are ANDed', LOGIC, { StringEquals: { [k]: 'home/' }, StringLike: { 's3:delimiter': '/' } }, { [k]: 'home/', 's3:delimiter': '|' }, 'ImplicitlyDenied'),
  allowIf('NumericEquals', `${OPS}: Numeric`, { NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, 'Allowed'),
  allowIf('NumericEquals compares numbers, not text (10.0 = 10)', `${OPS}: Numeric`, { NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10.0' }, 'Allowed'),
  allowIf('NumericNotEquals', `${OPS}: Numeric`, { NumericNotEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, 'ImplicitlyDenied'),
  allowIf('NumericLessThan', `${OPS}: Numeric`, { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '9' }, 'Allowed'),
  allowIf('NumericLessThan is strict', `${OPS}: Numeric`, { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, 'ImplicitlyDenied'),
  allowIf('NumericLessThanEquals', `${OPS}: Numeric`, { NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, 'Allowed'),
  allowIf('NumericGreaterThan', `${OPS}: Numeric`, { NumericGreaterThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' }, 'Allowed'),
  allowIf('NumericGreaterThanEquals', `${OPS}: Numeric`, { NumericGreaterThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '9' }, 'ImplicitlyDenied'),
  allowIf('a non-numeric request value never matches a Numeric operator', `${OPS}: Numeric`, { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': 'ten' }, 'ImplicitlyDenied'),
  allowIf('DateEquals (ISO 8601)', `${OPS}: Date`, { DateEquals: { 'aws:CurrentTime': '2026-06-01T12:00:00Z' } }, {}, 'Allowed'),
  allowIf('DateNotEquals', `${OPS}: Date`, { DateNotEquals: { 'aws:CurrentTime': '2026-06-01T12:00:00Z' } }, {}, 'ImplicitlyDenied'),
  allowIf('DateLessThanEquals', `${OPS}: Date`, { DateLessThanEquals: { 'aws:CurrentTime': '2026-06-01T12:00:00Z' } }, {}, 'Allowed'),
  allowIf('DateGreaterThanEquals (date only)', `${OPS}: Date`, { DateGreaterThanEquals: { 'aws:CurrentTime': '2026-06-02' } }, {}, 'ImplicitlyDenied'),
  allowIf('DateLessThan a future time window', `${OPS}: Date`, { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' }, DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, {}, 'Allowed'),
  allowIf('NumericLessThan on aws:EpochTime', `${KEYS}#condition-keys-epochtime`, { NumericLessThan: { 'aws:EpochTime': '1800000000' } }, {}, 'Allowed'),
  allowIf('Bool true matches "true" case-insensitively', `${OPS}: Bool`, { Bool: { 'aws:SecureTransport': 'TRUE' } }, {}, 'Allowed'),
  allowIf('Bool accepts a JSON boolean in the policy', `${OPS}: Bool`, { Bool: { 'aws:SecureTransport': true } }, {}, 'Allowed'),
  allowIf('BinaryEquals compares base64 values', `${OPS}: Binary`, { BinaryEquals: { 'warden:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { 'warden:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }, 'Allowed'),
  allowIf('BinaryEquals with different bytes', `${OPS}: Binary`, { BinaryEquals: { 'warden:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { 'warden:blob': 'b3RoZXI=' }, 'ImplicitlyDenied'),
  allowIf('IpAddress: a single address without prefix', `${OPS}: IP`, { IpAddress: { 'aws:SourceIp': '10.1.2.3' } }, {}, 'Allowed'),
  allowIf('IpAddress: a list of ranges is ORed', `${OPS}: IP`, { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '10.1.0.0/16'] } }, {}, 'Allowed'),
  allowIf('IpAddress: outside the range', `${OPS}: IP`, { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } }, {}, 'ImplicitlyDenied'),
  allowIf('IpAddress: IPv6 CIDR', `${OPS}: IP (IPv6)`, { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, {}, 'Allowed', { env: { sourceIp: '2001:db8:85a3::8a2e:370:7334' } }),
  allowIf('IpAddress: IPv6 outside the range', `${OPS}: IP (IPv6)`, { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, {}, 'ImplicitlyDenied', { env: { sourceIp: '2001:db9::1' } }),
  allowIf('IpAddress: an IPv4-mapped IPv6 source counts as IPv4', `${OPS}: IP`, { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {}, 'Allowed', { env: { sourceIp: '::ffff:10.9.8.7' } }),
  allowIf('NotIpAddress: an IPv6 caller is not in an IPv4 range', `${OPS}: IP`, { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {}, 'Allowed', { env: { sourceIp: '2001:db8::1' } }),
  allowIf('ArnEquals matches the exact ARN', `${OPS}: ARN`, { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111111111111:topic' } }, { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111111111111:topic' }, 'Allowed'),
  allowIf('ArnLike: a wildcard stays within its segment', `${OPS}: ARN ("each of the six colon-delimited components is checked separately")`, { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111111111111:topic' } }, { 'aws:SourceArn': 'arn:aws:sns:us-east-1:extra:111111111111:topic' }, 'ImplicitlyDenied'),
  allowIf('ArnLike: * in the resource part spans colons', `${OPS}: ARN`, { ArnLike: { 'aws:SourceArn': 'arn:aws:logs:us-east-1:111111111111:log-group:app*' } }, { 'aws:SourceArn': 'arn:aws:logs:us-east-1:111111111111:log-group:app:log-stream:x' }, 'Allowed'),
  allowIf('ArnNotEquals', `${OPS}: ARN`, { ArnNotEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111111111111:topic' } }, { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111111111111:other' }, 'Allowed'),
  allowIf('ArnNotLike', `${OPS}: ARN`, { ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:111111111111:*' } }, { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111111111111:other' }, 'ImplicitlyDenied'),
  allowIf('Null false: the key is present', `${OPS}: Null`, { Null: { [k]: 'false' } }, { [k]: 'x' }, 'Allowed'),
  allowIf('Null false: the key is absent', `${OPS}: Null`, { Null: { [k]: 'false' } }, {}, 'ImplicitlyDenied'),
  allowIf('Null true: the key is present', `${OPS}: Null`, { Null: { [k]: 'true' } }, { [k]: 'x' }, 'ImplicitlyDenied'),
  allowIf('StringLikeIfExists on an absent key is true', `${OPS}: …IfExists`, { StringLikeIfExists: { [k]: 'home/*' } }, {}, 'Allowed'),
  allowIf('NumericLessThanIfExists on a present key still compares', `${OPS}: …IfExists`, { NumericLessThanIfExists: { 's3:max-keys': '10' } }, { 's3:max-keys': '50' }, 'ImplicitlyDenied'),
  allowIf('ForAllValues: every request value is allowed', MULTI, { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, { 'aws:TagKeys': ['team', 'env'] }, 'Allowed'),
  allowIf('ForAllValues: an empty set is true', MULTI, { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': [] }, 'Allowed'),
  allowIf('ForAllValues:StringLike with patterns', MULTI, { 'ForAllValues:StringLike': { 'aws:TagKeys': ['env*', 'team'] } }, { 'aws:TagKeys': ['env-1', 'environment'] }, 'Allowed'),
  allowIf('ForAnyValue: an empty set is false', MULTI, { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': [] }, 'ImplicitlyDenied'),
  allowIf('ForAnyValue:StringNotEquals: one value differs', MULTI, { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': ['env', 'cost'] }, 'Allowed'),
  allowIf('ForAllValues:StringNotEquals: no value may be listed', MULTI, { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['owner'] } }, { 'aws:TagKeys': ['env', 'owner'] }, 'ImplicitlyDenied'),
  allowIf('ForAnyValueIfExists on an absent key is true', `${MULTI}; ${OPS}: …IfExists`, { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['env'] } }, {}, 'Allowed'),
  allowIf('a multivalued key under a plain operator: any value may match', MULTI, { StringEquals: { 'aws:TagKeys': 'env' } }, { 'aws:TagKeys': ['cost', 'env'] }, 'Allowed'),
  allowIf('a multivalued key under a negated plain operator: no value may match', MULTI, { StringNotEquals: { 'aws:TagKeys': 'env' } }, { 'aws:TagKeys': ['cost', 'env'] }, 'ImplicitlyDenied'),
  denyIf('Deny StringNotEquals on a present, matching value does not apply', OPS, { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } }, {}, 'Allowed'),
  denyIf('Deny StringNotEquals aws:RequestedRegion applies outside the region', `${KEYS}#condition-keys-requestedregion`, { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } }, {}, 'ExplicitlyDenied'),
  denyIf('Deny NumericGreaterThan on an absent key does not apply', OPS, { NumericGreaterThan: { 's3:max-keys': '100' } }, {}, 'Allowed'),
  allowIf('condition key names are case-insensitive (PrincipalTag)', KEYS, { StringEquals: { 'AWS:PRINCIPALTAG/Team': 'blue' } }, {}, 'Allowed', { tags: { team: 'blue' } }),
  allowIf('aws:userid of an IAM user', `${KEYS}#condition-keys-userid`, { StringLike: { 'aws:userid': 'AIDA*' } }, {}, 'Allowed'),
  { name: 'aws:userid of a role session is AROA…:session', rule: `${KEYS}#condition-keys-userid`, principal: session('app', 'worker-1'), action: 's3:GetObject', resource: '*', identity: [doc(allow('s3:GetObject', '*', when({ StringLike: { 'aws:userid': 'AROA*:worker-*' } })))], expect: 'Allowed' },
  { name: 'aws:username is absent for a role session', rule: `${KEYS}#condition-keys-username`, principal: session('app', 's1'), action: 's3:GetObject', resource: '*', identity: [doc(allow('s3:GetObject', '*', when({ Null: { 'aws:username': 'true' } })))], expect: 'Allowed' },
  { name: 'aws:PrincipalType is AssumedRole for a session', rule: `${KEYS}#condition-keys-principaltype`, principal: session('app', 's1'), action: 's3:GetObject', resource: '*', identity: [doc(allow('s3:GetObject', '*', when({ StringEquals: { 'aws:PrincipalType': 'AssumedRole' } })))], expect: 'Allowed' },
  { name: 'aws:PrincipalType is Account for the root user', rule: `${KEYS}#condition-keys-principaltype`, principal: root(), action: 'secretsmanager:GetSecretValue', resource: `arn:aws:secretsmanager:us-east-1:${A}:secret:x-AbCdEf`, resourcePolicy: doc(deny('secretsmanager:*', '*', { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalType': 'Account' } } })), expect: 'ExplicitlyDenied' },
  { name: 'aws:MultiFactorAuthPresent is true for an MFA session', rule: `${KEYS}#condition-keys-multifactorauthpresent`, principal: session('app', 's1', A, { mfa: true }), action: 's3:GetObject', resource: '*', identity: [doc(allow('s3:GetObject', '*', when({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })))], expect: 'Allowed' },
  { name: 'aws:MultiFactorAuthAge below a limit', rule: `${KEYS}#condition-keys-multifactorauthage`, principal: session('app', 's1', A, { mfa: true, issued: '2026-06-01T11:30:00Z' }), action: 's3:GetObject', resource: '*', identity: [doc(allow('s3:GetObject', '*', when({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } })))], expect: 'Allowed' },
  { name: 'aws:MultiFactorAuthAge is absent without MFA', rule: `${KEYS}#condition-keys-multifactorauthage`, principal: session('app', 's1'), action: 's3:GetObject', resource: '*', identity: [doc(allow('s3:GetObject', '*', when({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } })))], expect: 'ImplicitlyDenied', missing: ['aws:MultiFactorAuthAge'] },
  { name: 'aws:TokenIssueTime of a session', rule: `${KEYS}#condition-keys-tokenissuetime`, principal: session('app', 's1'), action: 's3:GetObject', resource: '*', identity: [doc(allow('s3:GetObject', '*', when({ DateGreaterThan: { 'aws:TokenIssueTime': '2026-06-01T10:00:00Z' } })))], expect: 'Allowed' },
  allowIf('aws:SecureTransport false over HTTP', `${KEYS}#condition-keys-securetransport`, { Bool: { 'aws:SecureTransport': 'false' } }, {}, 'Allowed', { env: { secureTransport: false } }),
  allowIf('the operation\'s service key wins over nothing: iam:PassedToService', 'IAM UG reference_policies_iam-condition-keys#ck_PassedToService', { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } }, { 'iam:PassedToService': 'ec2.amazonaws.com' }, 'Allowed'),
  allowIf('aws:ResourceAccount is computed from the resource', `${KEYS}#condition-keys-resourceaccount`, { StringEquals: { 'aws:ResourceAccount': A } }, {}, 'Allowed', { resource: `arn:aws:secretsmanager:us-east-1:${A}:secret:x-AbCdEf` }),
];
