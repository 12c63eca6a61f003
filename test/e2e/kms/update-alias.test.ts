import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateAliasCommand, DescribeKeyCommand, ListAliasesCommand, ScheduleKeyDeletionCommand, UpdateAliasCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, createKey, rejects, useWarden } from './helpers.js';

describe('kms UpdateAlias', () => {
  const t = useWarden();
  const target = async (alias: string) => (await t.kms.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata!.KeyId;

  it('points an alias at another key of the same type and usage, authorizing on the alias and both keys', async () => {
    const a = await createKey(t.kms);
    const b = await createKey(t.kms);
    await t.kms.send(new CreateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: a.KeyId }));
    const out = await t.kms.send(new UpdateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: b.Arn }));
    assert.equal(await target('alias/moving'), b.KeyId);
    assert.deepEqual((await t.kms.send(new ListAliasesCommand({ KeyId: a.KeyId }))).Aliases, []);
    const listed = (await t.kms.send(new ListAliasesCommand({ KeyId: b.KeyId }))).Aliases!;
    assert.equal(listed[0]!.AliasName, 'alias/moving');
    assert.ok(listed[0]!.LastUpdatedDate!.getTime() >= listed[0]!.CreationDate!.getTime());
    const ev = await t.w.eventFor(out.$metadata.requestId!);
    assert.deepEqual([ev['eventName'], ev['readOnly']], ['UpdateAlias', false]);
    assert.deepEqual(ev['additionalEventData'].warden.authorization.map((d: any) => d.resource), [`arn:aws:kms:us-east-1:${ACCOUNT}:alias/moving`, a.Arn, b.Arn]);
  });

  it('refuses a missing alias, another key type, and a destination pending deletion', async () => {
    const a = await createKey(t.kms);
    await t.kms.send(new CreateAliasCommand({ AliasName: 'alias/stays', TargetKeyId: a.KeyId }));
    await rejects(t.kms.send(new UpdateAliasCommand({ AliasName: 'alias/missing', TargetKeyId: a.KeyId })), 'NotFoundException', `Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/missing is not found.`);
    const hmac = await createKey(t.kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    await rejects(t.kms.send(new UpdateAliasCommand({ AliasName: 'alias/stays', TargetKeyId: hmac.KeyId })), 'ValidationException', /must have the same key type and key usage/);
    const doomed = await createKey(t.kms);
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId }));
    // key-state.html, note 10.
    await rejects(t.kms.send(new UpdateAliasCommand({ AliasName: 'alias/stays', TargetKeyId: doomed.KeyId })), 'KMSInvalidStateException', `${doomed.Arn} is pending deletion.`);
    assert.equal(await target('alias/stays'), a.KeyId);
  });

  it("refuses another account's root", async () => {
    const a = await createKey(t.kms);
    await t.kms.send(new CreateAliasCommand({ AliasName: 'alias/guarded', TargetKeyId: a.KeyId }));
    // Its alias names live in its own account.
    await rejects(t.other.send(new UpdateAliasCommand({ AliasName: 'alias/guarded', TargetKeyId: a.Arn })), 'NotFoundException', 'Alias arn:aws:kms:us-east-1:111122223333:alias/guarded is not found.');
    assert.equal(await target('alias/guarded'), a.KeyId);
  });
});
