import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  type IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListOpenIDConnectProviderTagsCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
} from '@aws-sdk/client-iam';
import type { Running } from '../../harness.js';
import { ACCOUNT, allow, asUser, doc, rejects, startIam, unique, userWithKey } from './helpers.js';

const T1 = 'a'.repeat(40);
const T2 = 'b'.repeat(40);

describe('iam OpenID Connect providers', () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => ({ w, iam } = await startIam()));
  after(() => w.stop());

  it('creates, gets, lists and deletes a provider', async () => {
    const host = `${unique('idp')}.example.com`;
    const out = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: `https://${host}/tenant`, ClientIDList: ['app-1', 'app-1'], ThumbprintList: [T1], Tags: [{ Key: 'team', Value: 'sec' }] }));
    const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}/tenant`;
    assert.equal(out.OpenIDConnectProviderArn, arn);
    assert.deepEqual(out.Tags, [{ Key: 'team', Value: 'sec' }]);
    const ev = await w.eventFor(out.$metadata.requestId!);
    assert.deepEqual(ev['responseElements'], { openIDConnectProviderArn: arn });
    assert.equal(ev['requestParameters'].url, `https://${host}/tenant`);

    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.equal(got.Url, `${host}/tenant`);
    assert.deepEqual(got.ClientIDList, ['app-1']);
    assert.deepEqual(got.ThumbprintList, [T1]);
    assert.ok(got.CreateDate instanceof Date);
    assert.deepEqual(got.Tags, [{ Key: 'team', Value: 'sec' }]);

    const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    assert.ok(listed.OpenIDConnectProviderList!.some((p) => p.Arn === arn));

    await rejects(iam.send(new CreateOpenIDConnectProviderCommand({ Url: `https://${host}/tenant` })), 'EntityAlreadyExists', 409, `Provider with url https://${host}/tenant already exists.`);
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    await rejects(iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })), 'NoSuchEntity', 404, `OpenIDConnect Provider not found for arn ${arn}`);
    await rejects(iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })), 'NoSuchEntity', 404, `OpenId connect Provider ${arn} cannot be found.`);
  });

  it('refuses bad input and leaves state unchanged', async () => {
    await rejects(iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'http://insecure.example.com' })), 'ValidationError', 400, 'Invalid Open ID Connect Provider URL');
    const host = `${unique('five')}.example.com`;
    await rejects(
      iam.send(new CreateOpenIDConnectProviderCommand({ Url: `https://${host}`, ThumbprintList: ['1', '2', '3', '4', '5', '6'].map((c) => c.repeat(40)) })),
      'InvalidInput',
      400,
      'Thumbprint list must contain fewer than 5 entries.',
    );
    await rejects(iam.send(new CreateOpenIDConnectProviderCommand({ Url: `https://${host}`, ThumbprintList: ['short'] })), 'ValidationError', 400, /thumbprintList/);
    const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    assert.ok(!listed.OpenIDConnectProviderList!.some((p) => p.Arn!.endsWith(host)));
  });

  it('adds and removes client ids (idempotently), replaces thumbprints, tags and untags', async () => {
    const host = `${unique('ops')}.example.com`;
    const { OpenIDConnectProviderArn: arn } = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: `https://${host}`, ThumbprintList: [T1] }));
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'c1' }));
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'c1' }));
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'c2' }));
    await iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'c1' }));
    await iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'never' }));
    await iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: [T2] }));
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.deepEqual([got.ClientIDList, got.ThumbprintList], [['c2'], [T2]]);
    await iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: 'k2', Value: 'v2' }, { Key: 'k1', Value: 'v1' }] }));
    assert.deepEqual((await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }))).Tags, [{ Key: 'k1', Value: 'v1' }, { Key: 'k2', Value: 'v2' }]);
    await iam.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: ['k2'] }));
    const tags = await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }));
    assert.deepEqual([tags.Tags, tags.IsTruncated], [[{ Key: 'k1', Value: 'v1' }], false]);
    const tooMany = Array.from({ length: 50 }, (_, i) => ({ Key: `t${i}`, Value: 'x' }));
    await rejects(iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: tooMany })), 'LimitExceeded', 409, 'The number of tags has reached the maximum limit.');
    const missing = `arn:aws:iam::${ACCOUNT}:oidc-provider/nowhere.example.com`;
    await rejects(iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: missing, ClientID: 'c' })), 'NoSuchEntity', 404);
  });

  it('needs the iam: permissions, on the provider ARN', async () => {
    const u = await userWithKey(iam, unique('oidc-user'));
    const client = asUser(w, u);
    const host = `${unique('perm')}.example.com`;
    const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`;
    await rejects(
      client.send(new CreateOpenIDConnectProviderCommand({ Url: `https://${host}` })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${ACCOUNT}:user/${u.userName} is not authorized to perform: iam:CreateOpenIDConnectProvider on resource: ${arn} because no identity-based policy allows the iam:CreateOpenIDConnectProvider action`,
    );
    await rejects(client.send(new ListOpenIDConnectProvidersCommand({})), 'AccessDenied', 403);
    const { PutUserPolicyCommand } = await import('@aws-sdk/client-iam');
    await iam.send(new PutUserPolicyCommand({ UserName: u.userName, PolicyName: 'oidc', PolicyDocument: doc(allow(['iam:CreateOpenIDConnectProvider', 'iam:GetOpenIDConnectProvider'], arn)) }));
    await client.send(new CreateOpenIDConnectProviderCommand({ Url: `https://${host}` }));
    await client.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    await rejects(client.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })), 'AccessDenied', 403);
    const ev = await w.lastEvent('DeleteOpenIDConnectProvider');
    assert.equal(ev['errorCode'], 'AccessDenied');
  });
});
