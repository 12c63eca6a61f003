import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DescribeParametersCommand, GetParametersByPathCommand, LabelParameterVersionCommand, PutParameterCommand, type DescribeParametersCommandInput } from '@aws-sdk/client-ssm';
import { rejects, useWarden } from './helpers.js';

describe('ssm DescribeParameters filters and GetParametersByPath filters', () => {
  const t = useWarden();
  const names = async (input: DescribeParametersCommandInput): Promise<string[]> => {
    const out: string[] = [];
    let NextToken: string | undefined;
    do {
      const r = await t.ssm.send(new DescribeParametersCommand({ ...input, ...(NextToken !== undefined ? { NextToken } : {}) }));
      out.push(...r.Parameters!.map((p) => p.Name!));
      NextToken = r.NextToken;
    } while (NextToken !== undefined);
    return out;
  };

  before(async () => {
    const put = (Name: string, Type: 'String' | 'StringList' | 'SecureString', extra: object = {}) => t.ssm.send(new PutParameterCommand({ Name, Value: 'ami-0123456789abcdef0', Type, ...extra }));
    await put('/d/app/one', 'String', { Tags: [{ Key: 'team', Value: 'blue' }] });
    await put('/d/app/two', 'SecureString', { Tags: [{ Key: 'team', Value: 'red' }, { Key: 'cost', Value: 'x' }] });
    await put('/d/app/deep/three', 'StringList');
    await put('/d/big', 'String', { Tier: 'Advanced' });
    await put('/d/image', 'String', { DataType: 'aws:ec2:image' });
    await put('d-flat', 'String');
    await t.ssm.send(new LabelParameterVersionCommand({ Name: '/d/big', Labels: ['prod'] }));
  });

  it('Name Equals / BeginsWith / Contains; Path OneLevel / Recursive; Type, Tier, DataType, KeyId; tag:Key', async () => {
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Name', Values: ['/d/big'] }] }), ['/d/big']);
    // A name without its leading slash matches too. // unverified
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Name', Values: ['d/big'] }] }), ['/d/big']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/d/app'] }] }), ['/d/app/deep/three', '/d/app/one', '/d/app/two']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Name', Option: 'Contains', Values: ['flat', 'image'] }] }), ['/d/image', 'd-flat']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Path', Values: ['/d/app'] }] }), ['/d/app/one', '/d/app/two']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/d/app/'] }] }), ['/d/app/deep/three', '/d/app/one', '/d/app/two']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/d'] }, { Key: 'Type', Values: ['SecureString', 'StringList'] }] }), ['/d/app/deep/three', '/d/app/two']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Tier', Values: ['Advanced'] }] }), ['/d/big']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'DataType', Values: ['aws:ec2:image'] }] }), ['/d/image']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'KeyId', Values: ['alias/aws/ssm'] }] }), ['/d/app/two']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'KeyId', Option: 'BeginsWith', Values: ['alias/'] }] }), ['/d/app/two']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'tag:team', Values: ['red'] }] }), ['/d/app/two']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'tag:team' }] }), ['/d/app/one', '/d/app/two']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'tag:team', Option: 'BeginsWith', Values: ['bl'] }] }), ['/d/app/one']);
    assert.deepEqual(await names({ Filters: [{ Key: 'Type', Values: ['StringList'] }] }), ['/d/app/deep/three']);
    assert.deepEqual(await names({ Filters: [{ Key: 'Name', Values: ['/d/app/t'] }] }), ['/d/app/two']);
    // Paging: one page at a time with MaxResults 1, all pages together are the full answer.
    const first = await t.ssm.send(new DescribeParametersCommand({ MaxResults: 1, ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/d'] }] }));
    assert.equal(first.Parameters!.length, 1);
    assert.ok(first.NextToken);
    assert.equal((await names({ ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/d'] }], MaxResults: 2 })).length, 5);
    // Shared parameters: Warden has no RAM sharing, so none.
    assert.deepEqual(await names({ Shared: true }), []);
    const m = (await t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/d/big'] }] }))).Parameters![0]!;
    assert.deepEqual([m.Tier, m.Type, m.Version, m.Policies, m.DataType], ['Advanced', 'String', 1, [], 'text']);
  });

  it('errors: Label is not a DescribeParameters key; options per key; values checked; Filters with ParameterFilters', async () => {
    await rejects(t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Label', Values: ['prod'] }] })), 'InvalidFilterKey');
    await rejects(t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Type', Option: 'Contains', Values: ['String'] }] })), 'InvalidFilterOption', /Valid options include: \[Equals, BeginsWith\]/);
    await rejects(t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Option: 'BeginsWith', Values: ['/d'] }] })), 'InvalidFilterOption');
    await rejects(t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'tag:team', Option: 'Contains', Values: ['b'] }] })), 'InvalidFilterOption');
    await rejects(t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Type', Values: ['Number'] }] })), 'InvalidFilterValue');
    await rejects(t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Values: ['d'] }] })), 'InvalidFilterValue');
    await rejects(t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Bogus', Values: ['x'] }] })), 'ValidationException');
    await rejects(t.ssm.send(new DescribeParametersCommand({ Filters: [{ Key: 'Type', Values: ['String'] }], ParameterFilters: [{ Key: 'Tier', Values: ['Standard'] }] })), 'ValidationException');
    await rejects(t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Tier', Values: ['Standard'] }, { Key: 'Tier', Values: ['Advanced'] }] })), 'ValidationException', /duplicated/);
    await rejects(t.ssm.send(new DescribeParametersCommand({ NextToken: 'nope' })), 'InvalidNextToken');
    const ev = await t.w.lastEvent('DescribeParameters');
    assert.equal(ev.errorCode, 'InvalidNextToken');
    assert.equal(ev.readOnly, true);
  });

  it('GetParametersByPath takes Type, KeyId and Label (Label only Equals) and refuses the others', async () => {
    const byLabel = await t.ssm.send(new GetParametersByPathCommand({ Path: '/d', ParameterFilters: [{ Key: 'Label', Option: 'Equals', Values: ['prod'] }] }));
    assert.deepEqual(byLabel.Parameters!.map((p) => p.Name), ['/d/big']);
    await rejects(t.ssm.send(new GetParametersByPathCommand({ Path: '/d', ParameterFilters: [{ Key: 'Label', Option: 'BeginsWith', Values: ['pr'] }] })), 'InvalidFilterOption', 'The following filter option is not valid: BeginsWith. Valid options include: [Equals].');
    for (const Key of ['Name', 'Path', 'Tier', 'DataType', 'tag:team']) {
      await rejects(t.ssm.send(new GetParametersByPathCommand({ Path: '/d', ParameterFilters: [{ Key, Values: ['x'] }] })), 'InvalidFilterKey');
    }
    const typed = await t.ssm.send(new GetParametersByPathCommand({ Path: '/d', Recursive: true, ParameterFilters: [{ Key: 'Type', Option: 'BeginsWith', Values: ['String'] }] }));
    assert.deepEqual(typed.Parameters!.map((p) => p.Name), ['/d/app/deep/three', '/d/app/one', '/d/big', '/d/image']);
  });
});
