import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowedNamespaces } from '../../../src/services/iam/access-advisor.js';

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const sorted = (s: Set<string>) => [...s].sort();

describe('access advisor: allowed services', () => {
  it('takes the service prefixes of Allow statements, case-insensitively, Warden services only', () => {
    assert.deepEqual(sorted(allowedNamespaces([doc({ Effect: 'Allow', Action: ['KMS:Encrypt', 'sts:Get*', 'ec2:RunInstances'], Resource: '*' })])), ['kms', 'sts']);
  });
  it('ignores Deny statements and unparsable documents; a single statement object counts', () => {
    assert.deepEqual(sorted(allowedNamespaces([doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' }), '{not json', JSON.stringify({ Statement: { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' } })])), ['ssm']);
  });
  it('`*` allows every service; Allow+NotAction every service it does not exclude whole', () => {
    assert.equal(allowedNamespaces([doc({ Effect: 'Allow', Action: '*', Resource: '*' })]).size, 7);
    assert.deepEqual(sorted(allowedNamespaces([doc({ Effect: 'Allow', NotAction: ['iam:*', 's3:GetObject'], Resource: '*' })])), ['cloudtrail', 'kms', 's3', 'secretsmanager', 'ssm', 'sts']);
    assert.equal(allowedNamespaces([doc({ Effect: 'Allow', NotAction: '*', Resource: '*' })]).size, 0);
  });
});
