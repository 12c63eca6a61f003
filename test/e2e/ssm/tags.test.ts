import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AddTagsToResourceCommand,
  GetParameterCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
} from '@aws-sdk/client-ssm';
import { ACCOUNT, rejects, userClient, useWarden } from './helpers.js';

const list = async (t: ReturnType<typeof useWarden>, name: string) =>
  (await t.ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: name }))).TagList;

describe('ssm AddTagsToResource / ListTagsForResource / RemoveTagsFromResource', () => {
  const t = useWarden();

  it('tags a parameter at creation and later; adding a key again overwrites it; removing is by key', async () => {
    await t.ssm.send(new PutParameterCommand({ Name: '/tag/a', Value: 'v', Type: 'String', Tags: [{ Key: 'team', Value: 'blue' }] }));
    assert.deepEqual(await list(t, '/tag/a'), [{ Key: 'team', Value: 'blue' }]);
    await t.ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tag/a', Tags: [{ Key: 'team', Value: 'red' }, { Key: 'env', Value: '' }] }));
    assert.deepEqual(await list(t, '/tag/a'), [{ Key: 'team', Value: 'red' }, { Key: 'env', Value: '' }]);
    // Overwriting the value keeps the tags.
    await t.ssm.send(new PutParameterCommand({ Name: '/tag/a', Value: 'v2', Overwrite: true }));
    assert.equal((await list(t, '/tag/a'))!.length, 2);
    await t.ssm.send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tag/a', TagKeys: ['team', 'absent'] }));
    assert.deepEqual(await list(t, '/tag/a'), [{ Key: 'env', Value: '' }]);
    const ev = await t.w.lastEvent('RemoveTagsFromResource');
    assert.equal(ev.eventSource, 'ssm.amazonaws.com');
    assert.equal(ev.readOnly, false);
    assert.deepEqual(ev.requestParameters, { resourceType: 'Parameter', resourceId: '/tag/a', tagKeys: ['team', 'absent'] });
    assert.deepEqual(ev.resources, [{ ARN: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/tag/a`, accountId: ACCOUNT, type: 'AWS::SSM::Parameter' }]);
    assert.equal((await t.w.lastEvent('ListTagsForResource')).readOnly, true);
  });

  it('errors: unknown parameter or resource type → InvalidResourceId; more than 50 tags → TooManyTagsError; aws: keys reserved; state unchanged', async () => {
    await rejects(t.ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tag/none' })), 'InvalidResourceId');
    await rejects(t.ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Document', ResourceId: 'doc', Tags: [{ Key: 'a', Value: 'b' }] })), 'InvalidResourceId');
    await rejects(t.ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tag/none', Tags: [{ Key: 'a', Value: 'b' }] })), 'InvalidResourceId');
    assert.equal((await t.w.lastEvent('AddTagsToResource')).errorCode, 'InvalidResourceId');
    await t.ssm.send(new PutParameterCommand({ Name: '/tag/many', Value: 'v', Type: 'String', Tags: Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'x' })) }));
    await rejects(t.ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tag/many', Tags: [{ Key: 'n1', Value: '1' }, { Key: 'n2', Value: '2' }] })), 'TooManyTagsError');
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/tag/toomany', Value: 'v', Type: 'String', Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'x' })) })), 'TooManyTagsError');
    await rejects(t.ssm.send(new GetParameterCommand({ Name: '/tag/toomany' })), 'ParameterNotFound');
    await rejects(t.ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tag/many', Tags: [{ Key: 'aws:x', Value: '1' }] })), 'InvalidParameters');
    await rejects(t.ssm.send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tag/many', TagKeys: ['AWS:x'] })), 'InvalidParameters');
    await rejects(t.ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tag/many', Tags: [{ Key: 'bad#key', Value: '1' }] })), 'ValidationException');
    assert.equal((await list(t, '/tag/many'))!.length, 49);
    // Replacing values within the limit is fine: 49 keys, one overwritten, one added.
    await t.ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tag/many', Tags: [{ Key: 'k0', Value: 'y' }, { Key: 'n1', Value: '1' }] }));
    assert.equal((await list(t, '/tag/many'))!.length, 50);
  });

  it("another account's root is denied by ARN; aws:ResourceTag and aws:RequestTag conditions decide for IAM users", async () => {
    await t.ssm.send(new PutParameterCommand({ Name: '/tag/prod', Value: 'p', Type: 'String', Tags: [{ Key: 'env', Value: 'prod' }] }));
    await t.ssm.send(new PutParameterCommand({ Name: '/tag/dev', Value: 'd', Type: 'String', Tags: [{ Key: 'env', Value: 'dev' }] }));
    const arn = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/tag/prod`;
    await rejects(t.other.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: arn })), 'AccessDeniedException', /ssm:ListTagsForResource/);
    const dev = await userClient(t.w, 'dev-reader', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:ListTagsForResource'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/env': 'dev' } } },
        { Effect: 'Allow', Action: 'ssm:AddTagsToResource', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['owner'] } } },
      ],
    });
    assert.equal((await dev.send(new GetParameterCommand({ Name: '/tag/dev' }))).Parameter!.Value, 'd');
    await rejects(dev.send(new GetParameterCommand({ Name: '/tag/prod' })), 'AccessDeniedException', new RegExp(`user/dev-reader is not authorized to perform: ssm:GetParameter on resource: ${arn}`));
    await dev.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tag/prod', Tags: [{ Key: 'owner', Value: 'me' }] }));
    await rejects(dev.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tag/prod', Tags: [{ Key: 'env', Value: 'dev' }] })), 'AccessDeniedException');
    assert.deepEqual(await list(t, '/tag/prod'), [{ Key: 'env', Value: 'prod' }, { Key: 'owner', Value: 'me' }]);
  });
});
