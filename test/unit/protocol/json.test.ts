import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError, ProtocolError, ServerFault } from '../../../src/core/errors.js';
import type { ServiceModel } from '../../../src/model/types.js';
import { jsonCodec } from '../../../src/protocol/json.js';
import { bytes, jsonRequest, loadModel } from './helpers.js';

const kms = loadModel('kms');
const sm = loadModel('secretsmanager');

class NotFoundException extends AwsError { readonly code = 'NotFoundException'; }
class ResourceNotFoundException extends AwsError { readonly code = 'ResourceNotFoundException'; }
class KMSInternalException extends ServerFault { readonly code = 'KMSInternalException'; }

function decodeError(model: ServiceModel, op: string, body: string): { status: number; body: unknown } {
  try {
    jsonCodec.decode(model, op, jsonRequest(`${model.metadata.targetPrefix}.${op}`, body));
  } catch (e) {
    assert.ok(e instanceof AwsError, String(e));
    const res = jsonCodec.encodeError(model, e, 'req-1');
    return { status: res.status, body: JSON.parse(res.body as string) };
  }
  assert.fail(`${op} ${body} decoded`);
}

describe('json codec operationName', () => {
  it('reads <targetPrefix>.<Operation> from X-Amz-Target', () => {
    assert.equal(jsonCodec.operationName(kms, jsonRequest('TrentService.Encrypt', {})), 'Encrypt');
    assert.equal(jsonCodec.operationName(sm, jsonRequest('secretsmanager.GetSecretValue', {})), 'GetSecretValue');
  });

  it('finds the header in any case', () => {
    const req = { ...jsonRequest(undefined, {}), headers: { 'X-Amz-Target': 'TrentService.ListKeys' } };
    assert.equal(jsonCodec.operationName(kms, req), 'ListKeys');
  });

  for (const [what, target] of [
    ['a missing target', undefined],
    ['an unknown operation', 'TrentService.Frobnicate'],
    ['another service\'s prefix', 'secretsmanager.ListSecrets'],
    ['a bare operation name', 'Encrypt'],
    ['a lower-case operation', 'TrentService.encrypt'],
    ['a prefix without the dot', 'TrentServiceEncrypt'],
    ['an inherited property name', 'TrentService.constructor'],
  ] as const) {
    it(`answers ${what} with 400 UnknownOperationException and no message`, () => {
      assert.throws(() => jsonCodec.operationName(kms, jsonRequest(target, {})), (e: unknown) => {
        assert.ok(e instanceof ProtocolError);
        const res = jsonCodec.encodeError(kms, e, 'r');
        assert.equal(res.status, 400);
        assert.equal(res.body, '{"__type":"UnknownOperationException"}');
        return true;
      });
    });
  }
});

describe('json codec decode', () => {
  it('decodes KMS Encrypt: blob, map, list, ignoring unknown members and nulls', () => {
    const req = jsonRequest('TrentService.Encrypt', {
      KeyId: 'alias/a', Plaintext: 'aGVsbG8=', EncryptionContext: { app: 'billing', __proto__x: 'y' },
      GrantTokens: ['g1', null, 'g2'], DryRun: false, EncryptionAlgorithm: null, Unknown: { a: 1 },
    });
    assert.deepEqual(jsonCodec.decode(kms, 'Encrypt', req), {
      KeyId: 'alias/a', Plaintext: bytes('hello'), EncryptionContext: { app: 'billing', __proto__x: 'y' },
      GrantTokens: ['g1', 'g2'], DryRun: false,
    });
  });

  it('keeps a map key named __proto__ as data', () => {
    const out = jsonCodec.decode(kms, 'Encrypt', jsonRequest('TrentService.Encrypt', '{"KeyId":"k","EncryptionContext":{"__proto__":"x"}}'));
    const ctx = out['EncryptionContext'] as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(ctx), Object.prototype);
    assert.deepEqual(Object.entries(ctx), [['__proto__', 'x']]);
  });

  it('decodes nested structures and lists of structures', () => {
    const req = jsonRequest('TrentService.CreateKey', { Tags: [{ TagKey: 'k', TagValue: 'v' }], MultiRegion: true, BypassPolicyLockoutSafetyCheck: false });
    assert.deepEqual(jsonCodec.decode(kms, 'CreateKey', req), { Tags: [{ TagKey: 'k', TagValue: 'v' }], MultiRegion: true, BypassPolicyLockoutSafetyCheck: false });
  });

  it('decodes integers, truncating fractions as Coral does', () => {
    assert.deepEqual(jsonCodec.decode(kms, 'ListKeys', jsonRequest('TrentService.ListKeys', '{"Limit":10.9,"Marker":"m"}')), { Limit: 10, Marker: 'm' });
  });

  it('decodes epoch-second timestamps, fractions included', () => {
    const out = jsonCodec.decode(sm, 'ListSecretVersionIds', jsonRequest('secretsmanager.ListSecretVersionIds', '{"SecretId":"s"}'));
    assert.deepEqual(out, { SecretId: 's' });
    const kmsImport = jsonCodec.decode(kms, 'ImportKeyMaterial', jsonRequest('TrentService.ImportKeyMaterial',
      '{"KeyId":"k","ImportToken":"AA==","EncryptedKeyMaterial":"AAE=","ValidTo":1700000000.5}'));
    assert.deepEqual(kmsImport, { KeyId: 'k', ImportToken: new Uint8Array([0]), EncryptedKeyMaterial: new Uint8Array([0, 1]), ValidTo: new Date(1700000000500) });
  });

  it('accepts an empty body or {} for an operation without input, and {} for all-optional input', () => {
    const noInput: ServiceModel = { ...kms, operations: { ...kms.operations, Ping: { name: 'Ping', http: { method: 'POST', requestUri: '/' } } } };
    assert.deepEqual(jsonCodec.decode(noInput, 'Ping', jsonRequest('TrentService.Ping', '')), {});
    assert.deepEqual(jsonCodec.decode(noInput, 'Ping', jsonRequest('TrentService.Ping', '{}')), {});
    assert.deepEqual(jsonCodec.decode(kms, 'ListKeys', jsonRequest('TrentService.ListKeys', '{}')), {});
  });

  // Messages: athena-local's measurements of real awsJson1_1 (see json.ts).
  for (const [body, message] of [
    ['{"Limit":"1"}', 'STRING_VALUE can not be converted to an Integer'],
    ['{"Limit":true}', 'TRUE_VALUE can not be converted to an Integer'],
    ['{"Limit":false}', 'FALSE_VALUE can not be converted to an Integer'],
    ['{"Limit":[1]}', 'Start of list found where not expected'],
    ['{"Limit":{"a":1}}', 'Start of structure or map found where not expected.'],
    ['{"Marker":1}', 'NUMBER_VALUE can not be converted to a String'],
    ['{"Marker":1.5}', 'NUMBER_VALUE can not be converted to a String'],
    ['{"Marker":true}', 'TRUE_VALUE can not be converted to a String'],
    ['{"Marker":["x"]}', 'Start of list found where not expected'],
    ['[]', 'Start of list found where not expected'],
  ] as const) {
    it(`answers ListKeys ${body} with SerializationException "${message}"`, () => {
      assert.deepEqual(decodeError(kms, 'ListKeys', body), { status: 400, body: { __type: 'SerializationException', Message: message } });
    });
  }

  for (const [body, message] of [
    ['{"KeyId":"k","GrantTokens":"x"}', 'Expected list or null'],
    ['{"KeyId":"k","GrantTokens":1}', 'Expected list or null'],
    ['{"KeyId":"k","GrantTokens":{}}', 'Start of structure or map found where not expected.'],
    ['{"KeyId":"k","GrantTokens":[1]}', 'NUMBER_VALUE can not be converted to a String'],
    ['{"KeyId":"k","GrantTokens":[["a"]]}', 'Start of list found where not expected'],
    ['{"KeyId":"k","EncryptionContext":"x"}', 'Expected map or null'],
    ['{"KeyId":"k","EncryptionContext":[]}', 'Start of list found where not expected'],
    ['{"KeyId":"k","EncryptionContext":{"a":1}}', 'NUMBER_VALUE can not be converted to a String'],
    ['{"KeyId":"k","Plaintext":1}', 'NUMBER_VALUE can not be converted to a Blob'],
    ['{"KeyId":"k","DryRun":"true"}', 'STRING_VALUE can not be converted to a Boolean'],
    // A sensitive blob's value is masked, since the message reaches the audit log.
    ['{"KeyId":"k","Plaintext":"aGk_"}', '\'***\' can not be converted to a Blob: Invalid Base64 character: \'_\''],
  ] as const) {
    it(`answers Encrypt ${body} with SerializationException "${message}"`, () => {
      assert.deepEqual(decodeError(kms, 'Encrypt', body), { status: 400, body: { __type: 'SerializationException', Message: message } });
    });
  }

  // Coral's base64 texts (kinesalite, recorded against Kinesis), typo included.
  for (const [blob, message] of [
    ['23456', '\'23456\' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5'],
    ['=+/=', '\'=+/=\' can not be converted to a Blob: Invalid Base64 character: \'=\''],
    ['+/+=', '\'+/+=\' can not be converted to a Blob: Invalid last non-pad Base64 character dectected'],
    ['aGk_', '\'aGk_\' can not be converted to a Blob: Invalid Base64 character: \'_\''],
  ] as const) {
    it(`answers Decrypt CiphertextBlob "${blob}" with SerializationException "${message}"`, () => {
      const body = JSON.stringify({ CiphertextBlob: blob });
      assert.deepEqual(decodeError(kms, 'Decrypt', body), { status: 400, body: { __type: 'SerializationException', Message: message } });
    });
  }

  it('answers a scalar where a structure belongs with "Expected null"', () => {
    assert.deepEqual(decodeError(kms, 'CreateKey', '{"Tags":["x"]}'), { status: 400, body: { __type: 'SerializationException', Message: 'Expected null' } });
  });

  it('answers a string where an epoch timestamp belongs', () => {
    const res = decodeError(kms, 'ImportKeyMaterial', '{"KeyId":"k","ValidTo":"2024-01-01T00:00:00Z"}');
    assert.deepEqual(res, { status: 400, body: { __type: 'SerializationException', Message: 'STRING_VALUE can not be converted to a Date' } });
  });

  for (const body of ['{', '', 'null', '"x"', '1', 'true', '{"KeyId":"k",}', '{"KeyId":"k"} {}', '\u00ff']) {
    it(`answers the body ${JSON.stringify(body)} with a bare SerializationException`, () => {
      assert.deepEqual(decodeError(kms, 'ListKeys', body), { status: 400, body: { __type: 'SerializationException' } });
    });
  }
});

describe('json codec encodeOutput', () => {
  it('renders KMS Encrypt with the blob in base64 and the request id header', () => {
    const res = jsonCodec.encodeOutput(kms, 'Encrypt', { CiphertextBlob: new Uint8Array([1, 2, 3, 250]), KeyId: 'arn:aws:kms:us-east-1:111122223333:key/k', EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' }, 'req-1');
    assert.deepEqual(res, {
      status: 200,
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': 'req-1' },
      body: '{"CiphertextBlob":"AQID+g==","KeyId":"arn:aws:kms:us-east-1:111122223333:key/k","EncryptionAlgorithm":"SYMMETRIC_DEFAULT"}',
    });
  });

  it('renders KMS ListKeys: a list of structures, members in model order, unknown and undefined members dropped', () => {
    const res = jsonCodec.encodeOutput(kms, 'ListKeys', { Truncated: false, Keys: [{ KeyArn: 'arn:k1', KeyId: 'k1', Extra: 1 }, { KeyId: 'k2' }], NextMarker: undefined, Internal: 'x' }, 'r');
    assert.equal(res.body, '{"Keys":[{"KeyId":"k1","KeyArn":"arn:k1"},{"KeyId":"k2"}],"Truncated":false}');
  });

  it('renders timestamps as epoch seconds with fractions', () => {
    const res = jsonCodec.encodeOutput(kms, 'DescribeKey', { KeyMetadata: { KeyId: 'k', CreationDate: new Date(1500000000123), Enabled: true } }, 'r');
    assert.equal(res.body, '{"KeyMetadata":{"KeyId":"k","CreationDate":1500000000.123,"Enabled":true}}');
  });

  it('renders maps of lists (Secrets Manager VersionIdsToStages)', () => {
    const res = jsonCodec.encodeOutput(sm, 'DescribeSecret', { Name: 'n', VersionIdsToStages: { v1: ['AWSCURRENT'], v2: [] }, CreatedDate: new Date(0) }, 'r');
    assert.equal(res.body, '{"Name":"n","VersionIdsToStages":{"v1":["AWSCURRENT"],"v2":[]},"CreatedDate":0}');
  });

  it('renders {} for an operation without output', () => {
    assert.equal(jsonCodec.encodeOutput(kms, 'DisableKey', undefined, 'r').body, '{}');
  });

  it('renders JSON 1.0 content type when the model says so', () => {
    const v10: ServiceModel = { ...kms, metadata: { ...kms.metadata, jsonVersion: '1.0' } };
    assert.equal(jsonCodec.encodeOutput(v10, 'DisableKey', {}, 'r').headers['Content-Type'], 'application/x-amz-json-1.0');
  });
});

describe('json codec encodeError', () => {
  it('uses the lower-case message member KMS error shapes declare', () => {
    const res = jsonCodec.encodeError(kms, new NotFoundException("Key 'arn:aws:kms:us-east-1:111122223333:key/x' does not exist"), 'req-2');
    assert.deepEqual(res, {
      status: 400,
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': 'req-2' },
      body: '{"__type":"NotFoundException","message":"Key \'arn:aws:kms:us-east-1:111122223333:key/x\' does not exist"}',
    });
  });

  it('uses the capitalised Message member Secrets Manager error shapes declare', () => {
    const res = jsonCodec.encodeError(sm, new ResourceNotFoundException("Secrets Manager can't find the specified secret."), 'r');
    assert.equal(res.body, '{"__type":"ResourceNotFoundException","Message":"Secrets Manager can\'t find the specified secret."}');
  });

  it('defaults to message for unmodeled errors and without a model', () => {
    const err = new ProtocolError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    assert.equal(jsonCodec.encodeError(kms, err, 'r').body, '{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}');
    const res = jsonCodec.encodeError(undefined, err, 'r');
    assert.equal(res.body, '{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}');
    assert.equal(res.headers['Content-Type'], 'application/x-amz-json-1.1');
  });

  it('renders server faults with their status and extra fields as members', () => {
    const res = jsonCodec.encodeError(kms, new KMSInternalException('boom', { Reason: 'x', Nothing: undefined }), 'r');
    assert.equal(res.status, 500);
    assert.equal(res.body, '{"__type":"KMSInternalException","message":"boom","Reason":"x"}');
  });

  it('never lets a field overwrite __type or the message', () => {
    const res = jsonCodec.encodeError(kms, new NotFoundException('m', { __type: 'Evil', message: 'evil' }), 'r');
    assert.equal(res.body, '{"__type":"NotFoundException","message":"m"}');
  });
});

describe('json codec target prefixes', () => {
  it('accepts botocore full prefixes and the SDK v3 short service name, nothing else', async () => {
    const { targetPrefixMatches } = await import('../../../src/protocol/json.js');
    const full = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101';
    assert.equal(targetPrefixMatches(full, full), true);
    assert.equal(targetPrefixMatches(full, 'CloudTrail_20131101'), true);
    assert.equal(targetPrefixMatches(full, 'CloudTrail'), false);
    assert.equal(targetPrefixMatches(full, ''), false);
    assert.equal(targetPrefixMatches('TrentService', 'TrentService'), true);
    assert.equal(targetPrefixMatches('TrentService', 'Service'), false);
  });
});
