import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, defaultPolicy, rejects, useWarden } from './helpers.js';

describe('kms GetKeyPolicy', () => {
  const t = useWarden();

  it('returns the default key policy byte for byte as AWS writes it, with or without PolicyName', async () => {
    const k = await createKey(t.kms);
    for (const input of [{ KeyId: k.KeyId, PolicyName: 'default' }, { KeyId: k.Arn }]) {
      const got = await t.kms.send(new GetKeyPolicyCommand(input));
      assert.equal(got.Policy, defaultPolicy());
      assert.equal(got.PolicyName, 'default');
    }
    const got = await t.kms.send(new GetKeyPolicyCommand({ KeyId: k.KeyId }));
    const ev = await t.w.eventFor(got.$metadata.requestId!);
    assertKmsEvent(ev, 'GetKeyPolicy', true, k.Arn);
    assert.equal(ev['responseElements'], null);
  });

  it('refuses an unknown policy name, an alias and another account', async () => {
    const k = await createKey(t.kms);
    await rejects(t.kms.send(new GetKeyPolicyCommand({ KeyId: k.KeyId, PolicyName: 'other' })), 'NotFoundException', 'No such policy exists');
    await rejects(t.kms.send(new GetKeyPolicyCommand({ KeyId: k.KeyId, PolicyName: 'bad-name' })), 'ValidationException', "1 validation error detected: Value 'bad-name' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+");
    await rejects(t.kms.send(new GetKeyPolicyCommand({ KeyId: 'alias/x' })), 'NotFoundException', "Invalid keyId 'alias/x'");
    await rejects(t.other.send(new GetKeyPolicyCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:GetKeyPolicy on resource/);
  });
});
