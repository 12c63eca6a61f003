import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateGrantCommand, ListGrantsCommand, ListRetirableGrantsCommand, RetireGrantCommand, RevokeGrantCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, assertKmsEvent, createKey, OTHER_ACCOUNT, rejects, useWarden, userClient } from './helpers.js';

describe('kms RetireGrant, RevokeGrant, ListRetirableGrants', () => {
  const t = useWarden();
  const count = async (KeyId: string) => (await t.kms.send(new ListGrantsCommand({ KeyId }))).Grants!.length;

  it('retires by token or by key and grant id; the retiring principal may, others may not', async () => {
    const k = await createKey(t.kms);
    const retiree = `arn:aws:iam::${ACCOUNT}:user/retiree`;
    const r = await userClient(t.w, 'retiree');
    const bystander = await userClient(t.w, 'bystander');
    const g1 = await t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/app`, RetiringPrincipal: retiree, Operations: ['Decrypt'] }));
    const g2 = await t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/app`, RetiringPrincipal: retiree, Operations: ['Encrypt'] }));
    const listed = await r.send(new ListRetirableGrantsCommand({ RetiringPrincipal: retiree })).catch((e) => e);
    assert.equal(listed.name, 'AccessDeniedException'); // ListRetirableGrants is an IAM-policy permission
    const all = await t.kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: retiree, Limit: 1 }));
    assert.deepEqual([all.Grants!.length, all.Truncated], [1, true]);
    const rest = await t.kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: retiree, Marker: all.NextMarker }));
    assert.deepEqual([...all.Grants!, ...rest.Grants!].map((g) => g.GrantId).sort(), [g1.GrantId, g2.GrantId].sort());
    await rejects(bystander.send(new RetireGrantCommand({ GrantToken: g1.GrantToken })), 'AccessDeniedException');
    const out = await r.send(new RetireGrantCommand({ GrantToken: g1.GrantToken }));
    const ev = await t.w.eventFor(out.$metadata.requestId!);
    assertKmsEvent(ev, 'RetireGrant', false, k.Arn);
    assert.equal(ev['requestParameters'], null);
    assert.deepEqual(ev['additionalEventData']['grantId'], g1.GrantId);
    await r.send(new RetireGrantCommand({ KeyId: k.Arn, GrantId: g2.GrantId }));
    assert.equal(await count(k.KeyId), 0);
    await rejects(t.kms.send(new RetireGrantCommand({ GrantToken: g1.GrantToken })), 'NotFoundException');
  });

  it('lets a grantee retire its own grant when the grant lists RetireGrant', async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${OTHER_ACCOUNT}:root`, Operations: ['Encrypt'] }));
    const own = await t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${OTHER_ACCOUNT}:root`, Operations: ['Encrypt', 'RetireGrant'] }));
    const other = (await t.kms.send(new ListGrantsCommand({ KeyId: k.KeyId }))).Grants!.find((g) => g.GrantId !== own.GrantId)!;
    await rejects(t.other.send(new RetireGrantCommand({ KeyId: k.Arn, GrantId: other.GrantId })), 'AccessDeniedException');
    await t.other.send(new RetireGrantCommand({ KeyId: k.Arn, GrantId: own.GrantId }));
    assert.equal(await count(k.KeyId), 1);
  });

  it('refuses malformed input and leaves grants alone', async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/app`, Operations: ['Encrypt'] }));
    await rejects(t.kms.send(new RetireGrantCommand({ GrantToken: 'garbage' })), 'InvalidGrantTokenException');
    await rejects(t.kms.send(new RetireGrantCommand({ KeyId: k.KeyId })), 'ValidationException');
    await rejects(t.kms.send(new RetireGrantCommand({ KeyId: k.KeyId, GrantId: 'x' })), 'InvalidGrantIdException');
    await rejects(t.kms.send(new RetireGrantCommand({ KeyId: k.KeyId, GrantId: '0'.repeat(64) })), 'NotFoundException');
    assert.equal(await count(k.KeyId), 1);
  });

  it('revokes a grant; another account may not', async () => {
    const k = await createKey(t.kms);
    const g = await t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/app`, Operations: ['Encrypt'] }));
    await rejects(t.other.send(new RevokeGrantCommand({ KeyId: k.Arn, GrantId: g.GrantId })), 'AccessDeniedException', /kms:RevokeGrant on resource/);
    await rejects(t.kms.send(new RevokeGrantCommand({ KeyId: k.KeyId, GrantId: 'bad' })), 'InvalidGrantIdException');
    await rejects(t.kms.send(new RevokeGrantCommand({ KeyId: k.KeyId, GrantId: g.GrantId, DryRun: true })), 'DryRunOperationException');
    assert.equal(await count(k.KeyId), 1);
    const out = await t.kms.send(new RevokeGrantCommand({ KeyId: k.KeyId, GrantId: g.GrantId }));
    const ev = await t.w.eventFor(out.$metadata.requestId!);
    assertKmsEvent(ev, 'RevokeGrant', false, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, grantId: g.GrantId });
    assert.equal(await count(k.KeyId), 0);
    await rejects(t.kms.send(new RevokeGrantCommand({ KeyId: k.KeyId, GrantId: g.GrantId })), 'NotFoundException');
  });
});
