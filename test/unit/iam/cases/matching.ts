import { A, KEY, SECRET, allow, aws, defaultKeyPolicy, deny, doc, rootArn, session, user, when, type EngineCase } from './helpers.js';

/** Action and resource wildcards, NotAction / NotResource / NotPrincipal, policy variables. */
const ACTION = 'IAM UG reference_policies_elements_action';
const RESOURCE = 'IAM UG reference_policies_elements_resource';
const VARS = 'IAM UG reference_policies_variables';
const NOTP = 'IAM UG reference_policies_elements_notprincipal';
const PRINCIPAL = 'IAM UG reference_policies_elements_principal';

const alice = user('alice');
const secretArn = (name: string) => `arn:aws:secretsmanager:us-east-1:${A}:secret:${name}`;
const get = (resource: string, identity: EngineCase['identity'], expect: EngineCase['expect']) => ({ principal: alice, action: 'secretsmanager:GetSecretValue', resource, identity, expect });

export const matchingCases: EngineCase[] = [
  { name: 'Action "*" matches every action', rule: ACTION, principal: alice, action: 'dynamodb:GetItem', resource: '*', identity: [doc(allow('*'))], expect: 'Allowed' },
  { name: 'a service wildcard does not match another service', rule: ACTION, principal: alice, action: 'kms:Encrypt', resource: KEY, identity: [doc(allow('s3:*'))], resourcePolicy: defaultKeyPolicy(), expect: 'ImplicitlyDenied' },
  { name: 'an infix wildcard kms:*Key*', rule: ACTION, principal: alice, action: 'kms:DescribeKey', resource: KEY, identity: [doc(allow('kms:*Key*'))], resourcePolicy: defaultKeyPolicy(), expect: 'Allowed' },
  { name: 'one action of a list matches', rule: ACTION, principal: alice, action: 's3:PutObject', resource: '*', identity: [doc(allow(['s3:GetObject', 's3:PutObject']))], expect: 'Allowed' },
  { name: 'a request action in odd case matches a lower-case policy', rule: ACTION, principal: alice, action: 'S3:getobject', resource: '*', identity: [doc(allow('s3:GetObject'))], expect: 'Allowed' },
  { name: 'Resource: exact ARN', rule: RESOURCE, ...get(SECRET, [doc(allow('secretsmanager:*', SECRET))], 'Allowed') },
  { name: 'Resource: ? is one character', rule: RESOURCE, ...get(secretArn('db-1-AbCdEf'), [doc(allow('secretsmanager:*', secretArn('db-?-*')))], 'Allowed') },
  { name: 'Resource: ? does not match two characters', rule: RESOURCE, ...get(secretArn('db-12-AbCdEf'), [doc(allow('secretsmanager:*', secretArn('db-?-*')))], 'ImplicitlyDenied') },
  { name: 'Resource: a wildcard in the account segment', rule: RESOURCE, ...get(SECRET, [doc(allow('secretsmanager:*', 'arn:aws:secretsmanager:us-east-1:*:secret:*'))], 'Allowed') },
  { name: 'Resource: a wildcard in a segment does not cross a colon', rule: RESOURCE, principal: alice, action: 'kms:Encrypt', resource: `arn:aws:kms:us-east-1:${A}:alias:key/x`, identity: [doc(allow('kms:Encrypt', `arn:aws:kms:us-east-1:*:key/x`))], expect: 'ImplicitlyDenied' },
  { name: 'Resource: * in the resource part spans colons', rule: RESOURCE, principal: alice, action: 'logs:PutLogEvents', resource: `arn:aws:logs:us-east-1:${A}:log-group:app:log-stream:s1`, identity: [doc(allow('logs:*', `arn:aws:logs:us-east-1:${A}:log-group:app:*`))], expect: 'Allowed' },
  { name: 'Resource: S3 objects under a prefix', rule: RESOURCE, principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket/reports/2026/q1.csv', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::amzn-s3-demo-bucket/reports/*'))], expect: 'Allowed' },
  { name: 'Resource: a specific ARN does not match an action on "*"', rule: `${RESOURCE}: actions without resource types need "*"`, principal: alice, action: 'kms:CreateKey', resource: '*', identity: [doc(allow('kms:CreateKey', KEY))], expect: 'ImplicitlyDenied' },
  { name: 'NotResource allow: everything but one secret', rule: 'IAM UG reference_policies_elements_notresource', ...get(secretArn('other-AbCdEf'), [doc({ Effect: 'Allow', Action: 'secretsmanager:*', NotResource: SECRET })], 'Allowed') },
  { name: 'NotResource allow: not the excluded secret', rule: 'IAM UG reference_policies_elements_notresource', ...get(SECRET, [doc({ Effect: 'Allow', Action: 'secretsmanager:*', NotResource: SECRET })], 'ImplicitlyDenied') },
  { name: 'NotAction deny: deny all but IAM', rule: 'IAM UG reference_policies_elements_notaction', principal: alice, action: 's3:GetObject', resource: '*', identity: [doc(allow('*'), { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' })], expect: 'ExplicitlyDenied' },
  { name: 'NotAction deny: the excluded service stays allowed', rule: 'IAM UG reference_policies_elements_notaction', principal: alice, action: 'iam:ListUsers', resource: '*', identity: [doc(allow('*'), { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' })], expect: 'Allowed' },
  { name: 'NotAction with NotResource', rule: 'IAM UG reference_policies_elements_notaction', principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/x', identity: [doc(allow('*'), { Effect: 'Deny', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::b/*' })], expect: 'Allowed' },
  { name: 'NotPrincipal deny: user and account listed → excluded', rule: NOTP, principal: alice, action: 'secretsmanager:GetSecretValue', resource: SECRET, identity: [doc(allow('secretsmanager:*'))], resourcePolicy: doc({ Effect: 'Deny', NotPrincipal: { AWS: [alice.arn, rootArn(A)] }, Action: '*', Resource: '*' }), expect: 'Allowed' },
  { name: 'NotPrincipal deny: only the user listed → the deny still applies', rule: `${NOTP}: "you must also include the account ARN"`, principal: alice, action: 'secretsmanager:GetSecretValue', resource: SECRET, identity: [doc(allow('secretsmanager:*'))], resourcePolicy: doc({ Effect: 'Deny', NotPrincipal: { AWS: alice.arn }, Action: '*', Resource: '*' }), expect: 'ExplicitlyDenied' },
  { name: 'NotPrincipal deny: a session is excluded with session, role and account ARNs', rule: NOTP, principal: session('app', 's1'), action: 'secretsmanager:GetSecretValue', resource: SECRET, identity: [doc(allow('secretsmanager:*'))], resourcePolicy: doc({ Effect: 'Deny', NotPrincipal: { AWS: [`arn:aws:sts::${A}:assumed-role/app/s1`, `arn:aws:iam::${A}:role/app`, A] }, Action: '*', Resource: '*' }), expect: 'Allowed' },
  { name: 'Principal {"AWS": "<account id>"} is the account principal', rule: `${PRINCIPAL}#principal-accounts`, principal: alice, action: 'secretsmanager:GetSecretValue', resource: SECRET, identity: [doc(allow('secretsmanager:*'))], resourcePolicy: doc(allow('secretsmanager:*', '*', aws(A))), expect: 'Allowed' },
  { name: 'a service principal does not name an IAM user', rule: `${PRINCIPAL}#principal-services`, principal: alice, action: 'secretsmanager:GetSecretValue', resource: SECRET, resourcePolicy: doc(allow('secretsmanager:*', '*', { Principal: { Service: 'lambda.amazonaws.com' } })), expect: 'ImplicitlyDenied' },
  { name: 'a role ARN in a resource policy names the role\'s sessions', rule: `${PRINCIPAL}#principal-roles`, principal: session('app', 's9'), action: 'secretsmanager:GetSecretValue', resource: SECRET, resourcePolicy: doc(allow('secretsmanager:*', '*', aws(`arn:aws:iam::${A}:role/app`))), expect: 'Allowed' },
  { name: '${aws:userid} in Resource', rule: VARS, ...get(secretArn(`${alice.principalId}-AbCdEf`), [doc(allow('secretsmanager:*', secretArn('${aws:userid}-*')))], 'Allowed') },
  { name: '${aws:PrincipalTag/team} in Resource', rule: VARS, ...get(secretArn('blue/db-AbCdEf'), [doc(allow('secretsmanager:*', secretArn('${aws:PrincipalTag/team}/*')))], 'Allowed'), tags: { team: 'blue' } },
  { name: 'a variable default is not used when the key has a value', rule: VARS, ...get(secretArn('team-none-AbCdEf'), [doc(allow('secretsmanager:*', secretArn("team-${aws:PrincipalTag/team, 'none'}-*")))], 'ImplicitlyDenied'), tags: { team: 'blue' } },
  { name: '${*} is a literal asterisk', rule: `${VARS}: special characters`, ...get(secretArn('a*b'), [doc(allow('secretsmanager:*', secretArn('a${*}b')))], 'Allowed') },
  { name: '${*} does not act as a wildcard', rule: `${VARS}: special characters`, ...get(secretArn('axxb'), [doc(allow('secretsmanager:*', secretArn('a${*}b')))], 'ImplicitlyDenied') },
  { name: '${?} and ${$} are literal characters', rule: `${VARS}: special characters`, ...get(secretArn('q?$'), [doc(allow('secretsmanager:*', secretArn('q${?}${$}')))], 'Allowed') },
  { name: 'a substituted value is literal, not a pattern', rule: VARS, ...get(secretArn('blue-AbCdEf'), [doc(allow('secretsmanager:*', secretArn('${aws:PrincipalTag/team}-AbCdEf')))], 'ImplicitlyDenied'), tags: { team: 'b*' } },
  { name: 'Version 2008-10-17: variables are literal text', rule: `${VARS}: "only in version 2012-10-17"`, ...get(secretArn('alice-AbCdEf'), [{ Version: '2008-10-17', Statement: [allow('secretsmanager:*', secretArn('${aws:username}-*'))] }], 'ImplicitlyDenied') },
  { name: 'no Version: variables are literal text', rule: VARS, ...get(secretArn('${aws:username}-x'), [{ Statement: [allow('secretsmanager:*', secretArn('${aws:username}-*'))] }], 'Allowed') },
  { name: 'a variable in a StringLike value keeps the value literal and the pattern wild', rule: VARS, principal: alice, action: 's3:ListBucket', resource: '*', conditions: { 's3:prefix': 'alice/docs/' }, identity: [doc(allow('s3:ListBucket', '*', when({ StringLike: { 's3:prefix': '${aws:username}/*' } })))], expect: 'Allowed' },
  { name: 'a variable naming a multivalued key does not resolve', rule: VARS, principal: alice, action: 's3:ListBucket', resource: '*', conditions: { 's3:prefix': 'a', 'aws:TagKeys': ['a', 'b'] }, identity: [doc(allow('s3:ListBucket', '*', when({ StringEquals: { 's3:prefix': '${aws:TagKeys}' } })))], expect: 'ImplicitlyDenied' },
  { name: 'a variable in a Deny NotResource', rule: VARS, principal: alice, action: 'secretsmanager:GetSecretValue', resource: secretArn('bob-AbCdEf'), identity: [doc(allow('secretsmanager:*'), { Effect: 'Deny', Action: 'secretsmanager:*', NotResource: secretArn('${aws:username}-*') })], expect: 'ExplicitlyDenied' },
  { name: 'a variable in an ArnLike value', rule: VARS, principal: alice, action: 's3:GetObject', resource: '*', conditions: { 'aws:SourceArn': 'arn:aws:s3:::alice-bucket' }, identity: [doc(allow('s3:GetObject', '*', when({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::${aws:username}-*' } })))], expect: 'Allowed' },
  { name: 'Deny with Principal "*" applies to everyone', rule: PRINCIPAL, principal: alice, action: 'secretsmanager:GetSecretValue', resource: SECRET, identity: [doc(allow('secretsmanager:*'))], resourcePolicy: doc(deny('secretsmanager:GetSecretValue', '*', { Principal: '*' })), expect: 'ExplicitlyDenied' },
];
