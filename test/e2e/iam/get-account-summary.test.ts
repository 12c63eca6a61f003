import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachUserPolicyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccountAliasCommand,
  GetAccountSummaryCommand,
  IAMClient,
  ListAccountAliasesCommand,
} from '@aws-sdk/client-iam';
import type { Running } from '../../harness.js';
import { ACCOUNT, allow, asUser, doc, eventOf, rejects, startIam, TRUST_EC2, userWithKey } from './helpers.js';

describe('iam account: GetAccountSummary and account aliases', () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => ({ w, iam } = await startIam()));
  after(() => w.stop());

  it('GetAccountSummary counts entities and reports AWS quotas', async () => {
    const before = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    assert.equal(before['Users'], 0);
    assert.equal(before['UsersQuota'], 5000);
    assert.equal(before['AccessKeysPerUserQuota'], 2);
    assert.equal(before['PolicySizeQuota'], 6144);
    await iam.send(new CreateUserCommand({ UserName: 'sum' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'sum' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'sum', AssumeRolePolicyDocument: TRUST_EC2 }));
    const p = await iam.send(new CreatePolicyCommand({ PolicyName: 'sum', PolicyDocument: doc(allow('s3:*')) }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'sum', PolicyArn: p.Policy!.Arn! }));
    const out = await iam.send(new GetAccountSummaryCommand({}));
    const m = out.SummaryMap!;
    assert.deepEqual([m['Users'], m['Groups'], m['Roles'], m['Policies'], m['PolicyVersionsInUse']], [1, 1, 1, 1, 1]);
    const ev = await eventOf(w, out);
    assert.equal(ev['eventName'], 'GetAccountSummary');
    assert.equal(ev['readOnly'], true);
  });

  it('CreateAccountAlias, ListAccountAliases, DeleteAccountAlias; a new alias replaces the old', async () => {
    assert.deepEqual((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'my-company' }));
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'my-company' }));
    assert.deepEqual((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases, ['my-company']);
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'renamed-co' }));
    const list = await iam.send(new ListAccountAliasesCommand({}));
    assert.deepEqual(list.AccountAliases, ['renamed-co']);
    assert.equal(list.IsTruncated, false);
    await rejects(iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'my-company' })), 'NoSuchEntity', 404, 'The account alias my-company cannot be found.');
    await rejects(iam.send(new CreateAccountAliasCommand({ AccountAlias: 'Bad_Alias' })), 'ValidationError', 400, /accountAlias/);
    await iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'renamed-co' }));
    assert.deepEqual((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
  });

  it('an alias is unique across accounts', async () => {
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'taken-alias' }));
    const other = w.client(IAMClient, { credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
    await rejects(other.send(new CreateAccountAliasCommand({ AccountAlias: 'taken-alias' })), 'EntityAlreadyExists', 409, 'The account alias taken-alias already exists.');
    assert.deepEqual((await other.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
    assert.equal((await other.send(new GetAccountSummaryCommand({}))).SummaryMap!['Users'], 0); // one IAM per account
  });

  it('denies a user without permission, naming `*` as IAM does', async () => {
    const al = await userWithKey(iam, 'al');
    const a = asUser(w, al);
    await rejects(a.send(new GetAccountSummaryCommand({})), 'AccessDenied', 403, `User: arn:aws:iam::${ACCOUNT}:user/al is not authorized to perform: iam:GetAccountSummary on resource: * because no identity-based policy allows the iam:GetAccountSummary action`);
    await rejects(a.send(new ListAccountAliasesCommand({})), 'AccessDenied', 403, /iam:ListAccountAliases on resource: \* because/);
    await rejects(a.send(new CreateAccountAliasCommand({ AccountAlias: 'al-alias' })), 'AccessDenied', 403, /iam:CreateAccountAlias/);
    await rejects(a.send(new DeleteAccountAliasCommand({ AccountAlias: 'taken-alias' })), 'AccessDenied', 403, /iam:DeleteAccountAlias/);
    assert.deepEqual((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases, ['taken-alias']);
  });
});
