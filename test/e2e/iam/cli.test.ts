import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AWS_CLIS, awsJson, runAws, TEST_KEY } from '../../cli.js';
import { startTestWarden, tempDir, type Running } from '../../harness.js';
import { ACCOUNT } from './helpers.js';
import { readPng } from './mfa-helpers.js';

describe('iam with the aws CLI', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden();
  });
  after(() => w.stop());

  const aws = (args: string[], key = TEST_KEY): Promise<any> => awsJson(w.url, args, { key });

  it('creates a user, an inline policy (decoded by the CLI) and a key the CLI then signs with', async () => {
    const created = await aws(['iam', 'create-user', '--user-name', 'cli-user', '--path', '/cli/']);
    assert.equal(created.User.Arn, `arn:aws:iam::${ACCOUNT}:user/cli/cli-user`);
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] };
    await aws(['iam', 'put-user-policy', '--user-name', 'cli-user', '--policy-name', 'get', '--policy-document', JSON.stringify(policy)]);
    const got = await aws(['iam', 'get-user-policy', '--user-name', 'cli-user', '--policy-name', 'get']);
    assert.deepEqual(got.PolicyDocument, policy); // botocore URL-decodes and parses IAM documents
    const users = await aws(['iam', 'list-users', '--path-prefix', '/cli/']);
    assert.deepEqual(users.Users.map((u: { UserName: string }) => u.UserName), ['cli-user']);
    const { AccessKey } = await aws(['iam', 'create-access-key', '--user-name', 'cli-user']);
    const key = { id: AccessKey.AccessKeyId as string, secret: AccessKey.SecretAccessKey as string };
    const who = await aws(['sts', 'get-caller-identity'], key);
    assert.equal(who.Arn, `arn:aws:iam::${ACCOUNT}:user/cli/cli-user`);
    const self = await aws(['iam', 'get-user'], key);
    assert.equal(self.User.UserName, 'cli-user');
    await assert.rejects(aws(['iam', 'list-users'], key), (e: Error) => /AccessDenied.*iam:ListUsers/s.test(String((e as { stderr?: string }).stderr)));
  });

  it('attaches an AWS managed policy and shows its document', async () => {
    await aws(['iam', 'attach-user-policy', '--user-name', 'cli-user', '--policy-arn', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess']);
    const attached = await aws(['iam', 'list-attached-user-policies', '--user-name', 'cli-user']);
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: 'IAMReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }]);
    const v = await aws(['iam', 'get-policy-version', '--policy-arn', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess', '--version-id', 'v4']);
    assert.equal(v.PolicyVersion.Document.Statement[0].Effect, 'Allow');
  });
});

describe('iam create-virtual-mfa-device with the aws CLI (both CLIs)', () => {
  let w: Running;
  const dir = tempDir();
  before(async () => {
    w = await startTestWarden();
  });
  after(async () => {
    await w.stop();
    dir.remove();
  });

  for (const cli of AWS_CLIS) {
    it(`${cli}: --outfile with --bootstrap-method QRCodePNG writes the PNG, Base32StringSeed the seed`, async () => {
      const env = { AWS_PAGER: '' };
      const name = `cli-mfa-${cli.length}`;
      const png = join(dir.path, `${name}.png`);
      const out = await awsJson(w.url, ['iam', 'create-virtual-mfa-device', '--virtual-mfa-device-name', name, '--outfile', png, '--bootstrap-method', 'QRCodePNG'], { cli, env });
      assert.equal(out.VirtualMFADevice.SerialNumber, `arn:aws:iam::${ACCOUNT}:mfa/${name}`);
      const image = readPng(readFileSync(png));
      assert.ok(image.width > 100);
      assert.equal(image.dark(1, 1), false); // quiet zone
      assert.equal(image.dark(17, 17), true); // the top-left finder pattern's corner module
      const seedFile = join(dir.path, `${name}.txt`);
      await runAws(w.url, ['iam', 'create-virtual-mfa-device', '--virtual-mfa-device-name', `${name}-seed`, '--outfile', seedFile, '--bootstrap-method', 'Base32StringSeed'], { cli, env });
      assert.match(readFileSync(seedFile, 'ascii'), /^[A-Z2-7]{64}$/);
    });
  }
});
