import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateAliasCommand, DescribeKeyCommand, ListAliasesCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, assertNoSecrets, createKey, rejects, useWarden } from './helpers.js';

const aliasArn = (name: string, account = ACCOUNT) => `arn:aws:kms:us-east-1:${account}:${name}`;

describe('kms CreateAlias', () => {
  const t = useWarden();
  const names = async () => (await t.kms.send(new ListAliasesCommand({}))).Aliases!.map((a) => a.AliasName);

  it('names a key; authorizes on the alias and on the key; audits both', async () => {
    const k = await createKey(t.kms);
    const made = await t.kms.send(new CreateAliasCommand({ AliasName: 'alias/app/main', TargetKeyId: k.KeyId }));
    await t.kms.send(new CreateAliasCommand({ AliasName: 'alias/app_2-x', TargetKeyId: k.Arn }));
    assert.equal((await t.kms.send(new DescribeKeyCommand({ KeyId: 'alias/app/main' }))).KeyMetadata!.KeyId, k.KeyId);
    const ev = await t.w.eventFor(made.$metadata.requestId!);
    assert.deepEqual([ev['eventName'], ev['readOnly'], ev['responseElements']], ['CreateAlias', false, null]);
    assert.deepEqual(ev['requestParameters'], { aliasName: 'alias/app/main', targetKeyId: k.KeyId });
    assert.deepEqual(ev['resources'], [{ ARN: aliasArn('alias/app/main'), accountId: ACCOUNT }, { ARN: k.Arn, accountId: ACCOUNT, type: 'AWS::KMS::Key' }]);
    assert.deepEqual(ev['additionalEventData'].warden.authorization.map((d: any) => d.resource), [aliasArn('alias/app/main'), k.Arn]);
    assertNoSecrets(ev);
  });

  it("answers AWS's errors and leaves the aliases as they were", async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new CreateAliasCommand({ AliasName: 'alias/taken', TargetKeyId: k.KeyId }));
    const before = await names();
    // LocalStack's AWS recording.
    await rejects(t.kms.send(new CreateAliasCommand({ AliasName: 'no-prefix', TargetKeyId: k.KeyId })), 'ValidationException', 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
    await rejects(t.kms.send(new CreateAliasCommand({ AliasName: 'alias/taken', TargetKeyId: k.KeyId })), 'AlreadyExistsException', `An alias with the name ${aliasArn('alias/taken')} already exists`);
    await rejects(t.kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/s3', TargetKeyId: k.KeyId })), 'NotAuthorizedException');
    await rejects(t.kms.send(new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: 'alias/taken' })), 'ValidationException', 'Aliases must refer to keys. Not aliases');
    await rejects(t.kms.send(new CreateAliasCommand({ AliasName: 'alias/bad name', TargetKeyId: k.KeyId })), 'ValidationException', "1 validation error detected: Value 'alias/bad name' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
    const missing = '11111111-2222-3333-4444-555555555555';
    await rejects(t.kms.send(new CreateAliasCommand({ AliasName: 'alias/new', TargetKeyId: missing })), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:${ACCOUNT}:key/${missing}' does not exist`);
    const doomed = await createKey(t.kms);
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId }));
    await rejects(t.kms.send(new CreateAliasCommand({ AliasName: 'alias/late', TargetKeyId: doomed.KeyId })), 'KMSInvalidStateException', `${doomed.Arn} is pending deletion.`);
    assert.deepEqual(await names(), before);
  });

  it("refuses another account's root on this account's key", async () => {
    const k = await createKey(t.kms);
    await rejects(t.other.send(new CreateAliasCommand({ AliasName: 'alias/theirs', TargetKeyId: k.Arn })), 'AccessDeniedException', new RegExp(`kms:CreateAlias on resource: ${k.Arn}`));
    assert.deepEqual((await t.other.send(new ListAliasesCommand({}))).Aliases, []);
  });
});
