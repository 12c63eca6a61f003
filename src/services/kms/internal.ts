/**
 * KMS on a caller's behalf, in process: other services (Secrets Manager now; SSM and S3 later)
 * call these inside their own request, ctx and transaction, as AWS services call KMS with the
 * caller's credentials (kms:ViaService set). The caller's operation must list the kms actions
 * (kms:GenerateDataKey, kms:Decrypt) in its `actions`.
 *
 * Failures are thrown as KmsCallFailure, not as KMS's wire errors: the calling service maps them
 * to its own errors (AWS surfaces KMS failures in the calling service's error vocabulary).
 *
 * Each call leaves its own KMS CloudTrail event, as AWS records it (Secrets Manager user guide,
 * security-encryption.html, "Monitor Secrets Manager interaction with AWS KMS"): eventSource
 * kms.amazonaws.com, the caller's userIdentity with `invokedBy: "<service>.amazonaws.com"`, that
 * name as sourceIPAddress and userAgent, the key among the resources — also when KMS refused.
 * The calling service's own event records the authorization decision.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { AwsError } from '../../core/errors.js';
import type { Ctx, JsonObject } from '../../core/operation.js';
import { generateKeyMaterial } from '../../crypto/kms-keygen.js';
import { openBlob, parseBlobHeader } from '../../crypto/kms-blob.js';
import { checkEncryption, encryptUnder } from './ciphers.js';
import { authorizeWithGrants } from './common.js';
import { DataKeyCache } from './data-key-cache.js';
import { chargeCryptoQuota } from './quota.js';
import { contextConditions, keyConditions } from './conditions.js';
import { InvalidCiphertextException } from './errors.js';
import { assertKeyState, keyArn, loadKey, type ResolvedKey } from './keys.js';
import { backingKeys, KEY_CODEC_VERSION, keyPath, newAlias, putAlias, putKeyRecord, readAlias, readKeyRecord, sealMaterial, type KeyReader, type KeyRecord } from './state.js';
import { buildServicePrincipalEvent } from '../../audit/event.js';
import { decideForService, type ServicePrincipalCall } from '../../iam/service-principal.js';
import type { AuditRecord } from '../../store/store.js';
import { pooledRandomBytes } from '../../crypto/random.js';

/** One data-key cache per barrier, so per Warden (like state.ts's key cache). */
const dataKeyCaches = new WeakMap<object, DataKeyCache>();
function dataKeyCacheOf(ctx: Ctx): DataKeyCache {
  let c = dataKeyCaches.get(ctx.barrier);
  if (c === undefined) dataKeyCaches.set(ctx.barrier, (c = new DataKeyCache()));
  return c;
}

export type KmsFailureKind = 'AccessDenied' | 'NotFound' | 'KeyState' | 'InvalidCiphertext' | 'Other';

/** A KMS call made on a caller's behalf failed; `kmsCode`/`message` are what KMS itself would answer. */
export class KmsCallFailure extends Error {
  /** The key the call resolved before it failed, when it got that far (for the event's resources). */
  key?: { readonly arn: string; readonly account: string };
  constructor(readonly kind: KmsFailureKind, readonly kmsCode: string, message: string) {
    super(message);
    this.name = 'KmsCallFailure';
  }
}

export interface OnBehalfOptions {
  readonly encryptionContext: Readonly<Record<string, string>>;
  /** `<service>.<region>.amazonaws.com`, the kms:ViaService condition key. */
  readonly viaService: string;
  /** The KMS event's invokedBy; default `<service>.amazonaws.com` from viaService. */
  readonly invokedBy?: string;
}

/** `secretsmanager.us-east-1.amazonaws.com` → `secretsmanager.amazonaws.com`. */
const invokedByOf = (o: OnBehalfOptions): string => o.invokedBy ?? `${o.viaService.split('.')[0]}.amazonaws.com`;

/** What the KMS event of one call on a caller's behalf records. */
interface CallRecord {
  readonly eventName: 'GenerateDataKey' | 'Decrypt';
  readonly requestParameters: JsonObject;
  key?: { readonly arn: string; readonly account: string };
}

/**
 * Runs a KMS call on the caller's behalf and emits its KMS event, with the error KMS answered when
 * it failed; failures are then thrown as KmsCallFailure.
 */
async function audited<T>(ctx: Ctx, o: OnBehalfOptions, call: CallRecord, fn: () => Promise<T>): Promise<T> {
  let error: { code: string; message: string } | undefined;
  try {
    return await guarded(fn);
  } catch (err) {
    if (err instanceof KmsCallFailure) error = { code: err.kmsCode, message: err.message };
    throw err;
  } finally {
    ctx.audit.emitEvent({
      eventSource: 'kms.amazonaws.com',
      eventName: call.eventName,
      readOnly: true,
      invokedBy: invokedByOf(o),
      requestParameters: call.requestParameters,
      responseElements: null,
      resources: call.key !== undefined ? [{ ARN: call.key.arn, accountId: call.key.account, type: 'AWS::KMS::Key' }] : [],
      ...(error !== undefined ? { error } : {}),
    });
  }
}

export interface ManagedKeyOptions {
  /** e.g. `secretsmanager`: the key is `alias/aws/secretsmanager`. */
  readonly service: string;
  readonly description: string;
  readonly policy: (account: string, region: string) => string;
}

export interface GeneratedDataKey {
  readonly plaintext: Buffer;
  /** The KMS ciphertext blob of the data key. */
  readonly blob: Uint8Array;
  readonly keyArn: string;
}

const KIND_OF: Readonly<Record<string, KmsFailureKind>> = {
  NotFoundException: 'NotFound',
  DisabledException: 'KeyState',
  KMSInvalidStateException: 'KeyState',
  InvalidCiphertextException: 'InvalidCiphertext',
  IncorrectKeyException: 'InvalidCiphertext',
};

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof AwsError) || err.fault === 'server') throw err;
    if (/^AccessDenied/.test(err.code)) throw new KmsCallFailure('AccessDenied', 'AccessDeniedException', err.message);
    throw new KmsCallFailure(KIND_OF[err.code] ?? 'Other', err.code, err.message);
  }
}

/** ctx.authorize on the key with its key policy, KMS's condition keys and kms:ViaService; grants as fallback. */
async function authorizeOnBehalf(ctx: Ctx, action: string, key: ResolvedKey, o: OnBehalfOptions): Promise<void> {
  const conditions = keyConditions(ctx, key.rec, key.requestAlias);
  conditions['kms:ViaService'] = o.viaService;
  await authorizeWithGrants(ctx, action, key, conditions, o.encryptionContext);
}

/**
 * The AWS managed key `alias/aws/<service>` of the caller's account and Region, created on first
 * use (KeyManager AWS, the service's key policy) as AWS does. Needs a write transaction.
 */
export async function managedKeyId(ctx: Ctx, m: ManagedKeyOptions): Promise<string> {
  const name = `alias/aws/${m.service}`;
  const alias = await readAlias(ctx.tx, ctx.account, ctx.region, name);
  if (alias !== undefined) return alias.targetKeyId;
  const keyId = randomUUID();
  const now = ctx.clock.now();
  const path = keyPath(ctx.account, ctx.region, keyId);
  const material = await generateKeyMaterial('SYMMETRIC_DEFAULT');
  const rec: KeyRecord = {
    v: KEY_CODEC_VERSION,
    keyId,
    account: ctx.account,
    region: ctx.region,
    arn: keyArn(ctx.account, ctx.region, keyId),
    createdMs: now,
    description: m.description,
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    keyManager: 'AWS',
    state: 'Enabled',
    multiRegion: false,
    policy: m.policy(ctx.account, ctx.region),
    tags: [],
    aliases: [name],
    // Differs from AWS: AWS managed keys rotate every year; Warden's do not rotate yet.
    rotation: { enabled: false, periodDays: 365 },
    backing: [{ version: 1, materialId: randomBytes(32).toString('hex'), createdMs: now, sealed: sealMaterial(ctx, path, 1, material.secret) }],
    current: 1,
  };
  material.secret.fill(0);
  putKeyRecord(ctx, rec);
  putAlias(ctx, ctx.account, ctx.region, newAlias(name, keyId, now));
  return keyId;
}

/**
 * GenerateDataKey (AES_256) on the caller's behalf under `keyId` (any KeyId form), or under the
 * AWS managed key of `managed` when keyId is undefined.
 */
export async function generateDataKeyFor(ctx: Ctx, keyId: string | undefined, o: OnBehalfOptions & { readonly managed: ManagedKeyOptions }): Promise<GeneratedDataKey> {
  const call: CallRecord = { eventName: 'GenerateDataKey', requestParameters: {} };
  return audited(ctx, o, call, async () => {
    chargeCryptoQuota(ctx);
    const id = keyId ?? (await managedKeyId(ctx, o.managed));
    // The service names the key by its ARN, asks for an AES_256 key (security-encryption.html).
    const params = { keyId: id, keySpec: 'AES_256', encryptionContext: { ...o.encryptionContext } };
    Object.assign(call.requestParameters, params);
    const key = await loadKey(ctx, id, { alias: true });
    call.key = { arn: key.rec.arn, account: key.rec.account };
    call.requestParameters['keyId'] = key.rec.arn;
    await authorizeOnBehalf(ctx, 'kms:GenerateDataKey', key, o);
    assertKeyState(key.rec, 'GenerateDataKey');
    checkEncryption(key.rec, 'SYMMETRIC_DEFAULT', 32, 'GenerateDataKey');
    const plaintext = pooledRandomBytes(32);
    const sealed = encryptUnder(ctx, key, plaintext, 'SYMMETRIC_DEFAULT', o.encryptionContext);
    return { plaintext, blob: sealed.blob, keyArn: key.rec.arn };
  });
}

/** Decrypt on the caller's behalf (symmetric keys); `keyId` names the key (a key ARN for keys of another account). */
export async function decryptFor(ctx: Ctx, blob: Uint8Array, o: OnBehalfOptions & { readonly keyId?: string }): Promise<Buffer> {
  // security-encryption.html's example shows the encryption context only (KMS derives the key from
  // the ciphertext); Decrypt events "always include the encryptionAlgorithm" (ct-decrypt.html).
  const call: CallRecord = { eventName: 'Decrypt', requestParameters: { encryptionContext: { ...o.encryptionContext }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' } };
  return audited(ctx, o, call, async () => {
    chargeCryptoQuota(ctx);
    const header = parseBlobHeader(blob);
    if (header === undefined) throw new InvalidCiphertextException('');
    const key = await loadKey(ctx, o.keyId ?? header.keyId, { alias: true });
    call.key = { arn: key.rec.arn, account: key.rec.account };
    await authorizeOnBehalf(ctx, 'kms:Decrypt', key, o);
    assertKeyState(key.rec, 'Decrypt');
    if (key.rec.keySpec !== 'SYMMETRIC_DEFAULT' || header.keyId !== key.rec.keyId) throw new InvalidCiphertextException('');
    // Authorized and the key's state checked above, on every call: only the unwrap is cached.
    const cache = dataKeyCacheOf(ctx);
    const id = DataKeyCache.id(key.rec.arn, blob, o.encryptionContext);
    const hit = cache.get(id, ctx.clock.now());
    if (hit !== undefined) return hit;
    const objs = backingKeys(ctx, key, header.version);
    const plaintext = objs === undefined ? undefined : openBlob(objs.secret, blob, o.encryptionContext);
    if (plaintext === undefined) throw new InvalidCiphertextException('');
    cache.set(id, plaintext, ctx.clock.now());
    return plaintext;
  });
}

// ---------------------------------------------------------------------------------------------
// An AWS service acting as itself (CloudTrail encrypting its log files with a trail's key).

export interface ServiceKeyCall extends ServicePrincipalCall {
  readonly encryptionContext: Readonly<Record<string, string>>;
}

/**
 * The key `keyRef` names (any KeyId form, in ctx's account and Region) if `call.service` may have
 * data keys generated under it: a symmetric encryption key usable now whose key policy allows the
 * service kms:GenerateDataKey with this encryption context (iam/service-principal.ts: only the key
 * policy can; grants and IAM policies cannot name a service principal). Throws KmsCallFailure.
 */
export async function keyForService(ctx: Ctx, keyRef: string, call: ServiceKeyCall): Promise<ResolvedKey> {
  let resolved: ResolvedKey | undefined;
  try {
    return await checkedKeyForService(ctx, keyRef, call, (k) => (resolved = k));
  } catch (e) {
    if (e instanceof KmsCallFailure && resolved !== undefined) e.key = { arn: resolved.rec.arn, account: resolved.rec.account };
    throw e;
  }
}

async function checkedKeyForService(ctx: Ctx, keyRef: string, call: ServiceKeyCall, found: (k: ResolvedKey) => void): Promise<ResolvedKey> {
  return guarded(async () => {
    const key = await loadKey(ctx, keyRef, { alias: true });
    found(key);
    assertKeyState(key.rec, 'GenerateDataKey');
    checkEncryption(key.rec, 'SYMMETRIC_DEFAULT', 32, 'GenerateDataKey');
    const conditions = { ...keyConditions(ctx, key.rec, key.requestAlias), ...call.conditions };
    delete conditions['kms:CallerAccount']; // a service principal belongs to no account
    contextConditions(call.encryptionContext, conditions);
    const d = decideForService(key.rec.policy, 'kms-key', 'key policy', 'kms:GenerateDataKey', key.rec.arn, key.rec.account, { ...call, conditions });
    if (!d.allowed) throw new KmsCallFailure('AccessDenied', 'AccessDeniedException', `${call.service} is not authorized to perform: kms:GenerateDataKey on resource: ${key.rec.arn}: ${d.reason}`);
    return key;
  });
}

/**
 * GenerateDataKey (AES_256) by `call.service` itself under the key `keyRef` names, checked by
 * keyForService, and its KMS event as CloudTrail records a service's own call (userIdentity type
 * AWSService), handed to `emit` — also when KMS refused. Throws KmsCallFailure.
 */
export async function generateDataKeyAsService(ctx: Ctx, keyRef: string, call: ServiceKeyCall, emit: (rec: AuditRecord) => void): Promise<GeneratedDataKey> {
  let key: { readonly arn: string; readonly account: string } | undefined;
  let error: { code: string; message: string } | undefined;
  try {
    const resolved = await keyForService(ctx, keyRef, call);
    key = { arn: resolved.rec.arn, account: resolved.rec.account };
    const plaintext = pooledRandomBytes(32);
    const sealed = encryptUnder(ctx, resolved, plaintext, 'SYMMETRIC_DEFAULT', call.encryptionContext);
    return { plaintext, blob: sealed.blob, keyArn: resolved.rec.arn };
  } catch (err) {
    if (err instanceof KmsCallFailure) {
      error = { code: err.kmsCode, message: err.message };
      key = err.key;
    }
    throw err;
  } finally {
    emit(
      buildServicePrincipalEvent({
        timeMs: ctx.clock.now(),
        service: call.service,
        eventSource: 'kms.amazonaws.com',
        eventName: 'GenerateDataKey',
        region: ctx.region,
        account: key?.account ?? ctx.account,
        readOnly: true,
        requestParameters: { keyId: key?.arn ?? keyRef, keySpec: 'AES_256', encryptionContext: { ...call.encryptionContext } },
        resources: key !== undefined ? [{ ARN: key.arn, accountId: key.account, type: 'AWS::KMS::Key' }] : [],
        ...(error !== undefined ? { error } : {}),
      }),
    );
  }
}

/**
 * A data key's plaintext from its KMS ciphertext blob, without any authorization or key-state
 * check: only for Warden's own offline tools (`warden audit verify` reading SSE-KMS trail files
 * with the data dir and its root key). Undefined when the key or its material is gone or the blob
 * does not open.
 */
export async function decryptDataKeyUnchecked(reader: KeyReader, keyArnOfBlob: string, blob: Uint8Array, context: Readonly<Record<string, string>>): Promise<Buffer | undefined> {
  const header = parseBlobHeader(blob);
  const m = /^arn:[^:]+:kms:([^:]+):(\d{12}):key\/(.+)$/.exec(keyArnOfBlob);
  if (header === undefined || m === null) return undefined;
  const key = await readKeyRecord(reader, m[2]!, m[1]!, m[3]!);
  if (key === undefined || key.rec.keyId !== header.keyId) return undefined;
  const objs = backingKeys(reader, key, header.version);
  return objs === undefined ? undefined : openBlob(objs.secret, blob, context);
}
