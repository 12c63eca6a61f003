import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ListKeyPoliciesCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms ListKeyPolicies', () => {
  const t = useWarden();

  it('lists the one policy name, default', async () => {
    const k = await createKey(t.kms);
    const out = await t.kms.send(new ListKeyPoliciesCommand({ KeyId: k.KeyId }));
    assert.deepEqual([out.PolicyNames, out.Truncated], [['default'], false]);
    assertKmsEvent(await t.w.eventFor(out.$metadata.requestId!), 'ListKeyPolicies', true, k.Arn);
  });

  it('refuses unknown keys and another account', async () => {
    const k = await createKey(t.kms);
    await rejects(t.kms.send(new ListKeyPoliciesCommand({ KeyId: '11111111-2222-3333-4444-555555555555' })), 'NotFoundException', /does not exist$/);
    await rejects(t.other.send(new ListKeyPoliciesCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:ListKeyPolicies on resource/);
  });
});
