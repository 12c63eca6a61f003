import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AWS_CLIS, awsJson, runAws } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';

for (const cli of AWS_CLIS) {
  describe(`s3 with the ${cli} CLI`, () => {
    let w: Running;
    let dir: string;
    before(async () => {
      w = await startTestWarden();
      dir = mkdtempSync(join(tmpdir(), 'warden-s3-cli-'));
    });
    after(async () => {
      await w.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const aws = async (args: string[]): Promise<string> => (await runAws(w.url, args, { cli })).stdout;
    const json = (args: string[]): Promise<any> => awsJson(w.url, args, { cli });

    it('s3 mb, cp up and down, ls, rm, rb', async () => {
      await aws(['s3', 'mb', 's3://cli-bucket']);
      const src = join(dir, 'up.txt');
      writeFileSync(src, 'uploaded by the cli\n');
      await aws(['s3', 'cp', src, 's3://cli-bucket/dir/up.txt']);
      const ls = await aws(['s3', 'ls', 's3://cli-bucket/dir/']);
      assert.match(ls, /\s20 up\.txt/);
      const top = await aws(['s3', 'ls', 's3://cli-bucket']);
      assert.match(top, /PRE dir\//);
      const down = join(dir, 'down.txt');
      await aws(['s3', 'cp', 's3://cli-bucket/dir/up.txt', down]);
      assert.equal(readFileSync(down, 'utf8'), 'uploaded by the cli\n');
      // Over 8 MiB the CLIs upload in parts (multipart upload).
      const big = join(dir, 'big.bin');
      writeFileSync(big, Buffer.alloc(9 * 1024 * 1024, 7));
      await aws(['s3', 'cp', big, 's3://cli-bucket/big.bin']);
      const bigDown = join(dir, 'big-down.bin');
      await aws(['s3', 'cp', 's3://cli-bucket/big.bin', bigDown]);
      assert.ok(readFileSync(bigDown).equals(readFileSync(big)));
      await aws(['s3', 'rm', 's3://cli-bucket/big.bin']);
      await aws(['s3', 'rm', 's3://cli-bucket/dir/up.txt']);
      // `aws s3 ls` exits 1 when it lists nothing.
      await assert.rejects(aws(['s3', 'ls', 's3://cli-bucket/dir/']), (e: { code?: number; stdout?: string }) => e.code === 1 && String(e.stdout).trim() === '');
      await aws(['s3', 'rb', 's3://cli-bucket']);
    });

    it('s3api put-object / get-object / head-object / list-objects-v2 with SSE-KMS and errors', async () => {
      await json(['s3api', 'create-bucket', '--bucket', 'api-bucket']);
      const body = join(dir, 'body.bin');
      writeFileSync(body, Buffer.from([0, 1, 2, 250, 255]));
      const put = await json(['s3api', 'put-object', '--bucket', 'api-bucket', '--key', 'k.bin', '--body', body, '--server-side-encryption', 'aws:kms', '--metadata', 'team=sec']);
      assert.equal(put.ServerSideEncryption, 'aws:kms');
      assert.equal(put.ETag, '"' + (await import('node:crypto')).createHash('md5').update(readFileSync(body)).digest('hex') + '"');
      const out = join(dir, 'out.bin');
      const got = await json(['s3api', 'get-object', '--bucket', 'api-bucket', '--key', 'k.bin', out]);
      assert.deepEqual(readFileSync(out), readFileSync(body));
      assert.deepEqual(got.Metadata, { team: 'sec' });
      const head = await json(['s3api', 'head-object', '--bucket', 'api-bucket', '--key', 'k.bin']);
      assert.equal(head.ContentLength, 5);
      const list = await json(['s3api', 'list-objects-v2', '--bucket', 'api-bucket']);
      assert.deepEqual(list.Contents.map((c: { Key: string }) => c.Key), ['k.bin']);
      await assert.rejects(json(['s3api', 'get-object', '--bucket', 'api-bucket', '--key', 'nope', out]), (e: { stderr?: string }) => /NoSuchKey/.test(String(e.stderr)));
      await assert.rejects(json(['s3api', 'create-bucket', '--bucket', 'Bad_Name']), (e: { stderr?: string }) => /InvalidBucketName|Invalid bucket name/.test(String(e.stderr)));
      const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::api-bucket/*' }] });
      await json(['s3api', 'put-bucket-policy', '--bucket', 'api-bucket', '--policy', policy]);
      const p = await json(['s3api', 'get-bucket-policy', '--bucket', 'api-bucket']);
      assert.equal(p.Policy, policy);
      await assert.rejects(json(['s3api', 'delete-object', '--bucket', 'api-bucket', '--key', 'k.bin']), (e: { stderr?: string }) => /AccessDenied/.test(String(e.stderr)));
      const enc = await json(['s3api', 'get-bucket-encryption', '--bucket', 'api-bucket']);
      assert.equal(enc.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm, 'AES256');
    });
  });
}
