import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AWS_CLIS, awsJson } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';

describe('ssm quotas and label filters with the aws CLIs (--ssm-standard-parameter-limit 2)', () => {
  for (const bin of AWS_CLIS) {
    it(`${bin}: ParameterLimitExceeded as the CLI prints it; Label filter and name:label`, async () => {
      // One Warden per CLI: each run fills its own quota.
      const w: Running = await startTestWarden(['--ssm-standard-parameter-limit', '2']);
      const aws = (args: string[]): Promise<any> => awsJson(w.url, args, { cli: bin });
      try {
        const p = `/cliq/${bin.length}`;
        await aws(['ssm', 'put-parameter', '--name', `${p}/a`, '--type', 'String', '--value', 'one']);
        await aws(['ssm', 'put-parameter', '--name', `${p}/a`, '--value', 'two', '--overwrite']);
        await aws(['ssm', 'label-parameter-version', '--name', `${p}/a`, '--parameter-version', '1', '--labels', 'prod']);
        await aws(['ssm', 'put-parameter', '--name', '/cliq/fill', '--type', 'String', '--value', 'x']);
        await assert.rejects(aws(['ssm', 'put-parameter', '--name', `${p}/b`, '--type', 'String', '--value', 'x']), (e: Error) => {
          const stderr = String((e as { stderr?: string }).stderr);
          assert.match(stderr, /An error occurred \(ParameterLimitExceeded\) when calling the PutParameter operation: You have reached the maximum number of standard parameters for this AWS account and Region \(2\)\./);
          return true;
        });
        const byPath = await aws(['ssm', 'get-parameters-by-path', '--path', p, '--parameter-filters', 'Key=Label,Option=Equals,Values=prod']);
        assert.deepEqual(byPath.Parameters.map((x: any) => [x.Name, x.Value, x.Version]), [[`${p}/a`, 'one', 1]]);
        const got = await aws(['ssm', 'get-parameter', '--name', `${p}/a:prod`]);
        assert.deepEqual([got.Parameter.Value, got.Parameter.Selector], ['one', ':prod']);
        // Advanced still has room.
        assert.equal((await aws(['ssm', 'put-parameter', '--name', `${p}/b`, '--type', 'String', '--value', 'x', '--tier', 'Advanced'])).Tier, 'Advanced');
      } finally {
        await w.stop();
      }
    });
  }
});
