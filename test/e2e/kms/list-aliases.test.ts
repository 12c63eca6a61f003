import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateAliasCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms ListAliases', () => {
  const t = useWarden();

  it('lists aliases with their ARNs, targets and dates, per key, paged with Limit and Marker', async () => {
    const k = await createKey(t.kms);
    for (const n of ['p1', 'p2', 'p3']) await t.kms.send(new CreateAliasCommand({ AliasName: `alias/page-${n}`, TargetKeyId: k.KeyId }));
    const first = await t.kms.send(new ListAliasesCommand({ KeyId: k.KeyId, Limit: 2 }));
    assert.deepEqual(first.Aliases!.map((a) => [a.AliasName, a.AliasArn, a.TargetKeyId]), [
      ['alias/page-p1', `arn:aws:kms:us-east-1:${ACCOUNT}:alias/page-p1`, k.KeyId],
      ['alias/page-p2', `arn:aws:kms:us-east-1:${ACCOUNT}:alias/page-p2`, k.KeyId],
    ]);
    assert.ok(first.Aliases![0]!.CreationDate instanceof Date);
    assert.equal(first.Truncated, true);
    const rest = await t.kms.send(new ListAliasesCommand({ KeyId: k.KeyId, Limit: 2, Marker: first.NextMarker! }));
    assert.deepEqual([rest.Aliases!.map((a) => a.AliasName), rest.Truncated, rest.NextMarker], [['alias/page-p3'], false, undefined]);
    const ev = await t.w.eventFor(first.$metadata.requestId!);
    assertKmsEvent(ev, 'ListAliases', true);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, limit: 2 });
  });

  it('refuses an unknown KeyId and lists only the caller account', async () => {
    await rejects(t.kms.send(new ListAliasesCommand({ KeyId: 'nope' })), 'NotFoundException', "Invalid keyId 'nope'");
    assert.deepEqual((await t.other.send(new ListAliasesCommand({}))).Aliases, []);
  });
});
