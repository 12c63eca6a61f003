import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestWarden, tempDir, type Running } from '../../harness.js';
import { jsonApi } from '../../json-api.js';

// Raw signed awsJson1_1 requests: exact wire shapes (epoch-second dates, __type, message).
const OTHER = { accessKeyId: '111122223333', secretAccessKey: 'x' };
const ACCOUNT = '000000000000';

const { call, ok, fails } = jsonApi('ssm', 'AmazonSSM');
const kmsApi = jsonApi('kms', 'TrentService');

const EXISTS = 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.';

describe('SSM Parameter Store', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden();
  });
  after(() => w.stop());

  it('PutParameter and GetParameter: String, StringList, shapes', async () => {
    const p = await ok(w, 'PutParameter', { Name: '/app/db/host', Value: 'db.local', Type: 'String', Description: 'host' });
    assert.deepEqual(p, { Version: 1, Tier: 'Standard' });
    const g = await ok(w, 'GetParameter', { Name: '/app/db/host' });
    assert.deepEqual(Object.keys(g.Parameter).sort(), ['ARN', 'DataType', 'LastModifiedDate', 'Name', 'Type', 'Value', 'Version']);
    assert.equal(g.Parameter.ARN, `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/app/db/host`);
    assert.deepEqual([g.Parameter.Name, g.Parameter.Type, g.Parameter.Value, g.Parameter.Version, g.Parameter.DataType], ['/app/db/host', 'String', 'db.local', 1, 'text']);
    assert.equal(typeof g.Parameter.LastModifiedDate, 'number');
    const byArn = await ok(w, 'GetParameter', { Name: g.Parameter.ARN });
    assert.equal(byArn.Parameter.Value, 'db.local');
    await ok(w, 'PutParameter', { Name: 'flat', Value: 'a,b,c', Type: 'StringList' });
    const list = await ok(w, 'GetParameter', { Name: 'flat' });
    assert.equal(list.Parameter.ARN, `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/flat`);
    assert.equal(list.Parameter.Value, 'a,b,c');
    assert.equal(list.Parameter.Type, 'StringList');
  });

  it('errors: not found, already exists, validation; bad input leaves state unchanged', async () => {
    await fails(w, 'GetParameter', { Name: '/nope' }, 'ParameterNotFound');
    await fails(w, 'DeleteParameter', { Name: '/nope' }, 'ParameterNotFound');
    await ok(w, 'PutParameter', { Name: '/keep', Value: 'v1', Type: 'String' });
    await fails(w, 'PutParameter', { Name: '/keep', Value: 'v2', Type: 'String' }, 'ParameterAlreadyExists', EXISTS);
    await fails(w, 'PutParameter', { Name: '/has space', Value: 'x', Type: 'String' }, 'ValidationException', /can't be prefixed with "aws" or "ssm"/);
    await fails(w, 'PutParameter', { Name: 'awsTest', Value: 'x', Type: 'String' }, 'ValidationException');
    await fails(w, 'PutParameter', { Name: '/SSM/x', Value: 'x', Type: 'String' }, 'ValidationException');
    await fails(w, 'PutParameter', { Name: 'a/b', Value: 'x', Type: 'String' }, 'ValidationException');
    await fails(w, 'PutParameter', { Name: '/new', Value: 'x' }, 'ValidationException', 'A parameter type is required when you create a parameter.');
    await fails(w, 'PutParameter', { Name: '/new', Value: 'x', Type: 'Bogus' }, 'ValidationException', /Member must satisfy enum value set/);
    await fails(w, 'PutParameter', { Name: '/' + Array.from({ length: 16 }, (_, i) => `l${i}`).join('/'), Value: 'x', Type: 'String' }, 'HierarchyLevelLimitExceededException');
    await fails(w, 'PutParameter', { Name: '/keep', Value: 'x'.repeat(4097), Type: 'String', Overwrite: true }, 'ValidationException', /^Standard tier parameters support a maximum parameter value of 4096/);
    await fails(w, 'PutParameter', { Name: '/keep', Value: 'abc', Type: 'String', Overwrite: true, AllowedPattern: '^\\d+$' }, 'ParameterPatternMismatchException');
    await fails(w, 'PutParameter', { Name: '/keep', Value: 'x', Type: 'String', Overwrite: true, Tags: [{ Key: 'a', Value: 'b' }] }, 'ValidationException', /tags and overwrite can't be used together/);
    await fails(w, 'PutParameter', { Name: '/new', Value: 'x', Type: 'String', KeyId: 'alias/x' }, 'ValidationException');
    const g = await ok(w, 'GetParameter', { Name: '/keep' });
    assert.deepEqual([g.Parameter.Value, g.Parameter.Version], ['v1', 1]);
    await fails(w, 'GetParameter', { Name: '/new' }, 'ParameterNotFound');
    await fails(w, 'GetParameter', { Name: '/keep:7' }, 'ParameterVersionNotFound');
    // Advanced tier takes 8 KB.
    const adv = await ok(w, 'PutParameter', { Name: '/big', Value: 'y'.repeat(8000), Type: 'String', Tier: 'Advanced' });
    assert.equal(adv.Tier, 'Advanced');
    await fails(w, 'PutParameter', { Name: '/big', Value: 'y'.repeat(8193), Type: 'String', Tier: 'Advanced', Overwrite: true }, 'ValidationException');
    const it = await ok(w, 'PutParameter', { Name: '/auto', Value: 'z'.repeat(5000), Type: 'String', Tier: 'Intelligent-Tiering' });
    assert.equal(it.Tier, 'Advanced');
  });

  it('versions, selectors, labels and history', async () => {
    await ok(w, 'PutParameter', { Name: '/ver/p', Value: 'one', Type: 'String' });
    const two = await ok(w, 'PutParameter', { Name: '/ver/p', Value: 'two', Overwrite: true });
    assert.equal(two.Version, 2);
    const three = await ok(w, 'PutParameter', { Name: '/ver/p', Value: 'three', Type: 'String', Overwrite: true, Description: 'third' });
    assert.equal(three.Version, 3);
    const v1 = await ok(w, 'GetParameter', { Name: '/ver/p:1' });
    assert.deepEqual([v1.Parameter.Value, v1.Parameter.Version, v1.Parameter.Selector, v1.Parameter.Name], ['one', 1, ':1', '/ver/p']);
    const l = await ok(w, 'LabelParameterVersion', { Name: '/ver/p', ParameterVersion: 2, Labels: ['prod', '1bad', 'awsx'] });
    assert.deepEqual(l, { InvalidLabels: ['1bad', 'awsx'], ParameterVersion: 2 });
    const byLabel = await ok(w, 'GetParameter', { Name: '/ver/p:prod' });
    assert.deepEqual([byLabel.Parameter.Value, byLabel.Parameter.Selector], ['two', ':prod']);
    // Labeling another version moves the label.
    await ok(w, 'LabelParameterVersion', { Name: '/ver/p', Labels: ['prod'] });
    assert.equal((await ok(w, 'GetParameter', { Name: '/ver/p:prod' })).Parameter.Value, 'three');
    const h = await ok(w, 'GetParameterHistory', { Name: '/ver/p' });
    assert.deepEqual(
      h.Parameters.map((p: any) => [p.Version, p.Value, p.Labels]),
      [[1, 'one', []], [2, 'two', []], [3, 'three', ['prod']]],
    );
    assert.equal(h.Parameters[2].Description, 'third');
    assert.equal(h.Parameters[0].LastModifiedUser, `arn:aws:iam::${ACCOUNT}:root`);
    const paged = await ok(w, 'GetParameterHistory', { Name: '/ver/p', MaxResults: 2 });
    assert.equal(paged.Parameters.length, 2);
    const rest = await ok(w, 'GetParameterHistory', { Name: '/ver/p', MaxResults: 2, NextToken: paged.NextToken });
    assert.deepEqual(rest.Parameters.map((p: any) => p.Version), [3]);
    const u = await ok(w, 'UnlabelParameterVersion', { Name: '/ver/p', ParameterVersion: 3, Labels: ['prod', 'none'] });
    assert.deepEqual(u, { RemovedLabels: ['prod'], InvalidLabels: ['none'] });
    await fails(w, 'GetParameter', { Name: '/ver/p:prod' }, 'ParameterVersionNotFound');
    await fails(w, 'GetParameterHistory', { Name: '/ver/none' }, 'ParameterNotFound');
  });

  it('GetParameters, GetParametersByPath, DescribeParameters, DeleteParameters', async () => {
    for (const n of ['/tree/a', '/tree/b', '/tree/sub/c', '/tree/sub/deep/d', '/treeish']) await ok(w, 'PutParameter', { Name: n, Value: n, Type: 'String' });
    await ok(w, 'PutParameter', { Name: '/tree/s', Value: 'sec', Type: 'SecureString' });
    const g = await ok(w, 'GetParameters', { Names: ['/tree/b', '/missing', '/tree/a'] });
    assert.deepEqual(g.Parameters.map((p: any) => p.Name), ['/tree/a', '/tree/b']);
    assert.deepEqual(g.InvalidParameters, ['/missing']);
    const one = await ok(w, 'GetParametersByPath', { Path: '/tree' });
    assert.deepEqual(one.Parameters.map((p: any) => p.Name), ['/tree/a', '/tree/b', '/tree/s']);
    const all = await ok(w, 'GetParametersByPath', { Path: '/tree/', Recursive: true, WithDecryption: true });
    assert.deepEqual(all.Parameters.map((p: any) => p.Name), ['/tree/a', '/tree/b', '/tree/s', '/tree/sub/c', '/tree/sub/deep/d']);
    assert.equal(all.Parameters.find((p: any) => p.Name === '/tree/s').Value, 'sec');
    const typed = await ok(w, 'GetParametersByPath', { Path: '/tree', Recursive: true, ParameterFilters: [{ Key: 'Type', Values: ['SecureString'] }] });
    assert.deepEqual(typed.Parameters.map((p: any) => p.Name), ['/tree/s']);
    assert.notEqual(typed.Parameters[0].Value, 'sec');
    await fails(w, 'GetParametersByPath', { Path: '/tree', ParameterFilters: [{ Key: 'Name', Values: ['x'] }] }, 'InvalidFilterKey');
    const p1 = await ok(w, 'GetParametersByPath', { Path: '/tree', Recursive: true, MaxResults: 2 });
    assert.equal(p1.Parameters.length, 2);
    const p2 = await ok(w, 'GetParametersByPath', { Path: '/tree', Recursive: true, MaxResults: 10, NextToken: p1.NextToken });
    assert.deepEqual(p2.Parameters.map((p: any) => p.Name), ['/tree/s', '/tree/sub/c', '/tree/sub/deep/d']);
    await fails(w, 'GetParametersByPath', { Path: '/tree', NextToken: 'garbage' }, 'InvalidNextToken');
    const d = await ok(w, 'DescribeParameters', { ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/tree'] }] });
    assert.equal(d.Parameters.length, 5);
    const s = d.Parameters.find((p: any) => p.Name === '/tree/s');
    assert.equal(s.KeyId, 'alias/aws/ssm');
    assert.equal(s.Value, undefined);
    assert.equal(s.Tier, 'Standard');
    const byName = await ok(w, 'DescribeParameters', { ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/tree/s'] }], MaxResults: 1 });
    assert.equal(byName.Parameters.length, 1);
    assert.ok(byName.NextToken);
    await fails(w, 'DescribeParameters', { ParameterFilters: [{ Key: 'Bogus', Values: ['x'] }] }, 'ValidationException');
    await fails(w, 'DescribeParameters', { ParameterFilters: [{ Key: 'Path', Option: 'Equals', Values: ['/tree'] }] }, 'InvalidFilterOption');
    const del = await ok(w, 'DeleteParameters', { Names: ['/tree/a', '/nothing'] });
    assert.deepEqual(del, { DeletedParameters: ['/tree/a'], InvalidParameters: ['/nothing'] });
    await ok(w, 'DeleteParameter', { Name: '/tree/b' });
    await fails(w, 'GetParameter', { Name: '/tree/b' }, 'ParameterNotFound');
  });

  it('SecureString: encrypted with aws/ssm, decrypted only on request; audit events never hold the value', async () => {
    const secret = 'ssm-plaintext-ZZZ-424242';
    const put = await call(w, 'PutParameter', { Name: '/sec/pw', Value: secret, Type: 'SecureString' });
    assert.equal(put.status, 200);
    const plain = await ok(w, 'GetParameter', { Name: '/sec/pw', WithDecryption: true });
    assert.equal(plain.Parameter.Value, secret);
    assert.equal(plain.Parameter.Type, 'SecureString');
    const enc = await ok(w, 'GetParameter', { Name: '/sec/pw' });
    assert.notEqual(enc.Parameter.Value, secret);
    assert.ok(!Buffer.from(enc.Parameter.Value, 'base64').includes(Buffer.from(secret)));
    const putEvent = await w.eventFor(put.requestId);
    assert.equal(putEvent.eventSource, 'ssm.amazonaws.com');
    assert.deepEqual(putEvent.requestParameters, { name: '/sec/pw', type: 'SecureString' });
    assert.equal(putEvent.responseElements, null);
    assert.ok(!JSON.stringify(putEvent).includes(secret));
    const get = await call(w, 'GetParameter', { Name: '/sec/pw', WithDecryption: true });
    const getEvent = await w.eventFor(get.requestId);
    assert.equal(getEvent.responseElements, null);
    assert.ok(!JSON.stringify(getEvent).includes(secret));
    const hist = await ok(w, 'GetParameterHistory', { Name: '/sec/pw', WithDecryption: true });
    assert.equal(hist.Parameters[0].Value, secret);
    assert.equal(hist.Parameters[0].KeyId, 'alias/aws/ssm');
    // The AWS managed key was created on first use.
    const managed = await kmsApi.ok(w, 'DescribeKey', { KeyId: 'alias/aws/ssm' });
    assert.equal(managed.KeyMetadata.KeyManager, 'AWS');
  });

  it('SecureString with a customer key; a disabled key fails', async () => {
    const kms = (op: string, input: object) => kmsApi.ok(w, op, input);
    const key = await kms('CreateKey', {});
    await ok(w, 'PutParameter', { Name: '/cmk/p', Value: 'cmk-secret', Type: 'SecureString', KeyId: key.KeyMetadata.KeyId });
    assert.equal((await ok(w, 'GetParameter', { Name: '/cmk/p', WithDecryption: true })).Parameter.Value, 'cmk-secret');
    const d = await ok(w, 'DescribeParameters', { ParameterFilters: [{ Key: 'Name', Values: ['/cmk/p'] }] });
    assert.equal(d.Parameters[0].KeyId, key.KeyMetadata.KeyId);
    await kms('DisableKey', { KeyId: key.KeyMetadata.KeyId });
    await fails(w, 'GetParameter', { Name: '/cmk/p', WithDecryption: true }, 'InvalidKeyId');
    await fails(w, 'PutParameter', { Name: '/cmk/q', Value: 'x', Type: 'SecureString', KeyId: 'alias/does-not-exist' }, 'InvalidKeyId');
    await fails(w, 'GetParameter', { Name: '/cmk/q' }, 'ParameterNotFound');
  });

  it("another account's root is denied by ARN and sees only its own parameters by name", async () => {
    await ok(w, 'PutParameter', { Name: '/x/acct', Value: 'mine', Type: 'String' });
    const arn = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/x/acct`;
    await fails(w, 'GetParameter', { Name: arn }, 'AccessDeniedException', /not authorized to perform: ssm:GetParameter/, OTHER);
    await fails(w, 'DeleteParameter', { Name: arn }, 'AccessDeniedException', undefined, OTHER);
    await fails(w, 'GetParameter', { Name: '/x/acct' }, 'ParameterNotFound', undefined, OTHER);
    assert.equal((await ok(w, 'GetParameter', { Name: '/x/acct' })).Parameter.Value, 'mine');
  });

  it('SecureString plaintext never reaches the data dir', async () => {
    const dir = tempDir();
    const secret = 'ssm-disk-plaintext-QQQ-13579';
    try {
      let d = await startTestWarden(['--data-dir', dir.path, '--in-memory=false']);
      await ok(d, 'PutParameter', { Name: '/disk/p', Value: secret, Type: 'SecureString' });
      await ok(d, 'PutParameter', { Name: '/disk/p', Value: secret + '-v2', Type: 'SecureString', Overwrite: true });
      assert.equal((await ok(d, 'GetParameter', { Name: '/disk/p', WithDecryption: true })).Parameter.Value, secret + '-v2');
      await ok(d, 'GetParameterHistory', { Name: '/disk/p', WithDecryption: true });
      await d.stop();
      for (const f of readdirSync(dir.path)) {
        const bytes = readFileSync(join(dir.path, f));
        assert.ok(!bytes.includes(Buffer.from(secret)), `${f} holds the plaintext`);
        assert.ok(!bytes.includes(Buffer.from(Buffer.from(secret).toString('base64'))), `${f} holds the plaintext in base64`);
      }
      d = await startTestWarden(['--data-dir', dir.path, '--in-memory=false']);
      assert.equal((await ok(d, 'GetParameter', { Name: '/disk/p:1', WithDecryption: true })).Parameter.Value, secret);
      await d.stop();
    } finally {
      dir.remove();
    }
  });
});
