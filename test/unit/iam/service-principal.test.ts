import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideForService } from '../../../src/iam/service-principal.js';

const TRAIL = 'arn:aws:cloudtrail:us-east-1:000000000000:trail/t';
const KEY = 'arn:aws:kms:us-east-1:000000000000:key/k';
const policy = (extra: object[] = []) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'Trail',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': TRAIL }, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:000000000000:trail/*' } },
      },
      ...extra,
    ],
  });
const call = (over: object = {}) => ({ service: 'cloudtrail.amazonaws.com', sourceArn: TRAIL, sourceAccount: '000000000000', conditions: { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL }, ...over });
const decide = (p: string | undefined, c = call()) => decideForService(p, 'kms-key', 'key policy', 'kms:GenerateDataKey', KEY, '000000000000', c);

describe('decideForService', () => {
  it('allows only through a statement naming the service, with its conditions met', () => {
    assert.deepEqual(decide(policy()), { allowed: true, reason: 'allowed by the key policy' });
    assert.equal(decide(policy(), call({ sourceArn: `${TRAIL}2` })).allowed, false);
    assert.equal(decide(policy(), call({ conditions: {} })).allowed, false, 'a missing context key fails the condition');
    assert.equal(decide(policy(), call({ service: 'config.amazonaws.com' })).allowed, false);
  });

  it('an account principal does not cover a service; an explicit deny wins; no policy, no access', () => {
    const rootOnly = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' }] });
    assert.match(decide(rootOnly).reason, /no statement of the key policy allows it/);
    const denied = decide(policy([{ Sid: 'NoTrails', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' }]));
    assert.deepEqual(denied, { allowed: false, reason: 'explicitly denied by statement NoTrails of the key policy' });
    assert.deepEqual(decide(undefined), { allowed: false, reason: 'the key has no key policy' });
  });
});
