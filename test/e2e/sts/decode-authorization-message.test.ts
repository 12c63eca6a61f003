import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { DecodeAuthorizationMessageCommand, STSClient } from '@aws-sdk/client-sts';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, allow, deny, doc, rejects, unique, userWithKey, type UserWithKey } from '../iam/helpers.js';

describe('sts DecodeAuthorizationMessage', () => {
  let w: Running;
  let root: IAMClient;
  let frank: UserWithKey;

  before(async () => {
    w = await startTestWarden();
    root = w.client(IAMClient);
    frank = await userWithKey(root, unique('frank'));
  });
  after(() => w.stop());

  /** A denied call's encoded message, from its audit event. */
  const encodedFor = async (requestId: string): Promise<string> => {
    const ev = await w.eventFor(requestId);
    const d = ev['additionalEventData'].warden.authorization.at(-1);
    assert.equal(d.allowed, false);
    return d.encodedMessage as string;
  };

  it('decodes the message of a denial into AWS DecodedMessage shape', async () => {
    const e = await rejects(w.client(KMSClient, { credentials: frank.credentials }).send(new CreateKeyCommand({})), 'AccessDeniedException', 400);
    const encoded = await encodedFor(e.$metadata.requestId);
    assert.match(encoded, /^[A-Za-z0-9_-]+$/);
    assert.ok(!encoded.includes('kms:CreateKey'));
    const out = await w.client(STSClient).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
    const m = JSON.parse(out.DecodedMessage!);
    assert.equal(m.allowed, false);
    assert.equal(m.explicitDeny, false);
    assert.deepEqual(m.matchedStatements, { items: [] });
    assert.deepEqual(m.failures, { items: [] });
    assert.deepEqual(m.context.principal, { id: (await w.eventFor(e.$metadata.requestId))['userIdentity'].principalId, name: frank.userName, arn: `arn:aws:iam::${ACCOUNT}:user/${frank.userName}` });
    assert.equal(m.context.action, 'kms:CreateKey');
    assert.equal(m.context.resource, '*');
    const region = m.context.conditions.items.find((c: { key: string }) => c.key === 'aws:requestedregion');
    assert.deepEqual(region.values, { items: [{ value: 'us-east-1' }] });
    const ev = await w.eventFor(out.$metadata.requestId!);
    assert.equal(ev['eventName'], 'DecodeAuthorizationMessage');
    assert.equal(ev['responseElements'], null);
  });

  it('names the matched Deny statement of an explicit deny', async () => {
    await root.send(new PutUserPolicyCommand({ UserName: frank.userName, PolicyName: 'no-keys', PolicyDocument: doc({ Sid: 'NoKeys', ...deny('kms:CreateKey') }, allow('sts:DecodeAuthorizationMessage')) }));
    const e = await rejects(w.client(KMSClient, { credentials: frank.credentials }).send(new CreateKeyCommand({})), 'AccessDeniedException', 400);
    const out = await w.client(STSClient, { credentials: frank.credentials }).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: await encodedFor(e.$metadata.requestId) }));
    const m = JSON.parse(out.DecodedMessage!);
    assert.equal(m.explicitDeny, true);
    assert.equal(m.matchedStatements.items[0].statementId, 'NoKeys');
    assert.equal(m.matchedStatements.items[0].effect, 'DENY');
  });

  it('needs sts:DecodeAuthorizationMessage; refuses forged, altered and foreign messages', async () => {
    const gina = await userWithKey(root, unique('gina'));
    const e = await rejects(w.client(KMSClient, { credentials: gina.credentials }).send(new CreateKeyCommand({})), 'AccessDeniedException', 400);
    const encoded = await encodedFor(e.$metadata.requestId);
    await rejects(
      w.client(STSClient, { credentials: gina.credentials }).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${ACCOUNT}:user/${gina.userName} is not authorized to perform: sts:DecodeAuthorizationMessage because no identity-based policy allows the sts:DecodeAuthorizationMessage action`,
    );
    const sts = w.client(STSClient);
    await rejects(sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'bm90IGEgbWVzc2FnZQ' })), 'InvalidAuthorizationMessageException', 400);
    const flipped = `${encoded.slice(0, 40)}${encoded[40] === 'A' ? 'B' : 'A'}${encoded.slice(41)}`;
    await rejects(sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: flipped })), 'InvalidAuthorizationMessageException', 400);
    // Another account's root cannot read this account's messages.
    const other = w.client(STSClient, { credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
    await rejects(other.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })), 'InvalidAuthorizationMessageException', 400);
  });
});
