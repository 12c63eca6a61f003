// https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
import { randomBytes, randomUUID } from 'node:crypto';
import { defineOperation, type JsonObject } from '../../../core/operation.js';
import { generateKeyMaterial } from '../../../crypto/kms-keygen.js';
import { lowerFirstKeys, trailDate } from '../common.js';
import { tagConditions, type Conditions } from '../conditions.js';
import { UnsupportedOperationException, ValidationException } from '../errors.js';
import { keyArn, sweepDeletedKeys } from '../keys.js';
import type { CreateKeyRequest, KeyMetadata, KeySpec, KeyUsageType, Operations, OriginType } from '../model.gen.js';
import { defaultKeyPolicy, validateKeyPolicy } from '../policy.js';
import { keyMetadata, SPECS } from '../specs.js';
import { KEY_CODEC_VERSION, keyPath, putKeyRecord, sealMaterial, type BackingKey, type KeyRecord } from '../state.js';
import { validateTags } from '../tags.js';

type Op = Operations['CreateKey'];

interface Settings {
  readonly keySpec: KeySpec;
  readonly keyUsage: KeyUsageType;
  readonly origin: OriginType;
}

/** The key spec, usage and origin a request asks for, with CreateKey's defaults and checks. */
function settingsOf(input: CreateKeyRequest): Settings {
  if (input.KeySpec !== undefined && input.CustomerMasterKeySpec !== undefined) {
    // local-kms's wording, taken from AWS. // unverified
    throw new ValidationException('You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.');
  }
  const keySpec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  const origin = input.Origin ?? 'AWS_KMS';
  const spec = SPECS[keySpec];
  if (spec === undefined) throw new UnsupportedOperationException(`KeySpec ${keySpec} is not supported by Warden.`); // Differs from AWS: SM2, Ed25519 and ML-DSA keys
  if (origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE' || input.CustomKeyStoreId !== undefined || input.XksKeyId !== undefined) {
    throw new UnsupportedOperationException('Warden does not support custom key stores yet.'); // Differs from AWS: custom key stores are a later issue
  }
  if (input.KeyUsage === undefined && keySpec !== 'SYMMETRIC_DEFAULT') {
    // LocalStack's AWS recording (HMAC key without KeyUsage).
    throw new ValidationException('You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
  }
  const keyUsage = input.KeyUsage ?? 'ENCRYPT_DECRYPT';
  if (!spec.usages.includes(keyUsage)) throw new ValidationException(`KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}`); // LocalStack's and local-kms's wording // unverified
  return { keySpec, keyUsage, origin };
}

const materialId = (): string => randomBytes(32).toString('hex');

async function newKeyRecord(input: CreateKeyRequest, s: Settings, account: string, region: string, nowMs: number, seal: (path: string, version: number, secret: Uint8Array) => string): Promise<KeyRecord> {
  const multiRegion = input.MultiRegion === true;
  const keyId = multiRegion ? `mrk-${randomUUID().replace(/-/g, '')}` : randomUUID();
  const path = keyPath(account, region, keyId);
  const backing: BackingKey[] = [];
  if (s.origin === 'AWS_KMS') {
    const m = await generateKeyMaterial(s.keySpec);
    backing.push({
      version: 1,
      materialId: materialId(),
      createdMs: nowMs,
      sealed: seal(path, 1, m.secret),
      ...(m.publicKey !== undefined ? { publicKey: m.publicKey.toString('base64') } : {}),
    });
    m.secret.fill(0);
  }
  return {
    v: KEY_CODEC_VERSION,
    keyId,
    account,
    region,
    arn: keyArn(account, region, keyId),
    createdMs: nowMs,
    description: input.Description ?? '',
    keySpec: s.keySpec,
    keyUsage: s.keyUsage,
    origin: s.origin,
    keyManager: 'CUSTOMER',
    // Imported-material keys wait for their material (KMS developer guide, key-state.html).
    state: s.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
    multiRegion,
    policy: input.Policy ?? defaultKeyPolicy(account),
    tags: input.Tags ?? [],
    aliases: [],
    rotation: { enabled: false, periodDays: 365 },
    backing,
    current: backing.length > 0 ? 1 : 0,
  };
}

/** CloudTrail's CreateKey requestParameters carry the effective spec, usage and origin (ct-createkey.html). */
function auditRequest(input: CreateKeyRequest): JsonObject {
  const keySpec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  return lowerFirstKeys({
    policy: input.Policy,
    description: input.Description ?? '',
    keyUsage: input.KeyUsage ?? (keySpec === 'SYMMETRIC_DEFAULT' ? 'ENCRYPT_DECRYPT' : undefined),
    customerMasterKeySpec: keySpec,
    keySpec,
    origin: input.Origin ?? 'AWS_KMS',
    bypassPolicyLockoutSafetyCheck: input.BypassPolicyLockoutSafetyCheck ?? false,
    tags: input.Tags?.map((t) => ({ tagKey: t.TagKey, tagValue: t.TagValue })),
    multiRegion: input.MultiRegion,
  });
}

/** responseElements.keyMetadata: lower-case member names but `AWSAccountId`, medium-format dates. */
export function auditKeyMetadata(m: KeyMetadata | undefined): JsonObject | null {
  if (m === undefined) return null;
  const out = lowerFirstKeys({ ...m, AWSAccountId: undefined, CreationDate: undefined, DeletionDate: undefined, MultiRegionConfiguration: undefined });
  return {
    keyMetadata: {
      AWSAccountId: m.AWSAccountId ?? null,
      ...out,
      ...(m.CreationDate !== undefined ? { creationDate: trailDate(m.CreationDate.getTime()) } : {}),
    },
  };
}

export const createKey = defineOperation<Op['input'], Op['output']>({
  name: 'CreateKey',
  actions: ['kms:CreateKey'],
  readOnly: false,
  audit: { request: auditRequest, response: (out) => auditKeyMetadata(out.KeyMetadata) },
  async handler(input, ctx) {
    const s = settingsOf(input);
    const conditions: Conditions = {
      'kms:CallerAccount': ctx.account,
      'kms:KeySpec': s.keySpec,
      'kms:KeyUsage': s.keyUsage,
      'kms:KeyOrigin': s.origin,
      'kms:MultiRegion': String(input.MultiRegion === true),
      'kms:BypassPolicyLockoutSafetyCheck': String(input.BypassPolicyLockoutSafetyCheck === true),
    };
    await ctx.authorize({ action: 'kms:CreateKey', resource: '*', conditions: tagConditions(input.Tags, conditions) });
    if (input.Policy !== undefined) validateKeyPolicy(input.Policy, ctx.principal, input.BypassPolicyLockoutSafetyCheck === true);
    validateTags(input.Tags, []);
    await sweepDeletedKeys(ctx, ctx.account, ctx.region);
    const rec = await newKeyRecord(input, s, ctx.account, ctx.region, ctx.clock.now(), (path, v, secret) => sealMaterial(ctx, path, v, secret));
    putKeyRecord(ctx, rec, 0);
    ctx.audit.addResource(rec.arn, 'AWS::KMS::Key', rec.account);
    return { KeyMetadata: keyMetadata(rec) };
  },
});
