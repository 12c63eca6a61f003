import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AWS_CLIS, awsJson } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';

for (const cli of AWS_CLIS) {
  describe(`s3 access control with the ${cli} CLI`, () => {
    let w: Running;
    before(async () => {
      w = await startTestWarden();
    });
    after(() => w.stop());
    const json = (args: string[]): Promise<any> => awsJson(w.url, args, { cli });
    const fails = (args: string[], code: RegExp) => assert.rejects(json(args), (e: { stderr?: string }) => code.test(String(e.stderr)));

    it('s3api ownership controls, public access block and CORS', async () => {
      await json(['s3api', 'create-bucket', '--bucket', 'cli-access', '--object-ownership', 'ObjectWriter']);
      assert.deepEqual((await json(['s3api', 'get-bucket-ownership-controls', '--bucket', 'cli-access'])).OwnershipControls, { Rules: [{ ObjectOwnership: 'ObjectWriter' }] });
      await json(['s3api', 'put-bucket-ownership-controls', '--bucket', 'cli-access', '--ownership-controls', 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]']);
      await fails(['s3api', 'put-object', '--bucket', 'cli-access', '--key', 'k', '--acl', 'public-read'], /AccessControlListNotSupported/);
      await json(['s3api', 'delete-bucket-ownership-controls', '--bucket', 'cli-access']);
      await fails(['s3api', 'get-bucket-ownership-controls', '--bucket', 'cli-access'], /OwnershipControlsNotFoundError/);

      await fails(['s3api', 'get-public-access-block', '--bucket', 'cli-access'], /NoSuchPublicAccessBlockConfiguration/);
      await json(['s3api', 'put-public-access-block', '--bucket', 'cli-access', '--public-access-block-configuration', 'BlockPublicPolicy=true']);
      const pab = await json(['s3api', 'get-public-access-block', '--bucket', 'cli-access']);
      assert.deepEqual(pab.PublicAccessBlockConfiguration, { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false });
      const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::cli-access/*' }] });
      await fails(['s3api', 'put-bucket-policy', '--bucket', 'cli-access', '--policy', policy], /AccessDenied/);
      await json(['s3api', 'delete-public-access-block', '--bucket', 'cli-access']);

      const cors = { CORSRules: [{ AllowedOrigins: ['https://app.example.com'], AllowedMethods: ['GET', 'PUT'], MaxAgeSeconds: 60 }] };
      await json(['s3api', 'put-bucket-cors', '--bucket', 'cli-access', '--cors-configuration', JSON.stringify(cors)]);
      assert.deepEqual((await json(['s3api', 'get-bucket-cors', '--bucket', 'cli-access'])).CORSRules, cors.CORSRules);
      await fails(['s3api', 'put-bucket-cors', '--bucket', 'cli-access', '--cors-configuration', JSON.stringify({ CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['PATCH'] }] })], /InvalidRequest/);
      await json(['s3api', 'delete-bucket-cors', '--bucket', 'cli-access']);
      await fails(['s3api', 'get-bucket-cors', '--bucket', 'cli-access'], /NoSuchCORSConfiguration/);
    });
  });
}
