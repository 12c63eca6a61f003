import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceModel } from '../../../src/model/types.js';
import { MAX_REPORTED_VIOLATIONS, validateInput, validationMessage } from '../../../src/model/validate.js';
import { model as kms } from '../../../src/services/kms/model.gen.js';
import { model as secretsmanager } from '../../../src/services/secretsmanager/model.gen.js';
import { model as ssm } from '../../../src/services/ssm/model.gen.js';
import { model as sts } from '../../../src/services/sts/model.gen.js';

const message = (m: ServiceModel, shape: string, input: unknown): string => validationMessage(validateInput(m, shape, input));
const STS_ROLE_ARN = 'arn:aws:iam::000000000000:role/r';

describe('model validateInput: messages recorded from AWS', () => {
  // LocalStack's recordings against AWS: tests/aws/services/kms/test_kms.snapshot.json
  it('KMS GenerateRandom NumberOfBytes below and above its range', () => {
    assert.equal(message(kms, 'GenerateRandomRequest', { NumberOfBytes: 0 }),
      "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1");
    assert.equal(message(kms, 'GenerateRandomRequest', { NumberOfBytes: 1025 }),
      "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024");
  });

  it('KMS Encrypt: a sensitive blob prints no value', () => {
    const violations = validateInput(kms, 'EncryptRequest', { KeyId: 'alias/x', Plaintext: new Uint8Array(4097) });
    assert.equal(violations.length, 1);
    assert.equal(violations[0]!.sensitive, true);
    assert.equal(violations[0]!.path, 'plaintext');
    assert.equal(validationMessage(violations),
      "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096");
  });

  // tests/aws/services/sts/test_sts.snapshot.json
  it('STS AssumeRole RoleSessionName pattern (whole-value match) and length', () => {
    assert.equal(message(sts, 'AssumeRoleRequest', { RoleArn: STS_ROLE_ARN, RoleSessionName: 'Session1:2' }),
      "1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    const long = 's'.repeat(65);
    assert.equal(message(sts, 'AssumeRoleRequest', { RoleArn: STS_ROLE_ARN, RoleSessionName: long }),
      `1 validation error detected: Value '${long}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`);
  });
});

describe('model validateInput: each constraint kind', () => {
  it('a missing required member', () => {
    assert.equal(message(secretsmanager, 'GetSecretValueRequest', {}),
      "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null");
    assert.deepEqual(validateInput(secretsmanager, 'GetSecretValueRequest', { SecretId: 'x' }), []);
  });

  it('string length, both ends, counted in code points', () => {
    assert.equal(message(secretsmanager, 'GetSecretValueRequest', { SecretId: '' }),
      "1 validation error detected: Value '' at 'secretId' failed to satisfy constraint: Member must have length greater than or equal to 1");
    assert.equal(message(kms, 'DescribeKeyRequest', { KeyId: 'k'.repeat(2049) }),
      `1 validation error detected: Value '${'k'.repeat(2049)}' at 'keyId' failed to satisfy constraint: Member must have length less than or equal to 2048`);
    assert.deepEqual(validateInput(kms, 'DescribeKeyRequest', { KeyId: '\u{1F511}'.repeat(2048) }), []);
  });

  it('blob length prints the server-side ByteBuffer', () => {
    assert.equal(message(kms, 'DecryptRequest', { CiphertextBlob: new Uint8Array(0) }),
      "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=0 cap=0]' at 'ciphertextBlob' failed to satisfy constraint: Member must have length greater than or equal to 1");
  });

  it('enum, values in model order', () => {
    assert.equal(message(kms, 'CreateKeyRequest', { KeyUsage: 'RANDOM' }),
      "1 validation error detected: Value 'RANDOM' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [SIGN_VERIFY, ENCRYPT_DECRYPT, GENERATE_VERIFY_MAC, KEY_AGREEMENT]");
  });

  it('list length', () => {
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const violations = validateInput(sts, 'AssumeRoleRequest', { RoleArn: STS_ROLE_ARN, RoleSessionName: 's1', Tags: tags, ProvidedContexts: [] });
    assert.deepEqual(violations.map((v) => [v.path, v.constraint]), [
      ['tags', 'Member must have length less than or equal to 50'],
      ['providedContexts', 'Member must have length greater than or equal to 1'],
    ]);
  });

  it('several violations, in model member order, joined with "; "', () => {
    assert.equal(message(sts, 'AssumeRoleRequest', { RoleSessionName: 's'.repeat(65), DurationSeconds: 10 }),
      "3 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; " +
      `Value '${'s'.repeat(65)}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64; ` +
      "Value '10' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
  });

  it('one member breaking two constraints: length before pattern', () => {
    assert.equal(message(sts, 'AssumeRoleRequest', { RoleArn: STS_ROLE_ARN, RoleSessionName: 's1', Tags: [{ Key: '', Value: 'v' }] }),
      "2 validation errors detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
      "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
  });
});

describe('model validateInput: nested paths', () => {
  it('members of structures in a list are numbered from 1', () => {
    assert.equal(message(kms, 'CreateKeyRequest', { Tags: [{ TagKey: 'a', TagValue: 'b' }, { TagKey: 'k' }] }),
      "1 validation error detected: Value null at 'tags.2.member.tagValue' failed to satisfy constraint: Member must not be null");
  });

  it('constraints on list members are reported once, on the list, listing all of them', () => {
    assert.equal(message(sts, 'AssumeRoleRequest', { RoleArn: STS_ROLE_ARN, RoleSessionName: 's1', TransitiveTagKeys: ['', 'ok', ''] }),
      "1 validation error detected: Value '[, ok, ]' at 'transitiveTagKeys' failed to satisfy constraint: Member must satisfy constraint: " +
      '[Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+]');
  });

  it('map keys and values are reported on the map; map value members under <key>.member', () => {
    const input = {
      Title: 't', Source: 's', Description: 'd',
      OperationalData: { ' ': { Value: 'x' }, ok: { Value: 'y', Type: 'Other' } },
    };
    assert.equal(message(ssm, 'CreateOpsItemRequest', input),
      "2 validation errors detected: Value '{ =com.amazonaws.ssm.v20141106.OpsItemDataValue@" + hashOf({ Value: 'x' }) +
      ', ok=com.amazonaws.ssm.v20141106.OpsItemDataValue@' + hashOf({ Value: 'y', Type: 'Other' }) +
      "}' at 'operationalData' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ^(?!\\s*$).+]; " +
      "Value 'Other' at 'operationalData.ok.member.type' failed to satisfy constraint: Member must satisfy enum value set: [SearchableString, String]");
  });

  it('map values that are lists: their length on the map, their members on <key>.member', () => {
    const tooMany = Array.from({ length: 51 }, (_, i) => `v${i}`);
    const v = validateInput(ssm, 'StartAutomationExecutionRequest', { DocumentName: 'doc', Parameters: { p: tooMany, q: ['x'.repeat(513)] } });
    assert.deepEqual(v.map((x) => [x.path, x.constraint]), [
      ['parameters', 'Map value must satisfy constraint: [Member must have length less than or equal to 50, Member must have length greater than or equal to 0]'],
      ['parameters.q.member', 'Member must satisfy constraint: [Member must have length less than or equal to 512, Member must have length greater than or equal to 1]'],
    ]);
  });
});

// A model for what the real ones do not exercise: doubles, sensitive members in lists, caps.
const synthetic: ServiceModel = {
  metadata: { apiVersion: '2020-01-01', endpointPrefix: 'demo', signingName: 'demo', serviceId: 'Demo', protocol: 'json' },
  operations: {},
  paginators: {},
  shapes: {
    Input: { type: 'structure', required: ['Name'], members: { Name: { shape: 'Name' }, Ratio: { shape: 'Ratio' }, Secrets: { shape: 'Secrets' }, Items: { shape: 'Items' }, Code: { shape: 'Code' }, Self: { shape: 'Input' } } },
    Name: { type: 'string', min: 1, max: 8, pattern: '[a-z\\-]+' },
    Ratio: { type: 'double', min: 0.5, max: 1 },
    Secret: { type: 'string', min: 4, sensitive: true },
    Secrets: { type: 'list', member: { shape: 'Secret' } },
    Items: { type: 'list', member: { shape: 'Item' } },
    Item: { type: 'structure', required: ['Id'], members: { Id: { shape: 'Name' } } },
    // A Java-only construct (class intersection): skipped, never thrown.
    Code: { type: 'string', pattern: '[a-z&&[^e]]+' },
  },
};

describe('model validateInput: values and limits', () => {
  it('doubles print as Java does', () => {
    assert.equal(message(synthetic, 'Input', { Name: 'a', Ratio: 2 }),
      "1 validation error detected: Value '2.0' at 'ratio' failed to satisfy constraint: Member must have value less than or equal to 1.0");
    assert.equal(message(synthetic, 'Input', { Name: 'a', Ratio: 0.25 }),
      "1 validation error detected: Value '0.25' at 'ratio' failed to satisfy constraint: Member must have value greater than or equal to 0.5");
  });

  it('a list of sensitive strings prints no value', () => {
    const v = validateInput(synthetic, 'Input', { Name: 'a', Secrets: ['longenough', 'abc'] });
    assert.equal(v[0]!.sensitive, true);
    assert.equal(validationMessage(v),
      "1 validation error detected: Value at 'secrets' failed to satisfy constraint: Member must satisfy constraint: [Member must have length greater than or equal to 4]");
  });

  it('Java escapes in patterns (\\-) are understood; a pattern JS cannot express is skipped', () => {
    assert.deepEqual(validateInput(synthetic, 'Input', { Name: 'a-b', Code: 'e' }), []);
    assert.equal(message(synthetic, 'Input', { Name: 'a_b' }),
      "1 validation error detected: Value 'a_b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z\\-]+");
  });

  it('recursive shapes validate to any depth', () => {
    assert.equal(message(synthetic, 'Input', { Name: 'a', Self: { Name: 'b', Self: { Self: { Name: 'c' } } } }),
      "1 validation error detected: Value null at 'self.self.name' failed to satisfy constraint: Member must not be null");
  });

  it(`reports at most ${MAX_REPORTED_VIOLATIONS} violations`, () => {
    const v = validateInput(synthetic, 'Input', { Items: Array.from({ length: 20 }, () => ({})) });
    assert.equal(v.length, 10);
    const text = validationMessage(v);
    assert.ok(text.startsWith("10 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; Value null at 'items.1.member.id'"));
    assert.ok(text.endsWith("Value null at 'items.9.member.id' failed to satisfy constraint: Member must not be null"));
  });

  it('is stable across calls on the cached validator', () => {
    const input = { Name: 'TOO-LONG-NAME' };
    assert.deepEqual(validateInput(synthetic, 'Input', input), validateInput(synthetic, 'Input', input));
  });
});

/** The deterministic stand-in for Java's identity hash (see validate.ts). */
function hashOf(v: unknown): string {
  let h = 0;
  const s = JSON.stringify(v);
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}
