import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GenerateRandomCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, assertNoSecrets, rejects, useWarden } from './helpers.js';

describe('kms GenerateRandom', () => {
  const t = useWarden();

  it('answers 1–1024 random bytes and audits without them', async () => {
    for (const n of [1, 44, 1024]) {
      const out = await t.kms.send(new GenerateRandomCommand({ NumberOfBytes: n }));
      assert.equal(out.Plaintext!.length, n);
      const ev = await t.w.eventFor(out.$metadata.requestId!);
      assertKmsEvent(ev, 'GenerateRandom', true);
      assert.deepEqual(ev['requestParameters'], { numberOfBytes: n });
      assertNoSecrets(ev, out.Plaintext!);
    }
  });

  it('answers the texts LocalStack recorded against AWS for a missing or out-of-range size', async () => {
    await rejects(t.kms.send(new GenerateRandomCommand({})), 'ValidationException', 'NumberOfBytes is required.');
    await rejects(t.kms.send(new GenerateRandomCommand({ NumberOfBytes: 0 })), 'ValidationException', "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1");
    await rejects(t.kms.send(new GenerateRandomCommand({ NumberOfBytes: 1025 })), 'ValidationException', "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024");
  });

  it('is authorized on * for the caller in its own account', async () => {
    const out = await t.other.send(new GenerateRandomCommand({ NumberOfBytes: 8 }));
    const ev = await t.w.eventFor(out.$metadata.requestId!);
    assert.deepEqual(ev['additionalEventData'].warden.authorization.map((d: any) => [d.action, d.resource]), [['kms:GenerateRandom', '*']]);
  });
});
