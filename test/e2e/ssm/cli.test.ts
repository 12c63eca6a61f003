import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startTestWarden, type Running } from '../../harness.js';

const run = promisify(execFile);

describe('ssm with the aws CLI', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden();
  });
  after(() => w.stop());

  const aws = async (args: string[]): Promise<any> => {
    const { stdout } = await run('aws', ['--endpoint-url', w.url, '--output', 'json', ...args], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '/tmp',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    return stdout.trim() === '' ? {} : JSON.parse(stdout);
  };

  it('put-parameter SecureString, get-parameter --with-decryption', async () => {
    const put = await aws(['ssm', 'put-parameter', '--name', '/cli/pw', '--type', 'SecureString', '--value', 'cli-secret']);
    assert.deepEqual(put, { Version: 1, Tier: 'Standard' });
    const got = await aws(['ssm', 'get-parameter', '--name', '/cli/pw', '--with-decryption']);
    assert.equal(got.Parameter.Value, 'cli-secret');
    assert.equal(got.Parameter.Type, 'SecureString');
    const enc = await aws(['ssm', 'get-parameter', '--name', '/cli/pw']);
    assert.notEqual(enc.Parameter.Value, 'cli-secret');
    await assert.rejects(aws(['ssm', 'get-parameter', '--name', '/cli/none']), (e: Error) => /ParameterNotFound/.test(String((e as { stderr?: string }).stderr)));
  });
});
