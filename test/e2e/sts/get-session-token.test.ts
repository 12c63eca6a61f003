import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  ListPoliciesCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { ManualClock } from '../../../src/core/clock.js';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, rejects, unique } from '../iam/helpers.js';
import { enabledDevice, totp } from '../iam/mfa-helpers.js';

const session = (c: Credentials) => ({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/**
 * The course scenario: an administrator sets up a group and a user; the user is denied until a
 * policy allows; then MFA is required by a condition, satisfied through GetSessionToken and
 * AssumeRole with a code; sessions end when they expire.
 */
describe('sts MFA: the course scenario', () => {
  let w: Running;
  let clock: ManualClock;
  const group = unique('devs');
  const alice = unique('alice');
  let key: Creds;
  let device: { serial: string; seed: string };

  // Clients sign with Warden's (moved) clock, so signatures stay within the 5-minute window. A fresh
  // client per call: the SDK resets its clock offset from the Date header of an error response.
  const as = <C>(ctor: new (c: Record<string, unknown>) => C, credentials: Creds): C => w.client(ctor, { credentials, systemClockOffset: clock.now() - Date.now() });
  const admin = () => as(IAMClient, { accessKeyId: 'test', secretAccessKey: 'test' });
  const code = () => totp(device.seed, clock.now());
  const nextStep = () => clock.advance(30_000);

  before(async () => {
    clock = new ManualClock(Date.now());
    w = await startTestWarden([], { clock });
  });
  after(() => w.stop());

  it('admin creates a group, a user in it and an access key; the user is denied, then allowed by a group policy', async () => {
    await admin().send(new CreateGroupCommand({ GroupName: group }));
    await admin().send(new CreateUserCommand({ UserName: alice }));
    await admin().send(new AddUserToGroupCommand({ GroupName: group, UserName: alice }));
    const { AccessKey } = await admin().send(new CreateAccessKeyCommand({ UserName: alice }));
    key = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    await rejects(as(IAMClient, key).send(new ListUsersCommand({})), 'AccessDenied', 403, new RegExp(`user/${alice} is not authorized to perform: iam:ListUsers`));
    await admin().send(new PutGroupPolicyCommand({ GroupName: group, PolicyName: 'read', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:ListUsers', 'iam:ListRoles', 'iam:ListPolicies', 'sts:AssumeRole'], Resource: '*' }] }) }));
    const out = await as(IAMClient, key).send(new ListUsersCommand({}));
    assert.ok(out.Users!.some((u) => u.UserName === alice));
  });

  it('MFA required by a condition: denied without an MFA session, allowed with GetSessionToken + a code', async () => {
    device = await enabledDevice(admin(), clock, alice);
    // AWS's idiom (IAM UG, reference_policies_examples_aws_mfa-dates / id_credentials_mfa_configure-api-require):
    // deny everything but MFA self-service unless MFA is present — BoolIfExists also denies long-term keys.
    await admin().send(
      new PutGroupPolicyCommand({
        GroupName: group,
        PolicyName: 'require-mfa',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Sid: 'DenyWithoutMFA', Effect: 'Deny', NotAction: ['iam:ListUsers', 'sts:GetSessionToken', 'iam:ListMFADevices'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
            { Sid: 'FreshMFAForPolicies', Effect: 'Deny', Action: 'iam:ListPolicies', Resource: '*', Condition: { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } } },
          ],
        }),
      }),
    );
    // Long-term key: aws:MultiFactorAuthPresent is absent, so BoolIfExists matches and denies.
    await rejects(as(IAMClient, key).send(new ListRolesCommand({})), 'AccessDenied', 403, /with an explicit deny in an identity-based policy/);
    await as(IAMClient, key).send(new ListUsersCommand({})); // not covered by the deny
    // A session without MFA cannot call IAM at all: AWS refuses its token before any policy.
    const plain = await as(STSClient, key).send(new GetSessionTokenCommand({}));
    await rejects(as(IAMClient, session(plain.Credentials!)).send(new ListUsersCommand({})), 'InvalidClientTokenId', 403);
    // Wrong code, missing code, a device of nobody: AWS's texts.
    const sts = () => as(STSClient, key);
    await rejects(sts().send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: '000000' })), 'AccessDenied', 403, 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.');
    await rejects(sts().send(new GetSessionTokenCommand({ SerialNumber: device.serial })), 'AccessDenied', 403, 'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.');
    await rejects(sts().send(new GetSessionTokenCommand({ SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/nobody`, TokenCode: code() })), 'AccessDenied', 403, /unable to validate MFA code/);
    // The right code gives an MFA session.
    const mfa = await sts().send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: code() }));
    const tokenEvent = await w.eventFor(mfa.$metadata.requestId!);
    assert.equal(tokenEvent['requestParameters'].serialNumber, device.serial);
    assert.ok(!JSON.stringify(tokenEvent).includes(code()));
    // The same code is not accepted twice.
    await rejects(sts().send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: code() })), 'AccessDenied', 403, /unable to validate MFA code/);
    const mfaCreds = session(mfa.Credentials!);
    const roles = await as(IAMClient, mfaCreds).send(new ListRolesCommand({}));
    const ev = await w.eventFor(roles.$metadata.requestId!);
    assert.equal(ev['userIdentity'].type, 'IAMUser');
    assert.equal(ev['userIdentity'].sessionContext.attributes.mfaAuthenticated, 'true');
    await as(IAMClient, mfaCreds).send(new ListPoliciesCommand({ MaxItems: 1 }));
    // aws:MultiFactorAuthAge grows from the check: an hour later the fresh-MFA condition denies.
    clock.advance(3_601_000);
    await rejects(as(IAMClient, mfaCreds).send(new ListPoliciesCommand({ MaxItems: 1 })), 'AccessDenied', 403, /iam:ListPolicies/);
    await as(IAMClient, mfaCreds).send(new ListRolesCommand({}));
  });

  it('a role whose trust policy requires MFA is assumed with a code, never without', async () => {
    const roleName = unique('admin-mfa');
    const { Role } = await admin().send(
      new CreateRoleCommand({
        RoleName: roleName,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
        }),
      }),
    );
    nextStep();
    const sts = () => as(STSClient, key);
    const assume = (extra: object = {}) => sts().send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'ops', DurationSeconds: 900, ...extra }));
    // Without MFA the identity policy denies first (BoolIfExists), and the trust policy would not allow anyway.
    await rejects(assume(), 'AccessDenied', 403, /sts:AssumeRole/);
    await rejects(assume({ SerialNumber: device.serial, TokenCode: '123456' }), 'AccessDenied', 403, 'MultiFactorAuthentication failed with invalid MFA one time pass code.');
    const out = await assume({ SerialNumber: device.serial, TokenCode: code() });
    await rejects(assume({ SerialNumber: device.serial, TokenCode: code() }), 'AccessDenied', 403, 'MultiFactorAuthentication failed with invalid MFA one time pass code.');
    const roleCreds = session(out.Credentials!);
    const who = await as(STSClient, roleCreds).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/ops`);
    const ev = await w.eventFor(who.$metadata.requestId!);
    assert.equal(ev['userIdentity'].sessionContext.attributes.mfaAuthenticated, 'true');
    // The trust policy alone (a caller without the group's deny) also refuses a call without MFA.
    const bob = unique('bob');
    await admin().send(new CreateUserCommand({ UserName: bob }));
    await admin().send(new PutUserPolicyCommand({ UserName: bob, PolicyName: 'assume', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) }));
    const { AccessKey } = await admin().send(new CreateAccessKeyCommand({ UserName: bob }));
    const bobKey = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    await rejects(as(STSClient, bobKey).send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'bob' })), 'AccessDenied', 403, /sts:AssumeRole on resource/);
    // An MFA session (GetSessionToken) assumes the role without a new code: the role session inherits MFA.
    nextStep();
    const mfa = await sts().send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: code() }));
    const chained = await as(STSClient, session(mfa.Credentials!)).send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'chained' }));
    assert.match(chained.Credentials!.AccessKeyId!, /^ASIA/);

    // The role session ends when it expires.
    clock.set(out.Credentials!.Expiration!.getTime() - 1000);
    await as(STSClient, roleCreds).send(new GetCallerIdentityCommand({}));
    clock.advance(2_000);
    await rejects(as(STSClient, roleCreds).send(new GetCallerIdentityCommand({})), 'ExpiredToken', 400, 'The security token included in the request is expired');
  });
});
