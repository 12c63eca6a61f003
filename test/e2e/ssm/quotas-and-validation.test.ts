import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  UnlabelParameterVersionCommand,
} from '@aws-sdk/client-ssm';
import { CreateKeyCommand, DisableKeyCommand, EnableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { readTierCount } from '../../../src/services/ssm/state.js';
import { ACCOUNT, rejects, useWarden } from './helpers.js';

const STANDARD_FULL = (n: number) =>
  `You have reached the maximum number of standard parameters for this AWS account and Region (${n}). To add more parameters, either delete existing parameters or upgrade to the advanced-parameter tier (charges apply).`;

describe('ssm parameter quotas (--ssm-standard-parameter-limit 3 --ssm-advanced-parameter-limit 2)', () => {
  const t = useWarden(['--ssm-standard-parameter-limit', '3', '--ssm-advanced-parameter-limit', '2']);
  const put = (Name: string, extra: object = {}) => t.ssm.send(new PutParameterCommand({ Name, Value: 'v', Type: 'String', ...extra }));
  const tierOf = async (Name: string) => (await t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: [Name] }] }))).Parameters![0]?.Tier;

  it('a new standard parameter past the quota is ParameterLimitExceeded, nothing stored; overwrites still work', async () => {
    for (const n of ['/q/s1', '/q/s2', '/q/s3']) await put(n);
    await rejects(put('/q/s4'), 'ParameterLimitExceeded', STANDARD_FULL(3));
    await rejects(t.ssm.send(new GetParameterCommand({ Name: '/q/s4' })), 'ParameterNotFound');
    assert.equal((await t.w.lastEvent('PutParameter')).errorCode, 'ParameterLimitExceeded');
    // Overwriting an existing standard parameter does not add one.
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/q/s1', Value: 'v2', Overwrite: true }))).Version, 2);
    // The default tier (Standard) counts the same as an explicit one.
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/q/s4', Value: 'v', Type: 'String', Tier: 'Standard' })), 'ParameterLimitExceeded');
  });

  it('Intelligent-Tiering picks Advanced once the standard tier is full; the advanced quota applies too', async () => {
    const r = await put('/q/it1', { Tier: 'Intelligent-Tiering' });
    assert.equal(r.Tier, 'Advanced');
    assert.equal(await tierOf('/q/it1'), 'Advanced');
    assert.equal((await put('/q/a1', { Tier: 'Advanced' })).Tier, 'Advanced');
    await rejects(put('/q/a2', { Tier: 'Advanced' }), 'ParameterLimitExceeded', /maximum number of advanced parameters .*\(2\)/);
    await rejects(put('/q/it2', { Tier: 'Intelligent-Tiering' }), 'ParameterLimitExceeded', /advanced parameters/);
    // Moving a standard parameter to Advanced needs room in the advanced tier: state unchanged.
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/q/s2', Value: 'big', Overwrite: true, Tier: 'Advanced' })), 'ParameterLimitExceeded');
    assert.equal(await tierOf('/q/s2'), 'Standard');
    assert.equal((await t.ssm.send(new GetParameterCommand({ Name: '/q/s2' }))).Parameter!.Version, 1);
  });

  it('deleting frees room: DeleteParameter and DeleteParameters keep the count', async () => {
    await t.ssm.send(new DeleteParameterCommand({ Name: '/q/s3' }));
    assert.equal((await put('/q/s5')).Tier, 'Standard');
    await rejects(put('/q/s6'), 'ParameterLimitExceeded', STANDARD_FULL(3));
    const d = await t.ssm.send(new DeleteParametersCommand({ Names: ['/q/s1', '/q/s2', '/q/a1', '/q/none'] }));
    assert.deepEqual(d.InvalidParameters, ['/q/none']);
    for (const n of ['/q/s6', '/q/s7']) assert.equal((await put(n)).Tier, 'Standard');
    assert.equal((await put('/q/a3', { Tier: 'Advanced' })).Tier, 'Advanced');
    await rejects(put('/q/s8'), 'ParameterLimitExceeded');
    await rejects(put('/q/a4', { Tier: 'Advanced' }), 'ParameterLimitExceeded');
    // Intelligent-Tiering with both tiers full: the advanced quota's error.
    await rejects(put('/q/it3', { Tier: 'Intelligent-Tiering' }), 'ParameterLimitExceeded', /advanced parameters/);
  });

  it('quotas are per account and Region', async () => {
    assert.equal((await t.other.send(new PutParameterCommand({ Name: '/q/s1', Value: 'v', Type: 'String' }))).Version, 1);
  });
});

describe('ssm PutParameter type changes, names and labels', () => {
  const t = useWarden();

  it('an overwrite may change the type (AWS accepts it: no HierarchyTypeMismatchException)', async () => {
    await t.ssm.send(new PutParameterCommand({ Name: '/ty/p', Value: 'plain', Type: 'String' }));
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/ty/p', Value: 'secret', Type: 'SecureString', Overwrite: true }))).Version, 2);
    const s = (await t.ssm.send(new GetParameterCommand({ Name: '/ty/p', WithDecryption: true }))).Parameter!;
    assert.deepEqual([s.Type, s.Value], ['SecureString', 'secret']);
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/ty/p', Value: 'a,b', Type: 'StringList', Overwrite: true }))).Version, 3);
    const d = (await t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/ty/p'] }] }))).Parameters![0]!;
    assert.equal(d.Type, 'StringList');
    assert.equal(d.KeyId, undefined);
    // Without Type an overwrite keeps the current type.
    await t.ssm.send(new PutParameterCommand({ Name: '/ty/p', Value: 'c,d', Overwrite: true }));
    assert.equal((await t.ssm.send(new GetParameterCommand({ Name: '/ty/p' }))).Parameter!.Type, 'StringList');
    // Without Overwrite a different type is still ParameterAlreadyExists.
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/ty/p', Value: 'x', Type: 'String' })), 'ParameterAlreadyExists');
  });

  it('spaces around a name are removed; inside it they are a ValidationException', async () => {
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '  /sp/name ', Value: 'v', Type: 'String' }))).Version, 1);
    assert.equal((await t.ssm.send(new GetParameterCommand({ Name: '/sp/name' }))).Parameter!.Name, '/sp/name');
    assert.equal((await t.ssm.send(new GetParameterCommand({ Name: ' /sp/name  ' }))).Parameter!.Value, 'v');
    assert.deepEqual((await t.ssm.send(new GetParametersByPathCommand({ Path: ' /sp ' }))).Parameters!.map((p) => p.Name), ['/sp/name']);
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/sp/na me', Value: 'v', Type: 'String' })), 'ValidationException');
  });

  it('labels: name:label selects the labelled version; GetParametersByPath Label filter answers it', async () => {
    await t.ssm.send(new PutParameterCommand({ Name: '/lab/a', Value: 'a1', Type: 'String' }));
    await t.ssm.send(new PutParameterCommand({ Name: '/lab/a', Value: 'a2', Overwrite: true }));
    await t.ssm.send(new PutParameterCommand({ Name: '/lab/a', Value: 'a3', Overwrite: true }));
    await t.ssm.send(new PutParameterCommand({ Name: '/lab/b', Value: 'b1', Type: 'String' }));
    await t.ssm.send(new PutParameterCommand({ Name: '/lab/c', Value: 'c1', Type: 'String' }));
    await t.ssm.send(new LabelParameterVersionCommand({ Name: '/lab/a', ParameterVersion: 2, Labels: ['prod'] }));
    await t.ssm.send(new LabelParameterVersionCommand({ Name: '/lab/b', Labels: ['prod'] }));
    const g = (await t.ssm.send(new GetParameterCommand({ Name: '/lab/a:prod' }))).Parameter!;
    assert.deepEqual([g.Value, g.Version, g.Selector], ['a2', 2, ':prod']);
    const byPath = await t.ssm.send(new GetParametersByPathCommand({ Path: '/lab', ParameterFilters: [{ Key: 'Label', Option: 'Equals', Values: ['prod'] }] }));
    assert.deepEqual(byPath.Parameters!.map((p) => [p.Name, p.Value, p.Version]), [['/lab/a', 'a2', 2], ['/lab/b', 'b1', 1]]);
    const none = await t.ssm.send(new GetParametersByPathCommand({ Path: '/lab', ParameterFilters: [{ Key: 'Label', Values: ['nope'] }] }));
    assert.deepEqual(none.Parameters, []);
    await rejects(t.ssm.send(new GetParametersByPathCommand({ Path: '/lab', ParameterFilters: [{ Key: 'Label', Option: 'BeginsWith', Values: ['pr'] }] })), 'InvalidFilterOption');
    await rejects(t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Label', Values: ['prod'] }] })), 'InvalidFilterKey');
    // Moving the label moves what the filter answers.
    await t.ssm.send(new LabelParameterVersionCommand({ Name: '/lab/a', ParameterVersion: 3, Labels: ['prod'] }));
    const moved = await t.ssm.send(new GetParametersCommand({ Names: ['/lab/a:prod'] }));
    assert.deepEqual(moved.Parameters!.map((p) => [p.Value, p.Version]), [['a3', 3]]);
  });

  it('label errors: version and label limits, unknown versions; state unchanged', async () => {
    await t.ssm.send(new PutParameterCommand({ Name: '/lab/lim', Value: 'x', Type: 'String' }));
    await rejects(t.ssm.send(new LabelParameterVersionCommand({ Name: '/lab/none', Labels: ['a'] })), 'ParameterNotFound');
    await rejects(t.ssm.send(new LabelParameterVersionCommand({ Name: '/lab/lim', ParameterVersion: 9, Labels: ['a'] })), 'ParameterVersionNotFound');
    const ten = Array.from({ length: 10 }, (_, i) => `l${i}`);
    assert.deepEqual((await t.ssm.send(new LabelParameterVersionCommand({ Name: '/lab/lim', Labels: ten }))).InvalidLabels, []);
    const e = await rejects(t.ssm.send(new LabelParameterVersionCommand({ Name: '/lab/lim', Labels: ['eleventh'] })), 'ParameterVersionLabelLimitExceeded');
    assert.doesNotMatch(e.message, /An error occurred/);
    const h = await t.ssm.send(new GetParameterHistoryCommand({ Name: '/lab/lim' }));
    assert.deepEqual(h.Parameters![0]!.Labels, ten);
    // More than 10 labels in one request: the model's limit.
    await rejects(t.ssm.send(new LabelParameterVersionCommand({ Name: '/lab/lim', Labels: [...ten, 'x'] })), 'ValidationException');
    // Invalid labels are returned, not attached.
    await t.ssm.send(new PutParameterCommand({ Name: '/lab/inv', Value: 'x', Type: 'String' }));
    const inv = await t.ssm.send(new LabelParameterVersionCommand({ Name: '/lab/inv', Labels: ['1abc', 'awsx', 'ok-label', 'has space'] }));
    assert.deepEqual(inv.InvalidLabels, ['1abc', 'awsx', 'has space']);
    await rejects(t.ssm.send(new UnlabelParameterVersionCommand({ Name: '/lab/none', ParameterVersion: 1, Labels: ['a'] })), 'ParameterNotFound');
    await rejects(t.ssm.send(new UnlabelParameterVersionCommand({ Name: '/lab/inv', ParameterVersion: 5, Labels: ['ok-label'] })), 'ParameterVersionNotFound');
    assert.deepEqual((await t.ssm.send(new GetParameterHistoryCommand({ Name: '/lab/inv' }))).Parameters![0]!.Labels, ['ok-label']);
  });
});

describe('ssm paging and ranges: AWS errors, never a 500', () => {
  const t = useWarden();

  it('MaxResults out of range is a ValidationException; garbage NextToken is InvalidNextToken', async () => {
    await t.ssm.send(new PutParameterCommand({ Name: '/pg/a', Value: 'x', Type: 'String' }));
    await rejects(t.ssm.send(new GetParametersByPathCommand({ Path: '/pg', MaxResults: 11 })), 'ValidationException', /maxResults/);
    await rejects(t.ssm.send(new GetParametersByPathCommand({ Path: '/pg', MaxResults: 0 })), 'ValidationException', /maxResults/);
    await rejects(t.ssm.send(new DescribeParametersCommand({ MaxResults: 51 })), 'ValidationException', /maxResults/);
    await rejects(t.ssm.send(new GetParameterHistoryCommand({ Name: '/pg/a', MaxResults: 51 })), 'ValidationException', /maxResults/);
    for (const NextToken of ['garbage', 'bzo5OTk5', '%%%', 'x'.repeat(100)]) {
      await rejects(t.ssm.send(new GetParametersByPathCommand({ Path: '/pg', NextToken })), 'InvalidNextToken');
      await rejects(t.ssm.send(new DescribeParametersCommand({ NextToken })), 'InvalidNextToken');
      await rejects(t.ssm.send(new GetParameterHistoryCommand({ Name: '/pg/a', NextToken })), 'InvalidNextToken');
    }
    assert.equal((await t.w.lastEvent('GetParameterHistory')).errorCode, 'InvalidNextToken');
    await rejects(t.ssm.send(new GetParameterHistoryCommand({ Name: '/pg/none' })), 'ParameterNotFound');
  });

  it('a :version or :label suffix names nothing outside GetParameter(s): DeleteParameter never deletes the whole parameter', async () => {
    await t.ssm.send(new PutParameterCommand({ Name: '/pg/sel', Value: 'keep', Type: 'String' }));
    await rejects(t.ssm.send(new DeleteParameterCommand({ Name: '/pg/sel:1' })), 'ParameterNotFound');
    await rejects(t.ssm.send(new GetParameterHistoryCommand({ Name: '/pg/sel:1' })), 'ParameterNotFound');
    await rejects(t.ssm.send(new LabelParameterVersionCommand({ Name: '/pg/sel:1', Labels: ['x'] })), 'ParameterNotFound');
    assert.deepEqual((await t.ssm.send(new DeleteParametersCommand({ Names: ['/pg/sel:1'] }))).InvalidParameters, ['/pg/sel:1']);
    assert.equal((await t.ssm.send(new GetParameterCommand({ Name: '/pg/sel:1' }))).Parameter!.Value, 'keep');
  });

  it('GetParametersByPath filters: keys, options and values it does not take; RemoveTagsFromResource on nothing', async () => {
    await rejects(t.ssm.send(new GetParametersByPathCommand({ Path: '/pg', ParameterFilters: [{ Key: 'Type', Values: ['Text'] }] })), 'InvalidFilterValue');
    await rejects(t.ssm.send(new GetParametersByPathCommand({ Path: '/pg', ParameterFilters: [{ Key: 'Name', Values: ['/pg/a'] }] })), 'InvalidFilterKey');
    await rejects(t.ssm.send(new GetParametersByPathCommand({ Path: '/pg', ParameterFilters: [{ Key: 'Tier', Values: ['Standard'] }] })), 'InvalidFilterKey');
    await rejects(t.ssm.send(new GetParametersByPathCommand({ Path: '/pg', ParameterFilters: [{ Key: 'Type', Option: 'Contains', Values: ['S'] }] })), 'InvalidFilterOption');
    assert.equal((await t.w.lastEvent('GetParametersByPath')).errorCode, 'InvalidFilterOption');
    await rejects(t.ssm.send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: '/pg/none', TagKeys: ['a'] })), 'InvalidResourceId');
  });

  it('GetParameters and DeleteParameters take at most 10 names', async () => {
    const Names = Array.from({ length: 11 }, (_, i) => `/pg/n${i}`);
    await rejects(t.ssm.send(new GetParametersCommand({ Names })), 'ValidationException', /names/);
    await rejects(t.ssm.send(new DeleteParametersCommand({ Names })), 'ValidationException', /names/);
    assert.equal((await t.ssm.send(new GetParameterCommand({ Name: '/pg/a' }))).Parameter!.Value, 'x');
  });

  it('value and name sizes: the tier limits, and the 2048-character name limit of the model', async () => {
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/pg/big', Value: 'x'.repeat(4097), Type: 'String' })), 'ValidationException', /4096/);
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/pg/big', Value: 'x'.repeat(8193), Type: 'String', Tier: 'Advanced' })), 'ValidationException', /8192/);
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/' + 'n'.repeat(2048), Value: 'x', Type: 'String' })), 'ValidationException');
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/pg/big', Value: '', Type: 'String' })), 'ValidationException', "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/pg/big', Value: 'x'.repeat(32769), Type: 'String', Tier: 'Advanced' })), 'ValidationException', /less than or equal to 32768$/);
    await rejects(t.ssm.send(new GetParameterCommand({ Name: '/pg/big' })), 'ParameterNotFound');
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/pg/big', Value: 'x'.repeat(4097), Type: 'String', Tier: 'Advanced' }))).Tier, 'Advanced');
  });
});

describe('ssm InvalidKeyId on every read that decrypts, and on writes', () => {
  const t = useWarden();

  it('a disabled customer key: GetParameter(s), GetParametersByPath and GetParameterHistory fail as a whole; without decryption they work', async () => {
    const kms = t.w.client(KMSClient);
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await t.ssm.send(new PutParameterCommand({ Name: '/kid/p', Value: 'secret-v1', Type: 'SecureString', KeyId: key }));
    await t.ssm.send(new PutParameterCommand({ Name: '/kid/q', Value: 'plain', Type: 'String' }));
    await kms.send(new DisableKeyCommand({ KeyId: key }));
    await rejects(t.ssm.send(new GetParametersCommand({ Names: ['/kid/p', '/kid/q'], WithDecryption: true })), 'InvalidKeyId');
    await rejects(t.ssm.send(new GetParametersByPathCommand({ Path: '/kid', WithDecryption: true })), 'InvalidKeyId');
    await rejects(t.ssm.send(new GetParameterHistoryCommand({ Name: '/kid/p', WithDecryption: true })), 'InvalidKeyId');
    assert.equal((await t.w.lastEvent('GetParameterHistory')).errorCode, 'InvalidKeyId');
    // Without decryption the ciphertext is answered.
    const enc = (await t.ssm.send(new GetParametersByPathCommand({ Path: '/kid' }))).Parameters!;
    assert.deepEqual(enc.map((p) => p.Name), ['/kid/p', '/kid/q']);
    assert.notEqual(enc[0]!.Value, 'secret-v1');
    // Writing a new version under the disabled key: InvalidKeyId, the parameter unchanged.
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/kid/p', Value: 'secret-v2', Type: 'SecureString', KeyId: key, Overwrite: true })), 'InvalidKeyId');
    await kms.send(new EnableKeyCommand({ KeyId: key }));
    const p = (await t.ssm.send(new GetParameterCommand({ Name: '/kid/p', WithDecryption: true }))).Parameter!;
    assert.deepEqual([p.Value, p.Version], ['secret-v1', 1]);
  });
});

describe('ssm parameter quota under concurrent creates (--ssm-standard-parameter-limit 25)', () => {
  const t = useWarden(['--ssm-standard-parameter-limit', '25']);

  it('exactly the quota succeeds when 40 creates race; the count stays exact', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => t.ssm.send(new PutParameterCommand({ Name: `/race/p${i}`, Value: 'v', Type: i % 2 === 0 ? 'String' : 'SecureString' }))),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(results.length - failed.length, 25);
    assert.deepEqual([...new Set(failed.map((r) => (r.reason as Error).name))], ['ParameterLimitExceeded']);
    let stored = 0;
    let NextToken: string | undefined;
    do {
      const page = await t.ssm.send(new DescribeParametersCommand({ MaxResults: 50, ...(NextToken !== undefined ? { NextToken } : {}) }));
      stored += page.Parameters!.length;
      NextToken = page.NextToken;
    } while (NextToken !== undefined);
    assert.equal(stored, 25);
    await t.ssm.send(new DeleteParameterCommand({ Name: '/race/p0' }));
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/race/again', Value: 'v', Type: 'String' }))).Version, 1);
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/race/more', Value: 'v', Type: 'String' })), 'ParameterLimitExceeded');
  });
});

describe('ssm tier count far from the quotas (default limits)', () => {
  const t = useWarden();

  it('concurrent creates and deletes all succeed (sharded count, no retry storm) and the count stays exact', async () => {
    const created = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => t.ssm.send(new PutParameterCommand({ Name: `/far/p${i}`, Value: 'v', Type: 'String', ...(i % 3 === 0 ? { Tier: 'Advanced' } : {}) }))));
    assert.deepEqual(created.filter((r) => r.status === 'rejected'), []);
    const deleted = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => t.ssm.send(new DeleteParameterCommand({ Name: `/far/p${i}` }))));
    assert.deepEqual(deleted.filter((r) => r.status === 'rejected'), []);
    const count = await t.w.warden.store.read((tx) => readTierCount(tx, ACCOUNT, 'us-east-1'));
    // p0..p59: every third Advanced (20); p0..p19 deleted (7 of them Advanced).
    assert.deepEqual(count, { standard: 40 - 13, advanced: 20 - 7 });
  });
});

describe('ssm concurrent updates of one parameter', () => {
  const t = useWarden();

  it('30 racing overwrites all succeed, each a new consecutive version', async () => {
    await t.ssm.send(new PutParameterCommand({ Name: '/hot/p', Value: 'v0', Type: 'String' }));
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => t.ssm.send(new PutParameterCommand({ Name: '/hot/p', Value: `v${i + 1}`, Overwrite: true }))));
    assert.deepEqual(results.filter((r) => r.status === 'rejected'), []);
    const versions = results.map((r) => (r as PromiseFulfilledResult<{ Version?: number }>).value.Version).sort((a, b) => a! - b!);
    assert.deepEqual(versions, Array.from({ length: 30 }, (_, i) => i + 2));
    const history = (await t.ssm.send(new GetParameterHistoryCommand({ Name: '/hot/p' }))).Parameters!;
    assert.deepEqual(history.map((p) => p.Version), Array.from({ length: 31 }, (_, i) => i + 1));
  });
});
