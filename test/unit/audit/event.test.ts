import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildEvent, eventTime } from '../../../src/audit/event.js';
import { auditParameters } from '../../../src/audit/redact.js';
import { model as kms } from '../../../src/services/kms/model.gen.js';
import { model as secrets } from '../../../src/services/secretsmanager/model.gen.js';

describe('audit redaction', () => {
  it('lower-cases member names and leaves out sensitive members and blobs', () => {
    const p = auditParameters(kms, 'EncryptRequest', {
      KeyId: 'alias/app',
      Plaintext: new Uint8Array([1, 2, 3]),
      EncryptionContext: { Department: 'Engineering' },
      EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    });
    assert.deepEqual(p, { keyId: 'alias/app', encryptionContext: { Department: 'Engineering' }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
  });

  it('never logs a secret value', () => {
    const p = auditParameters(secrets, 'CreateSecretRequest', { Name: 'db', SecretString: 'hunter2', Tags: [{ Key: 'k', Value: 'v' }] });
    assert.deepEqual(p, { name: 'db', tags: [{ key: 'k', value: 'v' }] });
    assert.ok(!JSON.stringify(p).includes('hunter2'));
  });

  it('is null when nothing is left', () => {
    assert.equal(auditParameters(kms, 'GenerateRandomRequest', {}), null);
  });
});

describe('audit event', () => {
  it('builds a CloudTrail record with second-precision UTC time', () => {
    assert.equal(eventTime(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), '2026-01-02T03:04:05Z');
    const rec = buildEvent({
      requestId: 'r-1',
      timeMs: Date.UTC(2026, 0, 2, 3, 4, 5),
      eventSource: 'kms.amazonaws.com',
      eventName: 'Encrypt',
      region: 'eu-west-1',
      sourceIp: '10.0.0.1',
      userAgent: 'ua',
      recipientAccount: '000000000000',
      readOnly: true,
      eventCategory: 'Management',
      requestParameters: { keyId: 'k' },
      responseElements: null,
      resources: [{ ARN: 'arn:aws:kms:eu-west-1:111122223333:key/x', accountId: '111122223333', type: 'AWS::KMS::Key' }],
      error: { code: 'DisabledException', message: 'disabled' },
    });
    const ev = JSON.parse(rec.json);
    assert.equal(rec.requestId, 'r-1');
    assert.equal(rec.account, '000000000000');
    assert.equal(ev.eventID, rec.eventId);
    assert.deepEqual(ev.userIdentity, { type: 'Unknown' });
    assert.equal(ev.errorCode, 'DisabledException');
    assert.equal(ev.awsRegion, 'eu-west-1');
    assert.equal(ev.resources[0].type, 'AWS::KMS::Key');
    assert.equal(ev.eventTime, '2026-01-02T03:04:05Z');
  });
});

describe('audit event lookup attributes', () => {
  const base = {
    requestId: 'r', timeMs: Date.UTC(2026, 0, 1), eventSource: 's3.amazonaws.com', eventName: 'GetObject', region: 'us-east-1', sourceIp: '1.2.3.4',
    userAgent: 'ua', recipientAccount: '111122223333', readOnly: true, requestParameters: null, responseElements: null,
    principal: {
      type: 'AssumedRole' as const, account: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/r/sess', principalId: 'AROAX:sess', accessKeyId: 'ASIAX',
    },
    resources: [{ ARN: 'arn:aws:s3:::b/k', type: 'AWS::S3::Object' }],
  };

  it('derives the LookupEvents attributes of a management event', () => {
    const e = buildEvent({ ...base, eventCategory: 'Management' });
    assert.equal(e.eventCategory, 'Management');
    assert.deepEqual(e.attributes, [
      { key: 'Username', value: 'sess' },
      { key: 'AccessKeyId', value: 'ASIAX' },
      { key: 'ReadOnly', value: 'true' },
      { key: 'ResourceName', value: 'arn:aws:s3:::b/k' },
      { key: 'ResourceType', value: 'AWS::S3::Object' },
    ]);
  });

  it('gives a data event none (event history shows management events only)', () => {
    const e = buildEvent({ ...base, eventCategory: 'Data' });
    assert.equal(e.eventCategory, 'Data');
    assert.equal(e.attributes, undefined);
    assert.equal(JSON.parse(e.json).managementEvent, false);
  });
});
