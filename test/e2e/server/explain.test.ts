import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { formatExplanation } from '../../../src/audit/explain-format.js';
import { startTestWarden, type Running } from '../../harness.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../../src/cli/warden.js', import.meta.url));

describe('warden explain', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden();
  });
  after(() => w.stop());

  it('prints a request from a running Warden, found by its request id', async () => {
    const out = await w.client(STSClient).send(new GetCallerIdentityCommand({}));
    const { stdout } = await run(process.execPath, [bin, 'explain', out.$metadata.requestId!, '--endpoint', w.url]);
    assert.match(stdout, new RegExp(`^Request ${out.$metadata.requestId} at `));
    assert.match(stdout, /sts:GetCallerIdentity by arn:aws:iam::000000000000:root \(Root, access key test\)/);
    assert.match(stdout, /result: succeeded/);
    assert.match(stdout, /No authorization decision was needed/);
  });

  it('says so when the request id is unknown, with exit code 2', async () => {
    const err = await run(process.execPath, [bin, 'explain', 'no-such-request', '--endpoint', w.url]).then(
      () => assert.fail('expected a failure'),
      (e: any) => e,
    );
    assert.equal(err.code, 2);
    assert.match(err.stderr, /no audit event for request no-such-request/);
  });

  it('serves events over HTTP only for known request ids', async () => {
    const res = await fetch(`${w.url}/_warden/events/nope`);
    assert.equal(res.status, 404);
  });
});

describe('explanation format', () => {
  it('shows each decision with its deciding statement and missing keys', () => {
    const text = formatExplanation({
      requestID: 'r-1',
      eventTime: '2026-11-23T10:00:00Z',
      awsRegion: 'us-east-1',
      eventSource: 'kms.amazonaws.com',
      eventName: 'Encrypt',
      userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::000000000000:user/alice', accessKeyId: 'AKIAEXAMPLE' },
      sourceIPAddress: '127.0.0.1',
      userAgent: 'aws-cli/2.9',
      errorCode: 'AccessDeniedException',
      errorMessage: 'User: arn:aws:iam::000000000000:user/alice is not authorized to perform: kms:Encrypt',
      additionalEventData: {
        warden: {
          authorization: [
            {
              action: 'kms:Encrypt',
              resource: 'arn:aws:kms:us-east-1:000000000000:key/k',
              allowed: false,
              decision: 'explicitDeny',
              decidedBy: 'identity-based policy',
              statement: { policyKind: 'identity', policyId: 'alice/inline/deny-kms', sid: 'NoKms', index: 0, effect: 'Deny' },
              missingContextKeys: ['aws:MultiFactorAuthPresent'],
              explanation: 'an explicit Deny matched',
            },
          ],
        },
      },
    });
    assert.match(text, /kms:Encrypt by arn:aws:iam::000000000000:user\/alice \(IAMUser, access key AKIAEXAMPLE\)/);
    assert.match(text, /result: AccessDeniedException: User: /);
    assert.match(text, /1\. kms:Encrypt on arn:aws:kms:us-east-1:000000000000:key\/k → DENIED \(explicit deny\)/);
    assert.match(text, /statement: Deny statement #0 \(Sid "NoKms"\) of alice\/inline\/deny-kms/);
    assert.match(text, /missing context keys: aws:MultiFactorAuthPresent/);
    assert.ok(text.split('\n').length <= 24, 'fits one screen');
  });
});
