import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateGrantCommand, ListGrantsCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms ListGrants', () => {
  const t = useWarden();

  it('lists a key’s grants with paging and filters', async () => {
    const k = await createKey(t.kms);
    const ids: string[] = [];
    for (const who of ['a', 'b', 'c']) {
      ids.push((await t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/${who}`, RetiringPrincipal: `arn:aws:iam::${ACCOUNT}:role/admin`, Operations: ['Decrypt'], Name: who }))).GrantId!);
    }
    const p1 = await t.kms.send(new ListGrantsCommand({ KeyId: k.Arn, Limit: 2 }));
    assert.deepEqual([p1.Grants!.length, p1.Truncated], [2, true]);
    const p2 = await t.kms.send(new ListGrantsCommand({ KeyId: k.Arn, Limit: 2, Marker: p1.NextMarker }));
    assert.deepEqual([p2.Grants!.length, p2.Truncated], [1, false]);
    assert.deepEqual([...p1.Grants!, ...p2.Grants!].map((g) => g.GrantId).sort(), [...ids].sort());
    const one = (await t.kms.send(new ListGrantsCommand({ KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/b` }))).Grants!;
    assert.equal(one.length, 1);
    assert.deepEqual({ ...one[0], CreationDate: undefined }, {
      KeyId: k.Arn, GrantId: ids[1], Name: 'b', CreationDate: undefined, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/b`,
      RetiringPrincipal: `arn:aws:iam::${ACCOUNT}:role/admin`, IssuingAccount: `arn:aws:iam::${ACCOUNT}:root`, Operations: ['Decrypt'],
    });
    const byId = await t.kms.send(new ListGrantsCommand({ KeyId: k.KeyId, GrantId: ids[2] }));
    assert.deepEqual(byId.Grants!.map((g) => g.Name), ['c']);
    assertKmsEvent(await t.w.eventFor(byId.$metadata.requestId!), 'ListGrants', true, k.Arn);
  });

  it('refuses a malformed grant id or marker, unknown keys and another account', async () => {
    const k = await createKey(t.kms);
    await rejects(t.kms.send(new ListGrantsCommand({ KeyId: k.KeyId, GrantId: 'nope' })), 'InvalidGrantIdException');
    await rejects(t.kms.send(new ListGrantsCommand({ KeyId: k.KeyId, Marker: 'nope' })), 'InvalidMarkerException');
    await rejects(t.kms.send(new ListGrantsCommand({ KeyId: '00000000-0000-0000-0000-000000000000' })), 'NotFoundException');
    await rejects(t.other.send(new ListGrantsCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:ListGrants on resource/);
  });
});
