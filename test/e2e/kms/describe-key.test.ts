import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateAliasCommand, DescribeKeyCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms DescribeKey', () => {
  const t = useWarden();

  it('finds a key by id, key ARN, alias name and alias ARN', async () => {
    const k = await createKey(t.kms, { Description: 'find me' });
    await t.kms.send(new CreateAliasCommand({ AliasName: 'alias/find-me', TargetKeyId: k.KeyId }));
    for (const id of [k.KeyId, k.Arn, 'alias/find-me', `arn:aws:kms:us-east-1:${ACCOUNT}:alias/find-me`]) {
      const out = await t.kms.send(new DescribeKeyCommand({ KeyId: id }));
      assert.equal(out.KeyMetadata!.KeyId, k.KeyId, id);
      assert.equal(out.KeyMetadata!.Arn, k.Arn);
      assert.equal(out.KeyMetadata!.Description, 'find me');
    }
  });

  it("answers AWS's NotFoundException texts", async () => {
    const missing = '11111111-2222-3333-4444-555555555555';
    // LocalStack's recordings against AWS (test_kms.snapshot.json); the alias text is LocalStack's and moto's.
    await rejects(t.kms.send(new DescribeKeyCommand({ KeyId: missing })), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:${ACCOUNT}:key/${missing}' does not exist`);
    await rejects(t.kms.send(new DescribeKeyCommand({ KeyId: 'fake-key-id' })), 'NotFoundException', "Invalid keyId 'fake-key-id'");
    await rejects(t.kms.send(new DescribeKeyCommand({ KeyId: '134f2428cec14b25a1ae9048164dba47' })), 'NotFoundException', "Invalid keyId '134f2428cec14b25a1ae9048164dba47'");
    await rejects(t.kms.send(new DescribeKeyCommand({ KeyId: `arn:aws:kms:ap-southeast-1:${ACCOUNT}:key/${missing}` })), 'NotFoundException', 'Invalid arn ap-southeast-1');
    await rejects(t.kms.send(new DescribeKeyCommand({ KeyId: 'alias/nope' })), 'NotFoundException', `Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/nope is not found.`);
    await rejects(t.kms.send(new DescribeKeyCommand({ KeyId: '' })), 'ValidationException', "1 validation error detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1");
  });

  it('is a read-only CloudTrail event naming the key', async () => {
    const k = await createKey(t.kms);
    const out = await t.kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }));
    const ev = await t.w.eventFor(out.$metadata.requestId!);
    assertKmsEvent(ev, 'DescribeKey', true, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId });
    assert.equal(ev['responseElements'], null);
  });

  it("refuses another account's root on a key whose policy does not name it", async () => {
    const k = await createKey(t.kms);
    const err = await rejects(t.other.send(new DescribeKeyCommand({ KeyId: k.Arn })), 'AccessDeniedException', new RegExp(`^User: arn:aws:iam::111122223333:root is not authorized to perform: kms:DescribeKey on resource: ${k.Arn}`));
    const ev = await t.w.eventFor(err.$metadata.requestId);
    assert.equal(ev['errorCode'], 'AccessDeniedException');
    assert.equal(ev['userIdentity'].accountId, '111122223333');
  });
});
