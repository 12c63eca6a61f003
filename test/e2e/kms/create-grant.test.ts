import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateGrantCommand, DecryptCommand, DescribeKeyCommand, DisableKeyCommand, EncryptCommand, GenerateDataKeyCommand, ListGrantsCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, assertKmsEvent, createKey, OTHER_ACCOUNT, rejects, useWarden, userClient } from './helpers.js';

describe('kms CreateGrant', () => {
  const t = useWarden();

  it('creates a grant that lets its grantee use the key, within its operations and constraints', async () => {
    const k = await createKey(t.kms);
    const app = await userClient(t.w, 'grantee');
    const grantee = `arn:aws:iam::${ACCOUNT}:user/grantee`;
    await rejects(app.send(new EncryptCommand({ KeyId: k.Arn, Plaintext: Buffer.from('x'), EncryptionContext: { app: 'a' } })), 'AccessDeniedException');
    const g = await t.kms.send(new CreateGrantCommand({
      KeyId: k.KeyId, GranteePrincipal: grantee, Operations: ['Encrypt', 'Decrypt'], Constraints: { EncryptionContextSubset: { app: 'a' } },
    }));
    assert.match(g.GrantId!, /^[0-9a-f]{64}$/);
    assert.ok(g.GrantToken!.length > 0);
    // Usable at once, with or without the token.
    const enc = await app.send(new EncryptCommand({ KeyId: k.Arn, Plaintext: Buffer.from('x'), EncryptionContext: { app: 'a', more: '1' }, GrantTokens: [g.GrantToken!] }));
    const dec = await app.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { app: 'a', more: '1' } }));
    assert.equal(Buffer.from(dec.Plaintext!).toString(), 'x');
    const ev = await t.w.eventFor(dec.$metadata.requestId!);
    assert.equal(ev['additionalEventData']['grantId'], g.GrantId);
    // The constraint and the operation list bound it.
    await rejects(app.send(new EncryptCommand({ KeyId: k.Arn, Plaintext: Buffer.from('x'), EncryptionContext: { app: 'b' } })), 'AccessDeniedException');
    await rejects(app.send(new GenerateDataKeyCommand({ KeyId: k.Arn, KeySpec: 'AES_256', EncryptionContext: { app: 'a' } })), 'AccessDeniedException');
    await rejects(app.send(new DescribeKeyCommand({ KeyId: k.Arn })), 'AccessDeniedException');
    const cev = await t.w.eventFor(g.$metadata.requestId!);
    assertKmsEvent(cev, 'CreateGrant', false, k.Arn);
    assert.deepEqual(cev['requestParameters'], { keyId: k.KeyId, granteePrincipal: grantee, operations: ['Encrypt', 'Decrypt'], constraints: { encryptionContextSubset: { app: 'a' } } });
    assert.deepEqual(cev['responseElements'], { grantId: g.GrantId, keyId: k.Arn });
  });

  it('EncryptionContextEquals needs the exact context', async () => {
    const k = await createKey(t.kms);
    const app = await userClient(t.w, 'equals');
    await t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:user/equals`, Operations: ['Encrypt'], Constraints: { EncryptionContextEquals: { a: '1' } } }));
    await app.send(new EncryptCommand({ KeyId: k.Arn, Plaintext: Buffer.from('x'), EncryptionContext: { a: '1' } }));
    await rejects(app.send(new EncryptCommand({ KeyId: k.Arn, Plaintext: Buffer.from('x'), EncryptionContext: { a: '1', b: '2' } })), 'AccessDeniedException');
  });

  it('an explicit deny still wins over a grant', async () => {
    const k = await createKey(t.kms);
    const app = await userClient(t.w, 'denied', { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'kms:Encrypt', Resource: '*' }] });
    await t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:user/denied`, Operations: ['Encrypt'] }));
    await rejects(app.send(new EncryptCommand({ KeyId: k.Arn, Plaintext: Buffer.from('x') })), 'AccessDeniedException', /with an explicit deny/);
  });

  it("lets another account's principal use the key through a grant", async () => {
    const k = await createKey(t.kms);
    await rejects(t.other.send(new EncryptCommand({ KeyId: k.Arn, Plaintext: Buffer.from('x') })), 'AccessDeniedException');
    await t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${OTHER_ACCOUNT}:root`, Operations: ['Encrypt', 'CreateGrant'] }));
    const out = await t.other.send(new EncryptCommand({ KeyId: k.Arn, Plaintext: Buffer.from('x') }));
    assert.equal(out.KeyId, k.Arn);
    // A grantee with CreateGrant may pass on only its own operations.
    await t.other.send(new CreateGrantCommand({ KeyId: k.Arn, GranteePrincipal: `arn:aws:iam::${OTHER_ACCOUNT}:root`, Operations: ['Encrypt'] }));
    await rejects(t.other.send(new CreateGrantCommand({ KeyId: k.Arn, GranteePrincipal: `arn:aws:iam::${OTHER_ACCOUNT}:root`, Operations: ['Decrypt'] })), 'AccessDeniedException');
  });

  it("refuses another account's root without a grant, and leaves no grant", async () => {
    const k = await createKey(t.kms);
    await rejects(t.other.send(new CreateGrantCommand({ KeyId: k.Arn, GranteePrincipal: `arn:aws:iam::${OTHER_ACCOUNT}:root`, Operations: ['Encrypt'] })), 'AccessDeniedException', /kms:CreateGrant on resource/);
    assert.deepEqual((await t.kms.send(new ListGrantsCommand({ KeyId: k.KeyId }))).Grants, []);
  });

  it('returns the same grant for a retried request with the same Name', async () => {
    const k = await createKey(t.kms);
    const req = { KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/app`, Operations: ['Encrypt' as const], Name: 'retry-me' };
    const a = await t.kms.send(new CreateGrantCommand(req));
    const b = await t.kms.send(new CreateGrantCommand(req));
    assert.equal(a.GrantId, b.GrantId);
    const c = await t.kms.send(new CreateGrantCommand({ ...req, Operations: ['Decrypt'] }));
    assert.notEqual(c.GrantId, a.GrantId);
    assert.equal((await t.kms.send(new ListGrantsCommand({ KeyId: k.KeyId }))).Grants!.length, 2);
  });

  it('refuses operations the key type does not have, constraints on asymmetric keys, bad principals and tokens, disabled keys', async () => {
    const k = await createKey(t.kms);
    const grantee = `arn:aws:iam::${ACCOUNT}:role/app`;
    await rejects(t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: grantee, Operations: ['Sign'] })), 'ValidationException');
    await rejects(t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: grantee, Operations: ['Launch' as never] })), 'ValidationException', /at 'operations' failed to satisfy constraint/);
    const ecc = await createKey(t.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    await t.kms.send(new CreateGrantCommand({ KeyId: ecc.KeyId, GranteePrincipal: grantee, Operations: ['Sign', 'GetPublicKey'] }));
    await rejects(t.kms.send(new CreateGrantCommand({ KeyId: ecc.KeyId, GranteePrincipal: grantee, Operations: ['Sign'], Constraints: { EncryptionContextEquals: { a: 'b' } } })), 'ValidationException');
    await rejects(t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: 'nobody', Operations: ['Encrypt'] })), 'ValidationException');
    await rejects(t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: grantee, Operations: ['Encrypt'], GrantTokens: ['not-a-token'] })), 'InvalidGrantTokenException');
    await rejects(t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('x'), GrantTokens: ['bm90IGEgdG9rZW4'] })), 'InvalidGrantTokenException');
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await rejects(t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: grantee, Operations: ['Encrypt'] })), 'DisabledException', `${k.Arn} is disabled.`);
    assert.deepEqual((await t.kms.send(new ListGrantsCommand({ KeyId: k.KeyId }))).Grants, []);
    await rejects(t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: grantee, Operations: ['Encrypt'], DryRun: true })), 'DisabledException');
  });

  it('answers DryRun without creating the grant', async () => {
    const k = await createKey(t.kms);
    await rejects(t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: `arn:aws:iam::${ACCOUNT}:role/app`, Operations: ['Encrypt'], DryRun: true })), 'DryRunOperationException');
    assert.deepEqual((await t.kms.send(new ListGrantsCommand({ KeyId: k.KeyId }))).Grants, []);
  });
});
