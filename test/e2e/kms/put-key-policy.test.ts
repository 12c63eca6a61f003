import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeKeyCommand, GetKeyPolicyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, assertKmsEvent, createKey, defaultPolicy, OTHER_ACCOUNT, rejects, useWarden } from './helpers.js';

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const rootStatement = { Sid: 'root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };

describe('kms PutKeyPolicy', () => {
  const t = useWarden();

  it('stores a policy verbatim; it becomes the resource policy other accounts are judged by', async () => {
    const k = await createKey(t.kms);
    await rejects(t.other.send(new DescribeKeyCommand({ KeyId: k.Arn })), 'AccessDeniedException');
    const Policy = policy(rootStatement, { Sid: 'other', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'kms:DescribeKey', Resource: '*' });
    const put = await t.kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, PolicyName: 'default', Policy }));
    assert.equal((await t.kms.send(new GetKeyPolicyCommand({ KeyId: k.KeyId }))).Policy, Policy);
    assert.equal((await t.other.send(new DescribeKeyCommand({ KeyId: k.Arn }))).KeyMetadata!.KeyId, k.KeyId);
    const ev = await t.w.eventFor(put.$metadata.requestId!);
    assertKmsEvent(ev, 'PutKeyPolicy', false, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, policyName: 'default', policy: Policy, bypassPolicyLockoutSafetyCheck: false });
  });

  it('refuses malformed and lockout policies and keeps the old one', async () => {
    const k = await createKey(t.kms);
    const lockout = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' });
    await rejects(t.kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, Policy: lockout })), 'MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.');
    await rejects(t.kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, Policy: '{' })), 'MalformedPolicyDocumentException', 'The policy is not syntactically valid JSON.');
    const badPrincipal = policy(rootStatement, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::12345:user/bob' }, Action: 'kms:Decrypt', Resource: '*' });
    await rejects(t.kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, Policy: badPrincipal })), 'MalformedPolicyDocumentException', 'Policy contains a statement with one or more invalid principals.');
    const badAction = policy(rootStatement, { Effect: 'Allow', Principal: '*', Action: 'Decrypt', Resource: '*' });
    await rejects(t.kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, Policy: badAction })), 'MalformedPolicyDocumentException');
    // NotAction that leaves PutKeyPolicy out locks the caller out; one that spares it does not.
    const notAction = (a: string) => policy({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, NotAction: a, Resource: '*' });
    await rejects(t.kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, Policy: notAction('kms:Put*') })), 'MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.');
    await rejects(t.kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, Policy: policy({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }) })), 'MalformedPolicyDocumentException', 'Policy contains a statement with no principal.');
    await rejects(t.kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, Policy: '' })), 'ValidationException', /at 'policy' failed to satisfy constraint: Member must have length greater than or equal to 1/);
    const big = await rejects(t.kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, Policy: policy(rootStatement, { Sid: 'x'.repeat(33_000), Effect: 'Allow', Principal: '*', Action: 'kms:DescribeKey', Resource: '*' }) })), 'LimitExceededException', 'The policy exceeds the maximum size of 32768 bytes.');
    assert.equal((await t.w.eventFor(big.$metadata.requestId))['errorCode'], 'LimitExceededException');
    assert.equal((await t.kms.send(new GetKeyPolicyCommand({ KeyId: k.KeyId }))).Policy, defaultPolicy());
    await t.kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, Policy: notAction('kms:Decrypt') }));
  });

  it('stores a lockout policy when the safety check is bypassed; the caller is then refused', async () => {
    const k = await createKey(t.kms);
    const lockout = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' });
    await t.kms.send(new PutKeyPolicyCommand({ KeyId: k.KeyId, Policy: lockout, BypassPolicyLockoutSafetyCheck: true }));
    await rejects(t.kms.send(new GetKeyPolicyCommand({ KeyId: k.KeyId })), 'AccessDeniedException', /kms:GetKeyPolicy/);
  });

  it("refuses another account's root", async () => {
    const k = await createKey(t.kms);
    await rejects(t.other.send(new PutKeyPolicyCommand({ KeyId: k.Arn, Policy: defaultPolicy(OTHER_ACCOUNT) })), 'AccessDeniedException', /kms:PutKeyPolicy on resource/);
    assert.equal((await t.kms.send(new GetKeyPolicyCommand({ KeyId: k.KeyId }))).Policy, defaultPolicy());
  });
});
