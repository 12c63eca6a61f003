import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  type IAMClient,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  type ContextEntry,
} from '@aws-sdk/client-iam';
import type { Running } from '../../harness.js';
import { ACCOUNT, allow, asUser, deny, doc, eventOf, rejects, startIam, TRUST_EC2, userWithKey } from './helpers.js';

const BUCKET = 'arn:aws:s3:::reports/q1.csv';

describe('iam Policy Simulator: SimulateCustomPolicy / SimulatePrincipalPolicy / GetContextKeysFor*', () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => ({ w, iam } = await startIam()));
  after(() => w.stop());

  const custom = (PolicyInputList: string[], ActionNames: string[], extra: Partial<ConstructorParameters<typeof SimulateCustomPolicyCommand>[0]> = {}) =>
    iam.send(new SimulateCustomPolicyCommand({ PolicyInputList, ActionNames, ...extra }));

  it('allowed, explicitDeny and implicitDeny, one result per action; matched statements with positions', async () => {
    // One line, json.dumps-style spacing: the first statement starts just after `[` (column 41).
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [allow('s3:GetObject'), deny('s3:DeleteObject')] }).replace(/":/g, '": ').replace(/,"/g, ', "');
    const out = await custom([policy], ['s3:GetObject', 's3:DeleteObject', 's3:PutObject']);
    const [get, del, put] = out.EvaluationResults!;
    assert.equal(out.IsTruncated, false);
    assert.deepEqual(
      out.EvaluationResults!.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision]),
      [
        ['s3:GetObject', '*', 'allowed'],
        ['s3:DeleteObject', '*', 'explicitDeny'],
        ['s3:PutObject', '*', 'implicitDeny'],
      ],
    );
    const first = policy.indexOf('{', 1);
    const firstEnd = policy.indexOf('}') + 1;
    assert.deepEqual(get!.MatchedStatements, [
      { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 1, Column: first + 1 }, EndPosition: { Line: 1, Column: firstEnd + 1 } },
    ]);
    assert.equal(first + 1, 41);
    // The second statement starts where the first ends (its `,` and space belong to it).
    assert.deepEqual(del!.MatchedStatements![0]!.StartPosition, { Line: 1, Column: firstEnd + 1 });
    assert.deepEqual(del!.MatchedStatements![0]!.EndPosition, { Line: 1, Column: policy.lastIndexOf('}', policy.length - 2) + 2 });
    assert.deepEqual(put!.MatchedStatements, []);
    assert.deepEqual(put!.MissingContextValues, []);
    assert.equal(get!.EvalDecisionDetails, undefined, 'same account, resource *: not returned');
    assert.equal(get!.ResourceSpecificResults, undefined);
  });

  it('positions in a pretty-printed document (AWS CLI example: 4-space JSON, statement from 3:19 to 9:10)', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'List', Effect: 'Allow', Action: 'codecommit:ListRepositories', Resource: '*' }] }, null, 4);
    const out = await custom([policy], ['codecommit:ListRepositories']);
    const [s] = out.EvaluationResults![0]!.MatchedStatements!;
    assert.deepEqual([s!.StartPosition, s!.EndPosition], [{ Line: 3, Column: 19 }, { Line: 9, Column: 10 }]);
  });

  it('ResourceArns: per-resource results, missing context values under ResourceSpecificResults, empty EvalDecisionDetails', async () => {
    const policy = doc(allow('s3:GetObject', 'arn:aws:s3:::reports/*'), { Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: { 's3:x-amz-acl': 'private' } } });
    const out = await custom([policy], ['s3:GetObject', 's3:PutObject'], { ResourceArns: [BUCKET, 'arn:aws:s3:::other/x'] });
    const r = out.EvaluationResults!;
    assert.deepEqual(r.map((x) => [x.EvalActionName, x.EvalResourceName, x.EvalDecision]), [
      ['s3:GetObject', BUCKET, 'allowed'],
      ['s3:GetObject', 'arn:aws:s3:::other/x', 'implicitDeny'],
      ['s3:PutObject', BUCKET, 'implicitDeny'],
      ['s3:PutObject', 'arn:aws:s3:::other/x', 'implicitDeny'],
    ]);
    assert.deepEqual(r[0]!.EvalDecisionDetails, {});
    assert.deepEqual(r[2]!.MissingContextValues, []);
    assert.equal(r[2]!.ResourceSpecificResults!.length, 1);
    assert.deepEqual(r[2]!.ResourceSpecificResults![0]!.EvalResourceName, BUCKET);
    assert.deepEqual(r[2]!.ResourceSpecificResults![0]!.EvalResourceDecision, 'implicitDeny');
    assert.deepEqual(r[2]!.ResourceSpecificResults![0]!.MissingContextValues, ['s3:x-amz-acl']);
  });

  it('context entries of each type decide conditions; the simulator supplies no global keys itself', async () => {
    const cond = (Condition: object) => doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition });
    const run = async (Condition: object, entries: ContextEntry[]) => (await custom([cond(Condition)], ['s3:GetObject'], { ContextEntries: entries })).EvaluationResults![0]!;
    const cases: [object, ContextEntry[], ContextEntry[]][] = [
      [{ StringEquals: { 's3:prefix': 'home/' } }, [{ ContextKeyName: 's3:prefix', ContextKeyValues: ['home/'], ContextKeyType: 'string' }], [{ ContextKeyName: 's3:prefix', ContextKeyValues: ['work/'], ContextKeyType: 'string' }]],
      [{ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, [{ ContextKeyName: 'aws:TagKeys', ContextKeyValues: ['env'], ContextKeyType: 'stringList' }], [{ ContextKeyName: 'aws:TagKeys', ContextKeyValues: ['env', 'cost'], ContextKeyType: 'stringList' }]],
      [{ NumericLessThan: { 's3:max-keys': '10' } }, [{ ContextKeyName: 's3:max-keys', ContextKeyValues: ['9'], ContextKeyType: 'numeric' }], [{ ContextKeyName: 's3:max-keys', ContextKeyValues: ['10'], ContextKeyType: 'numeric' }]],
      [{ 'ForAnyValue:NumericEquals': { 'warden:n': '3' } }, [{ ContextKeyName: 'warden:n', ContextKeyValues: ['1', '3'], ContextKeyType: 'numericList' }], [{ ContextKeyName: 'warden:n', ContextKeyValues: ['1', '2'], ContextKeyType: 'numericList' }]],
      [{ Bool: { 'aws:SecureTransport': 'true' } }, [{ ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['true'], ContextKeyType: 'boolean' }], [{ ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['false'], ContextKeyType: 'boolean' }]],
      [{ 'ForAllValues:Bool': { 'warden:flags': 'true' } }, [{ ContextKeyName: 'warden:flags', ContextKeyValues: ['true', 'true'], ContextKeyType: 'booleanList' }], [{ ContextKeyName: 'warden:flags', ContextKeyValues: ['true', 'false'], ContextKeyType: 'booleanList' }]],
      [{ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, [{ ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['203.0.113.9'], ContextKeyType: 'ip' }], [{ ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['198.51.100.1'], ContextKeyType: 'ip' }]],
      [{ 'ForAnyValue:IpAddress': { 'warden:ips': '10.0.0.0/8' } }, [{ ContextKeyName: 'warden:ips', ContextKeyValues: ['192.0.2.1', '10.1.1.1'], ContextKeyType: 'ipList' }], [{ ContextKeyName: 'warden:ips', ContextKeyValues: ['192.0.2.1'], ContextKeyType: 'ipList' }]],
      [{ BinaryEquals: { 'warden:blob': 'aGVsbG8=' } }, [{ ContextKeyName: 'warden:blob', ContextKeyValues: ['aGVsbG8='], ContextKeyType: 'binary' }], [{ ContextKeyName: 'warden:blob', ContextKeyValues: ['b3RoZXI='], ContextKeyType: 'binary' }]],
      [{ 'ForAnyValue:BinaryEquals': { 'warden:blobs': 'aGVsbG8=' } }, [{ ContextKeyName: 'warden:blobs', ContextKeyValues: ['b3RoZXI=', 'aGVsbG8='], ContextKeyType: 'binaryList' }], [{ ContextKeyName: 'warden:blobs', ContextKeyValues: ['b3RoZXI='], ContextKeyType: 'binaryList' }]],
      [{ DateGreaterThan: { 'aws:CurrentTime': '2018-04-25T12:00:00Z' } }, [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2018-04-26T00:00:00Z'], ContextKeyType: 'date' }], [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2018-04-25T11:00:00Z'], ContextKeyType: 'date' }]],
      [{ 'ForAllValues:DateLessThan': { 'warden:dates': '2020-01-01T00:00:00Z' } }, [{ ContextKeyName: 'warden:dates', ContextKeyValues: ['2019-01-01T00:00:00Z', '2019-06-01T00:00:00Z'], ContextKeyType: 'dateList' }], [{ ContextKeyName: 'warden:dates', ContextKeyValues: ['2019-01-01T00:00:00Z', '2021-01-01T00:00:00Z'], ContextKeyType: 'dateList' }]],
    ];
    for (const [condition, yes, no] of cases) {
      const label = JSON.stringify(condition);
      assert.equal((await run(condition, yes)).EvalDecision, 'allowed', label);
      assert.equal((await run(condition, no)).EvalDecision, 'implicitDeny', label);
    }
    // No entry for aws:CurrentTime: the simulator does not supply the time; the key is reported missing.
    const missing = await run({ DateGreaterThan: { 'aws:CurrentTime': '2018-04-25T12:00:00Z' } }, []);
    assert.equal(missing.EvalDecision, 'implicitDeny');
    assert.deepEqual(missing.MissingContextValues, ['aws:CurrentTime']);
  });

  it('permissions boundary: PermissionsBoundaryDecisionDetail and the boundary statement', async () => {
    const boundary = doc(allow('s3:*'));
    const out = await custom([doc(allow(['s3:GetObject', 'ec2:RunInstances']))], ['s3:GetObject', 'ec2:RunInstances'], { PermissionsBoundaryPolicyInputList: [boundary] });
    const [s3, ec2] = out.EvaluationResults!;
    assert.equal(s3!.EvalDecision, 'allowed');
    assert.deepEqual(s3!.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: true });
    assert.deepEqual(s3!.MatchedStatements!.map((m) => [m.SourcePolicyId, m.SourcePolicyType]), [
      ['PolicyInputList.1', 'IAM Policy'],
      ['PermissionsBoundaryPolicyInputList.1', 'Permissions Boundary Policy'],
    ]);
    assert.equal(ec2!.EvalDecision, 'implicitDeny');
    assert.deepEqual(ec2!.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: false });
  });

  it('resource policy: CallerArn names the principal; cross-account details per side; ResourceOwner', async () => {
    const other = 'arn:aws:iam::222222222222:user/carol';
    const bucketPolicy = doc({ Effect: 'Allow', Principal: { AWS: other }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' });
    const cross = await custom([doc(allow('s3:GetObject'))], ['s3:GetObject'], { ResourceArns: [BUCKET], ResourcePolicy: bucketPolicy, CallerArn: other, ResourceOwner: `arn:aws:iam::${ACCOUNT}:root` });
    const r = cross.EvaluationResults![0]!;
    assert.equal(r.EvalDecision, 'allowed');
    assert.deepEqual(r.EvalDecisionDetails, { 'IAM Policy': 'allowed', 'Resource Policy': 'allowed' });
    assert.deepEqual(r.MatchedStatements!.map((m) => [m.SourcePolicyId, m.SourcePolicyType]), [
      ['ResourcePolicy', 'Resource Policy'],
      ['PolicyInputList.1', 'IAM Policy'],
    ]);
    // Without the identity side the cross-account request is denied.
    const noIdentity = await custom([doc(allow('sqs:*'))], ['s3:GetObject'], { ResourceArns: [BUCKET], ResourcePolicy: bucketPolicy, CallerArn: other, ResourceOwner: `arn:aws:iam::${ACCOUNT}:root` });
    assert.equal(noIdentity.EvaluationResults![0]!.EvalDecision, 'implicitDeny');
    assert.deepEqual(noIdentity.EvaluationResults![0]!.EvalDecisionDetails, { 'IAM Policy': 'implicitDeny', 'Resource Policy': 'allowed' });
    // Same account: a resource policy naming the user allows on its own.
    const mine = `arn:aws:iam::${ACCOUNT}:user/dave`;
    const same = await custom([doc(allow('sqs:*'))], ['s3:GetObject'], { ResourceArns: [BUCKET], ResourcePolicy: doc({ Effect: 'Allow', Principal: { AWS: mine }, Action: 's3:GetObject', Resource: '*' }), CallerArn: mine });
    assert.equal(same.EvaluationResults![0]!.EvalDecision, 'allowed');
  });

  it('MaxItems and Marker page through the evaluation results', async () => {
    const actions = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 's3:CreateBucket'];
    const p1 = await custom([doc(allow('s3:*'))], actions, { MaxItems: 2 });
    assert.equal(p1.IsTruncated, true);
    const p2 = await custom([doc(allow('s3:*'))], actions, { MaxItems: 2, Marker: p1.Marker! });
    const p3 = await custom([doc(allow('s3:*'))], actions, { MaxItems: 2, Marker: p2.Marker! });
    assert.equal(p3.IsTruncated, false);
    assert.deepEqual([...p1.EvaluationResults!, ...p2.EvaluationResults!, ...p3.EvaluationResults!].map((r) => r.EvalActionName), actions);
  });

  it('SimulatePrincipalPolicy: a user with its own, its group\'s and a managed policy, and its boundary', async () => {
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'sim-dynamo', PolicyDocument: doc(allow('dynamodb:GetItem')) }));
    await iam.send(new CreateGroupCommand({ GroupName: 'sim-readers' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'sim-readers', PolicyArn: Policy!.Arn! }));
    await userWithKey(iam, 'sim-erin');
    await iam.send(new AddUserToGroupCommand({ GroupName: 'sim-readers', UserName: 'sim-erin' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'sim-erin', PolicyName: 'own', PolicyDocument: doc(allow('s3:GetObject'), deny('s3:DeleteObject')) }));
    const arn = `arn:aws:iam::${ACCOUNT}:user/sim-erin`;
    const sim = (ActionNames: string[]) => iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames }));
    let out = await sim(['s3:GetObject', 's3:DeleteObject', 'dynamodb:GetItem', 'sqs:SendMessage']);
    assert.deepEqual(out.EvaluationResults!.map((r) => r.EvalDecision), ['allowed', 'explicitDeny', 'allowed', 'implicitDeny']);
    assert.deepEqual(out.EvaluationResults![0]!.MatchedStatements!.map((m) => [m.SourcePolicyId, m.SourcePolicyType]), [['own', 'IAM Policy']]);
    assert.deepEqual(out.EvaluationResults![2]!.MatchedStatements!.map((m) => [m.SourcePolicyId, m.SourcePolicyType]), [['sim-dynamo', 'IAM Policy']]);
    // The stored boundary applies; a PermissionsBoundaryPolicyInputList replaces it.
    const { Policy: b } = await iam.send(new CreatePolicyCommand({ PolicyName: 'sim-boundary', PolicyDocument: doc(allow('s3:*')) }));
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'sim-erin', PermissionsBoundary: b!.Arn! }));
    out = await sim(['s3:GetObject', 'dynamodb:GetItem']);
    assert.deepEqual(out.EvaluationResults!.map((r) => [r.EvalDecision, r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary]), [['allowed', true], ['implicitDeny', false]]);
    assert.deepEqual(out.EvaluationResults![0]!.MatchedStatements!.map((m) => [m.SourcePolicyId, m.SourcePolicyType]), [['own', 'IAM Policy'], ['sim-boundary', 'Permissions Boundary Policy']]);
    const replaced = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['dynamodb:GetItem'], PermissionsBoundaryPolicyInputList: [doc(allow('dynamodb:*'))] }));
    assert.equal(replaced.EvaluationResults![0]!.EvalDecision, 'allowed');
    // A group's policies on their own.
    const g = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:group/sim-readers`, ActionNames: ['dynamodb:GetItem', 's3:GetObject'] }));
    assert.deepEqual(g.EvaluationResults!.map((r) => r.EvalDecision), ['allowed', 'implicitDeny']);
  });

  it('SimulatePrincipalPolicy of a role; unknown entities are NoSuchEntity', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'sim-role', AssumeRolePolicyDocument: TRUST_EC2 }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'sim-role', PolicyName: 'r', PolicyDocument: doc(allow('sqs:SendMessage')) }));
    const out = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/sim-role`, ActionNames: ['sqs:SendMessage', 'sqs:DeleteQueue'] }));
    // The role's policies come through the engine's PrincipalPolicySource, as for its sessions.
    assert.deepEqual(out.EvaluationResults!.map((r) => r.EvalDecision), ['allowed', 'implicitDeny']);
    assert.deepEqual(out.EvaluationResults![0]!.MatchedStatements!.map((m) => m.SourcePolicyId), ['r']);
    await rejects(
      iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/nobody`, ActionNames: ['s3:GetObject'] })),
      'NoSuchEntity',
      404,
      'The user with name nobody cannot be found.',
    );
  });

  it('GetContextKeysForCustomPolicy / ForPrincipalPolicy: keys as written, variables included', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2015-08-16T12:00:00Z' } } },
    });
    const out = await iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [policy, doc({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, StringEquals: { 'aws:currenttime': 'x' } } })] }));
    assert.deepEqual(out.ContextKeyNames, ['aws:username', 'aws:CurrentTime', 'aws:SourceIp']);
    await userWithKey(iam, 'sim-frank');
    await iam.send(new PutUserPolicyCommand({ UserName: 'sim-frank', PolicyName: 'p', PolicyDocument: policy }));
    const p = await iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/sim-frank` }));
    assert.deepEqual(p.ContextKeyNames, ['aws:username', 'aws:CurrentTime']);
  });

  it('refuses malformed policies with MalformedPolicyDocument, and bad CallerArns with InvalidInput', async () => {
    await rejects(custom(['{not json'], ['s3:GetObject']), 'MalformedPolicyDocument', 400, 'Syntax errors in policy.');
    await rejects(custom([doc({ Effect: 'Allow', Resource: '*' })], ['s3:GetObject']), 'MalformedPolicyDocument', 400);
    await rejects(custom([doc(allow('s3:*'))], ['s3:GetObject'], { ResourcePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}', CallerArn: `arn:aws:iam::${ACCOUNT}:user/x` }), 'MalformedPolicyDocument', 400);
    await rejects(custom([doc(allow('s3:*'))], ['s3:GetObject'], { CallerArn: `arn:aws:iam::${ACCOUNT}:role/r` }), 'InvalidInput', 400);
    await rejects(custom([doc(allow('s3:*'))], ['s3:GetObject'], { ResourcePolicy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }) }), 'InvalidInput', 400);
  });

  it('a user without iam:Simulate* is denied with AWS text; allowed calls are audited', async () => {
    const gina = await userWithKey(iam, 'sim-gina');
    const client = asUser(w, gina);
    await rejects(
      client.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc(allow('s3:*'))], ActionNames: ['s3:GetObject'] })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${ACCOUNT}:user/sim-gina is not authorized to perform: iam:SimulateCustomPolicy on resource: * because no identity-based policy allows the iam:SimulateCustomPolicy action`,
    );
    const source = `arn:aws:iam::${ACCOUNT}:user/sim-gina`;
    await rejects(
      client.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: source, ActionNames: ['s3:GetObject'] })),
      'AccessDenied',
      403,
      `User: ${source} is not authorized to perform: iam:SimulatePrincipalPolicy on resource: ${source} because no identity-based policy allows the iam:SimulatePrincipalPolicy action`,
    );
    await iam.send(new PutUserPolicyCommand({ UserName: 'sim-gina', PolicyName: 'sim', PolicyDocument: doc(allow(['iam:SimulateCustomPolicy', 'iam:SimulatePrincipalPolicy', 'iam:GetContextKeysFor*'])) }));
    const out = await client.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc(allow('s3:*'))], ActionNames: ['s3:GetObject'] }));
    assert.equal(out.EvaluationResults![0]!.EvalDecision, 'allowed');
    const ev = await eventOf(w, out);
    assert.equal(ev['eventName'], 'SimulateCustomPolicy');
    assert.equal(ev['readOnly'], true);
    assert.equal(ev['eventSource'], 'iam.amazonaws.com');
    assert.deepEqual(ev['requestParameters'].actionNames, ['s3:GetObject']);
    const [d] = ev['additionalEventData'].warden.authorization;
    assert.equal(d.action, 'iam:SimulateCustomPolicy');
    assert.equal(d.allowed, true);
    const keys = await client.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: source }));
    assert.deepEqual(keys.ContextKeyNames, []);
    assert.equal((await eventOf(w, keys))['eventName'], 'GetContextKeysForPrincipalPolicy');
  });
});
