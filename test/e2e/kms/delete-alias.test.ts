import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateAliasCommand, DeleteAliasCommand, DescribeKeyCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, createKey, rejects, useWarden } from './helpers.js';

describe('kms DeleteAlias', () => {
  const t = useWarden();

  it('removes an alias; the key stays', async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new CreateAliasCommand({ AliasName: 'alias/gone', TargetKeyId: k.KeyId }));
    const out = await t.kms.send(new DeleteAliasCommand({ AliasName: 'alias/gone' }));
    await rejects(t.kms.send(new DescribeKeyCommand({ KeyId: 'alias/gone' })), 'NotFoundException');
    assert.equal((await t.kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!.KeyState, 'Enabled');
    const ev = await t.w.eventFor(out.$metadata.requestId!);
    assert.deepEqual([ev['eventName'], ev['readOnly'], ev['requestParameters']], ['DeleteAlias', false, { aliasName: 'alias/gone' }]);
    assert.deepEqual(ev['resources'].map((r: any) => r.ARN), [`arn:aws:kms:us-east-1:${ACCOUNT}:alias/gone`, k.Arn]);
  });

  it('refuses unknown and malformed alias names', async () => {
    await rejects(t.kms.send(new DeleteAliasCommand({ AliasName: 'alias/missing' })), 'NotFoundException', `Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/missing is not found.`);
    await rejects(t.kms.send(new DeleteAliasCommand({ AliasName: 'missing' })), 'ValidationException', 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
  });

  it("does not reach another account's alias", async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new CreateAliasCommand({ AliasName: 'alias/mine', TargetKeyId: k.KeyId }));
    await rejects(t.other.send(new DeleteAliasCommand({ AliasName: 'alias/mine' })), 'NotFoundException', 'Alias arn:aws:kms:us-east-1:111122223333:alias/mine is not found.');
    assert.equal((await t.kms.send(new ListAliasesCommand({ KeyId: k.KeyId }))).Aliases!.length, 1);
  });
});
