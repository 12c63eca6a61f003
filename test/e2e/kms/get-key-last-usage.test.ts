import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecryptCommand, DisableKeyCommand, EncryptCommand, GetKeyLastUsageCommand, SignCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms GetKeyLastUsage', () => {
  const t = useWarden();
  const lastUsage = (KeyId: string) => t.kms.send(new GetKeyLastUsageCommand({ KeyId }));

  it('is empty for a new key, then names the newest successful cryptographic call and its event', async () => {
    const k = await createKey(t.kms);
    const fresh = await lastUsage(k.KeyId);
    assert.equal(fresh.KeyLastUsage, undefined);
    assert.equal(fresh.KeyCreationDate!.getTime(), k.CreationDate!.getTime());
    assert.ok(fresh.TrackingStartDate!.getTime() <= fresh.KeyCreationDate!.getTime());
    assertKmsEvent(await t.w.eventFor(fresh.$metadata.requestId!), 'GetKeyLastUsage', true, k.Arn);

    const enc = await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('x') }));
    const afterEncrypt = await lastUsage(k.Arn);
    assert.equal(afterEncrypt.KeyLastUsage!.Operation, 'Encrypt');
    assert.equal(afterEncrypt.KeyLastUsage!.KmsRequestId, enc.$metadata.requestId);
    const encEvent = await t.w.eventFor(enc.$metadata.requestId!);
    assert.equal(afterEncrypt.KeyLastUsage!.CloudTrailEventId, encEvent['eventID']);
    assert.equal(afterEncrypt.KeyLastUsage!.Timestamp!.toISOString().slice(0, 19), String(encEvent['eventTime']).slice(0, 19));

    // Management calls and failed cryptographic calls do not count.
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await rejects(t.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })), 'DisabledException');
    assert.equal((await lastUsage(k.KeyId)).KeyLastUsage!.KmsRequestId, enc.$metadata.requestId);
  });

  it('counts calls a service makes on the caller\'s behalf, and signing keys', async () => {
    const k = await createKey(t.kms);
    const sm = t.w.client(SecretsManagerClient);
    await sm.send(new CreateSecretCommand({ Name: `last-usage-${Date.now()}`, SecretString: 's', KmsKeyId: k.Arn }));
    assert.equal((await lastUsage(k.KeyId)).KeyLastUsage!.Operation, 'GenerateDataKey');
    const signer = await createKey(t.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    await t.kms.send(new SignCommand({ KeyId: signer.KeyId, Message: Buffer.from('m'), SigningAlgorithm: 'ECDSA_SHA_256' }));
    assert.equal((await lastUsage(signer.KeyId)).KeyLastUsage!.Operation, 'Sign');
  });

  it('NotFoundException for an unknown key; AccessDeniedException for another account', async () => {
    await rejects(lastUsage('1234abcd-12ab-34cd-56ef-1234567890ab'), 'NotFoundException');
    const k = await createKey(t.kms);
    await rejects(t.other.send(new GetKeyLastUsageCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:GetKeyLastUsage on resource/);
  });
});
