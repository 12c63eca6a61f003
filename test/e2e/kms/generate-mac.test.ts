import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DisableKeyCommand, GenerateMacCommand, type MacAlgorithmSpec } from '@aws-sdk/client-kms';
import { assertKmsEvent, assertNoSecrets, createKey, rejects, useWarden } from './helpers.js';

const Message = Buffer.from('some important message');

describe('kms GenerateMac', () => {
  const t = useWarden();

  for (const [KeySpec, alg, bytes] of [['HMAC_224', 'HMAC_SHA_224', 28], ['HMAC_256', 'HMAC_SHA_256', 32], ['HMAC_384', 'HMAC_SHA_384', 48], ['HMAC_512', 'HMAC_SHA_512', 64]] as const) {
    it(`generates ${alg} MACs with ${KeySpec} keys, deterministically, audited without message or MAC`, async () => {
      const k = await createKey(t.kms, { KeySpec, KeyUsage: 'GENERATE_VERIFY_MAC' });
      const MacAlgorithm = alg as MacAlgorithmSpec;
      const g = await t.kms.send(new GenerateMacCommand({ KeyId: k.KeyId, Message, MacAlgorithm }));
      assert.deepEqual([g.Mac!.length, g.KeyId, g.MacAlgorithm], [bytes, k.Arn, alg]);
      const again = await t.kms.send(new GenerateMacCommand({ KeyId: k.Arn, Message, MacAlgorithm }));
      assert.deepEqual(Buffer.from(again.Mac!), Buffer.from(g.Mac!));
      const ev = await t.w.eventFor(g.$metadata.requestId!);
      assertKmsEvent(ev, 'GenerateMac', true, k.Arn);
      assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, macAlgorithm: alg });
      assertNoSecrets(ev, Message, g.Mac!);
    });
  }

  it('answers the texts LocalStack recorded against AWS for wrong algorithms, ids and usages', async () => {
    const k = await createKey(t.kms, { KeySpec: 'HMAC_224', KeyUsage: 'GENERATE_VERIFY_MAC' });
    await rejects(t.kms.send(new GenerateMacCommand({ KeyId: k.KeyId, Message, MacAlgorithm: 'HMAC_SHA_256' })), 'InvalidKeyUsageException', 'Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.');
    await rejects(t.kms.send(new GenerateMacCommand({ KeyId: 'key_id', Message, MacAlgorithm: 'HMAC_SHA_256' })), 'NotFoundException', "Invalid keyId 'key_id'");
    await rejects(t.kms.send(new GenerateMacCommand({ KeyId: k.KeyId, Message, MacAlgorithm: 'INVALID' as never })), 'ValidationException', "1 validation error detected: Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_224, HMAC_SHA_256, HMAC_SHA_384, HMAC_SHA_512]");
    const sym = await createKey(t.kms);
    await rejects(t.kms.send(new GenerateMacCommand({ KeyId: sym.KeyId, Message, MacAlgorithm: 'HMAC_SHA_256' })), 'InvalidKeyUsageException', `${sym.Arn} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`);
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await rejects(t.kms.send(new GenerateMacCommand({ KeyId: k.KeyId, Message, MacAlgorithm: 'HMAC_SHA_224' })), 'DisabledException', `${k.Arn} is disabled.`);
  });

  it("refuses another account's root", async () => {
    const k = await createKey(t.kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    await rejects(t.other.send(new GenerateMacCommand({ KeyId: k.Arn, Message, MacAlgorithm: 'HMAC_SHA_256' })), 'AccessDeniedException', /kms:GenerateMac on resource/);
  });
});
