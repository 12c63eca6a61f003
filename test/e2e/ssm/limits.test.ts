import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetParameterCommand, GetParameterHistoryCommand, GetParametersByPathCommand, GetParametersCommand, LabelParameterVersionCommand, PutParameterCommand, UnlabelParameterVersionCommand } from '@aws-sdk/client-ssm';
import { rejects, useWarden } from './helpers.js';

describe('ssm PutParameter limits and GetParameters selectors', () => {
  const t = useWarden();

  it('keeps 100 versions, dropping the oldest — unless it carries a label', async () => {
    await t.ssm.send(new PutParameterCommand({ Name: '/lim/v', Value: 'v1', Type: 'String' }));
    await t.ssm.send(new LabelParameterVersionCommand({ Name: '/lim/v', ParameterVersion: 1, Labels: ['first'] }));
    for (let i = 2; i <= 100; i++) await t.ssm.send(new PutParameterCommand({ Name: '/lim/v', Value: `v${i}`, Overwrite: true }));
    await rejects(
      t.ssm.send(new PutParameterCommand({ Name: '/lim/v', Value: 'v101', Overwrite: true })),
      'ParameterMaxVersionLimitExceeded',
      "You attempted to create a new version of /lim/v by calling the PutParameter API with the overwrite flag. Version 1, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.",
    );
    assert.equal((await t.ssm.send(new GetParameterCommand({ Name: '/lim/v' }))).Parameter!.Version, 100);
    await t.ssm.send(new UnlabelParameterVersionCommand({ Name: '/lim/v', ParameterVersion: 1, Labels: ['first'] }));
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/lim/v', Value: 'v101', Overwrite: true }))).Version, 101);
    const versions: number[] = [];
    let NextToken: string | undefined;
    do {
      const h = await t.ssm.send(new GetParameterHistoryCommand({ Name: '/lim/v', ...(NextToken !== undefined ? { NextToken } : {}) }));
      versions.push(...h.Parameters!.map((p) => p.Version!));
      NextToken = h.NextToken;
    } while (NextToken !== undefined);
    assert.equal(versions.length, 100);
    assert.deepEqual([versions[0], versions[99]], [2, 101]);
    await rejects(t.ssm.send(new GetParameterCommand({ Name: '/lim/v:1' })), 'ParameterVersionNotFound');
  });

  it('validates values: aws:ec2:image format, {{ }} references, AllowedPattern; state unchanged', async () => {
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/lim/ami', Value: 'ami-0123456789abcdef0', Type: 'String', DataType: 'aws:ec2:image' }))).Version, 1);
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/lim/ami', Value: 'not-an-ami', Overwrite: true })), 'ValidationException', /aws:ec2:image/);
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/lim/ami2', Value: 'ami-0123456789abcdef0', Type: 'SecureString', DataType: 'aws:ec2:image' })), 'ValidationException');
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/lim/ami2', Value: 'x', Type: 'String', DataType: 'aws:ec2:Image' })), 'ValidationException', /not supported/);
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/lim/nest', Value: 'a {{ssm:/lim/ami}} b', Type: 'String' })), 'ValidationException', /nest another parameter/);
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/lim/pat', Value: '12', Type: 'String', AllowedPattern: '([' })), 'InvalidAllowedPatternException');
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/lim/pat', Value: '12', Type: 'String', AllowedPattern: '^\\d+$' }))).Version, 1);
    // The stored pattern applies to later versions too.
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/lim/pat', Value: 'twelve', Overwrite: true })), 'ParameterPatternMismatchException');
    assert.equal((await t.ssm.send(new GetParameterCommand({ Name: '/lim/ami' }))).Parameter!.Value, 'ami-0123456789abcdef0');
    await rejects(t.ssm.send(new GetParameterCommand({ Name: '/lim/nest' })), 'ParameterNotFound');
    for (const Name of ['/aws/x', 'ssm-x', '/SSM/x', 'AWSx', '/a//b', '/a/b/', '/a b']) {
      await rejects(t.ssm.send(new PutParameterCommand({ Name, Value: 'x', Type: 'String' })), 'ValidationException', undefined);
    }
    await rejects(t.ssm.send(new PutParameterCommand({ Name: '/' + Array.from({ length: 16 }, (_, i) => `l${i}`).join('/'), Value: 'x', Type: 'String' })), 'HierarchyLevelLimitExceededException');
    assert.equal((await t.ssm.send(new PutParameterCommand({ Name: '/' + Array.from({ length: 15 }, (_, i) => `l${i}`).join('/'), Value: 'x', Type: 'String' }))).Version, 1);
  });

  it('GetParameters takes name:version and name:label selectors; unknown ones are InvalidParameters', async () => {
    await t.ssm.send(new PutParameterCommand({ Name: '/lim/sel', Value: 'one', Type: 'String' }));
    await t.ssm.send(new PutParameterCommand({ Name: '/lim/sel', Value: 'two', Overwrite: true }));
    await t.ssm.send(new LabelParameterVersionCommand({ Name: '/lim/sel', ParameterVersion: 1, Labels: ['old'] }));
    const r = await t.ssm.send(new GetParametersCommand({ Names: ['/lim/sel:1', '/lim/sel:old', '/lim/sel', '/lim/sel:9', '/lim/sel:nolabel', '/lim/none:1'] }));
    assert.deepEqual(r.Parameters!.map((p) => [p.Name, p.Value, p.Selector]), [['/lim/sel', 'one', ':1'], ['/lim/sel', 'one', ':old'], ['/lim/sel', 'two', undefined]]);
    assert.deepEqual(r.InvalidParameters, ['/lim/sel:9', '/lim/sel:nolabel', '/lim/none:1']);
  });
});

describe('ssm GetParametersByPath path rules', () => {
  const t = useWarden();
  it('refuses a path without a leading slash or with other symbols, with AWS\'s text', async () => {
    for (const Path of ['relative/path', '/has space', '/semi;colon']) {
      await rejects(
        t.ssm.send(new GetParametersByPathCommand({ Path })),
        'ValidationException',
        'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". It can\'t be prefixed with \\"aws\\" or \\"ssm\\" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.',
      );
    }
  });
});
