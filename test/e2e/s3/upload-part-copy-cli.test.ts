import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AWS_CLIS, awsJson, runAws } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';

for (const cli of AWS_CLIS) {
  describe(`s3 UploadPartCopy with the ${cli} CLI`, () => {
    let w: Running;
    let dir: string;
    before(async () => {
      w = await startTestWarden();
      dir = mkdtempSync(join(tmpdir(), 'warden-upc-cli-'));
    });
    after(async () => {
      await w.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const aws = async (args: string[]): Promise<string> => (await runAws(w.url, args, { cli })).stdout;
    const json = (args: string[]): Promise<any> => awsJson(w.url, args, { cli });

    it('`aws s3 cp` from S3 to S3 over 8 MiB copies in parts (UploadPartCopy); s3api upload-part-copy with a range', async () => {
      await aws(['s3', 'mb', 's3://upc-cli']);
      const data = randomBytes(9 * 1024 * 1024 + 5);
      const src = join(dir, 'big.bin');
      writeFileSync(src, data);
      await aws(['s3', 'cp', src, 's3://upc-cli/big.bin']);
      await aws(['s3', 'cp', 's3://upc-cli/big.bin', 's3://upc-cli/copy.bin']);
      const ev = await w.lastEvent('UploadPartCopy');
      assert.equal(ev['requestParameters']['key'], 'copy.bin');
      const down = join(dir, 'copy.bin');
      await aws(['s3', 'cp', 's3://upc-cli/copy.bin', down]);
      assert.ok(readFileSync(down).equals(data));

      const { UploadId } = await json(['s3api', 'create-multipart-upload', '--bucket', 'upc-cli', '--key', 'part.bin']);
      const part = await json(['s3api', 'upload-part-copy', '--bucket', 'upc-cli', '--key', 'part.bin', '--upload-id', UploadId, '--part-number', '1',
        '--copy-source', 'upc-cli/big.bin', '--copy-source-range', 'bytes=10-19']);
      assert.equal(part.CopyPartResult.ETag, `"${createHash('md5').update(data.subarray(10, 20)).digest('hex')}"`);
      await assert.rejects(
        json(['s3api', 'upload-part-copy', '--bucket', 'upc-cli', '--key', 'part.bin', '--upload-id', UploadId, '--part-number', '2', '--copy-source', 'upc-cli/big.bin', '--copy-source-range', '10-19']),
        (e: { stderr?: string }) => /InvalidArgument/.test(String(e.stderr)) && /must be of the form bytes=first-last/.test(String(e.stderr)),
      );
    });
  });
}
