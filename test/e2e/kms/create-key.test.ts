import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient, ListKeysCommand, ListResourceTagsCommand } from '@aws-sdk/client-kms';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, assertKmsEvent, createKey, rejects } from './helpers.js';

describe('kms CreateKey', () => {
  let w: Running;
  let kms: KMSClient;
  before(async () => {
    w = await startTestWarden();
    kms = w.client(KMSClient);
  });
  after(() => w.stop());

  const keyCount = async () => (await kms.send(new ListKeysCommand({ Limit: 1000 }))).Keys!.length;

  it('creates a symmetric encryption key with AWS default metadata', async () => {
    const out = await kms.send(new CreateKeyCommand({}));
    const m = out.KeyMetadata!;
    assert.match(m.KeyId!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(m.Arn, `arn:aws:kms:us-east-1:${ACCOUNT}:key/${m.KeyId}`);
    assert.equal(m.AWSAccountId, ACCOUNT);
    assert.ok(m.CreationDate instanceof Date);
    assert.deepEqual(
      { ...m, CreationDate: undefined, KeyId: undefined, Arn: undefined, CurrentKeyMaterialId: undefined },
      {
        AWSAccountId: ACCOUNT, CreationDate: undefined, KeyId: undefined, Arn: undefined, CurrentKeyMaterialId: undefined,
        Enabled: true, Description: '', KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled', Origin: 'AWS_KMS', KeyManager: 'CUSTOMER',
        CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT', KeySpec: 'SYMMETRIC_DEFAULT', EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'], MultiRegion: false,
      },
    );
    assert.match(m.CurrentKeyMaterialId!, /^[0-9a-f]{64}$/);
  });

  const specs: [string, string, Record<string, string[]>][] = [
    ['RSA_2048', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] }],
    ['RSA_3072', 'SIGN_VERIFY', { SigningAlgorithms: ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512', 'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512'] }],
    ['RSA_4096', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] }],
    ['ECC_NIST_P256', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }],
    ['ECC_NIST_P384', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_384'] }],
    ['ECC_NIST_P521', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_512'] }],
    ['ECC_SECG_P256K1', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }],
    ['ECC_NIST_P256', 'KEY_AGREEMENT', { KeyAgreementAlgorithms: ['ECDH'] }],
    ['HMAC_224', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_224'] }],
    ['HMAC_256', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_256'] }],
    ['HMAC_384', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_384'] }],
    ['HMAC_512', 'GENERATE_VERIFY_MAC', { MacAlgorithms: ['HMAC_SHA_512'] }],
  ];
  for (const [spec, usage, algorithms] of specs) {
    it(`creates ${spec} keys for ${usage} listing only that usage's algorithms`, async () => {
      const m = await createKey(kms, { KeySpec: spec as never, KeyUsage: usage as never });
      assert.equal(m.KeySpec, spec);
      assert.equal(m.CustomerMasterKeySpec, spec);
      assert.equal(m.KeyUsage, usage);
      for (const f of ['EncryptionAlgorithms', 'SigningAlgorithms', 'MacAlgorithms', 'KeyAgreementAlgorithms'] as const) {
        assert.deepEqual(m[f], algorithms[f], f);
      }
      assert.equal(m.CurrentKeyMaterialId, undefined);
    });
  }

  it('creates an EXTERNAL key pending import, a multi-Region mrk- key, description and tags', async () => {
    const ext = await createKey(kms, { Origin: 'EXTERNAL' });
    assert.equal(ext.KeyState, 'PendingImport');
    assert.equal(ext.Enabled, false);
    assert.equal(ext.Origin, 'EXTERNAL');
    const mrk = await createKey(kms, { MultiRegion: true, Description: 'multi', Tags: [{ TagKey: 'team', TagValue: 'a' }] });
    assert.match(mrk.KeyId, /^mrk-[0-9a-f]{32}$/);
    assert.equal(mrk.MultiRegion, true);
    assert.deepEqual(mrk.MultiRegionConfiguration, { MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Arn: mrk.Arn, Region: 'us-east-1' }, ReplicaKeys: [] });
    assert.equal(mrk.Description, 'multi');
    const tags = await kms.send(new ListResourceTagsCommand({ KeyId: mrk.KeyId }));
    assert.deepEqual(tags.Tags, [{ TagKey: 'team', TagValue: 'a' }]);
    const d = await kms.send(new DescribeKeyCommand({ KeyId: mrk.Arn }));
    assert.equal(d.KeyMetadata!.KeyId, mrk.KeyId);
  });

  it('leaves the CloudTrail event AWS writes: effective spec in requestParameters, keyMetadata in responseElements', async () => {
    const out = await kms.send(new CreateKeyCommand({ Description: 'audited' }));
    const ev = await w.eventFor(out.$metadata.requestId!);
    assertKmsEvent(ev, 'CreateKey', false, out.KeyMetadata!.Arn);
    assert.deepEqual(ev['requestParameters'], {
      description: 'audited', keyUsage: 'ENCRYPT_DECRYPT', customerMasterKeySpec: 'SYMMETRIC_DEFAULT', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', bypassPolicyLockoutSafetyCheck: false,
    });
    const km = ev['responseElements'].keyMetadata;
    assert.equal(km.AWSAccountId, ACCOUNT);
    assert.equal(km.keyId, out.KeyMetadata!.KeyId);
    assert.equal(km.keyState, 'Enabled');
    assert.match(km.creationDate, /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d:\d\d [AP]M$/);
  });

  const invalid: [string, Record<string, unknown>, string, string | RegExp][] = [
    ['an HMAC key without KeyUsage', { KeySpec: 'HMAC_256' }, 'ValidationException', 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.'],
    ['a key usage the spec does not offer', { KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'ENCRYPT_DECRYPT' }, 'ValidationException', 'KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec ECC_SECG_P256K1'],
    ['a symmetric key for signing', { KeyUsage: 'SIGN_VERIFY' }, 'ValidationException', 'KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT'],
    ['both KeySpec and CustomerMasterKeySpec', { KeySpec: 'RSA_2048', CustomerMasterKeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }, 'ValidationException', 'You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.'],
    ['an unknown key spec', { KeySpec: 'HMAC_random' }, 'ValidationException', "1 validation error detected: Value 'HMAC_random' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SYMMETRIC_DEFAULT, HMAC_224, HMAC_256, HMAC_384, HMAC_512, SM2, ML_DSA_44, ML_DSA_65, ML_DSA_87, ECC_NIST_EDWARDS25519]"],
    ['a description over 8192 characters', { Description: 'd'.repeat(8193) }, 'ValidationException', /at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192$/],
    ['a policy that is not JSON', { Policy: 'not json' }, 'MalformedPolicyDocumentException', 'The policy is not syntactically valid JSON.'],
    ['a policy with an invalid principal', { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'AIDACKCEVSQ6C2EXAMPLE' }, Action: 'kms:*', Resource: '*' }] }) }, 'MalformedPolicyDocumentException', 'Policy contains a statement with one or more invalid principals.'],
    ['a policy over 32 KB', { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(33_000), Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' }] }) }, 'LimitExceededException', 'The policy exceeds the maximum size of 32768 bytes.'],
    ['a policy that denies the caller PutKeyPolicy', { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' }, { Effect: 'Deny', Principal: '*', Action: 'kms:PutKey*', Resource: '*' }] }) }, 'MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.'],
    ['a statement without a principal', { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }) }, 'MalformedPolicyDocumentException', 'Policy contains a statement with no principal.'],
    ['a policy that locks the caller out', { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] }) }, 'MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.'],
    ['an aws: tag', { Tags: [{ TagKey: 'AWS:team', TagValue: 'x' }] }, 'TagException', 'Tags beginning with aws: are reserved'],
    ['duplicate tag keys', { Tags: [{ TagKey: 'a', TagValue: '1' }, { TagKey: 'a', TagValue: '2' }] }, 'TagException', 'Duplicate tag keys'],
    ['51 tags', { Tags: Array.from({ length: 51 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' })) }, 'TagException', 'Too many tags'],
    ['a tag value over 256 characters', { Tags: [{ TagKey: 'k', TagValue: 'v'.repeat(257) }] }, 'ValidationException', /at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256$/],
    ['a custom key store', { CustomKeyStoreId: 'cks-1234567890abcdef0' }, 'UnsupportedOperationException', 'Warden does not support custom key stores yet.'],
  ];
  for (const [what, input, code, message] of invalid) {
    it(`refuses ${what} with ${code} and creates nothing`, async () => {
      const before = await keyCount();
      const err = await rejects(kms.send(new CreateKeyCommand(input as never)), code, message);
      assert.equal(await keyCount(), before);
      const ev = await w.eventFor(err.$metadata.requestId);
      assert.equal(ev['errorCode'], code);
      assert.equal(ev['eventName'], 'CreateKey');
    });
  }

  it('accepts a policy that locks the caller out when the safety check is bypassed', async () => {
    const Policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] });
    const m = await createKey(kms, { Policy, BypassPolicyLockoutSafetyCheck: true });
    assert.equal(m.KeyState, 'Enabled');
  });
});
