// https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html
import { defineOperation, type Ctx } from '../../../core/operation.js';
import { createPublicKey, createPrivateKey } from 'node:crypto';
import { isAsymmetricSpec } from '../../../crypto/kms-keygen.js';
import { authorizeKey } from '../common.js';
import { UnsupportedOperationException, ValidationException } from '../errors.js';
import { assertExternal, checkMaterial, materialDigest, MAX_VALID_TO_MS, openImportToken, unwrapMaterial } from '../import.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { ImportKeyMaterialRequest, Operations } from '../model.gen.js';
import { putKeyRecord, sealMaterial, type BackingKey } from '../state.js';

type Op = Operations['ImportKeyMaterial'];

/**
 * ExpirationModel and ValidTo. "When the value of ExpirationModel is KEY_MATERIAL_EXPIRES, you
 * must specify a value for the ValidTo parameter. When value is KEY_MATERIAL_DOES_NOT_EXPIRE, you
 * must omit the ValidTo parameter"; ValidTo "must be a future date and time … maximum … 365 days
 * from the request date" (API reference). Messages Warden's. // unverified
 */
function validTo(ctx: Ctx, input: ImportKeyMaterialRequest): number | undefined {
  const model = input.ExpirationModel ?? 'KEY_MATERIAL_EXPIRES';
  if (model === 'KEY_MATERIAL_DOES_NOT_EXPIRE') {
    if (input.ValidTo !== undefined) throw new ValidationException('ValidTo must be omitted when ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE.');
    return undefined;
  }
  if (input.ValidTo === undefined) throw new ValidationException('ValidTo is required when ExpirationModel is KEY_MATERIAL_EXPIRES.');
  const ms = input.ValidTo.getTime();
  const now = ctx.clock.now();
  if (ms <= now) throw new ValidationException('ValidTo must be in the future.');
  if (ms > now + MAX_VALID_TO_MS) throw new ValidationException('ValidTo must be no more than 365 days from now.');
  return ms;
}

export const importKeyMaterial = defineOperation<Op['input'], Op['output']>({
  name: 'ImportKeyMaterial',
  actions: ['kms:ImportKeyMaterial'],
  readOnly: false,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    const expirationModel = input.ExpirationModel ?? 'KEY_MATERIAL_EXPIRES';
    await authorizeKey(ctx, 'kms:ImportKeyMaterial', key, {
      'kms:ExpirationModel': expirationModel,
      ...(input.ValidTo !== undefined ? { 'kms:ValidTo': String(Math.floor(input.ValidTo.getTime() / 1000)) } : {}),
    });
    assertKeyState(key.rec, 'ImportKeyMaterial');
    assertExternal(key.rec);
    // Differs from AWS: NEW_KEY_MATERIAL for a key that already has material (on-demand rotation of imported keys) is not supported.
    if (input.ImportType === 'NEW_KEY_MATERIAL' && key.rec.importedDigest !== undefined) throw new UnsupportedOperationException('Warden does not support importing new key material into a key that already has key material.');
    const expires = validTo(ctx, input);
    const opened = openImportToken(ctx, key.path, input.ImportToken);
    const material = unwrapMaterial(opened, input.EncryptedKeyMaterial);
    try {
      checkMaterial(key.rec, material);
      const rec = key.rec;
      const digest = materialDigest(rec.keyId, material);
      // The same material always backs version 1, so ciphertexts from an earlier import decrypt again.
      const b: BackingKey = {
        version: 1,
        materialId: digest,
        createdMs: ctx.clock.now(),
        sealed: sealMaterial(ctx, key.path, 1, material),
        ...(isAsymmetricSpec(rec.keySpec) ? { publicKey: createPublicKey(createPrivateKey({ key: material, format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' }).toString('base64') } : {}),
        ...(expires !== undefined ? { validToMs: expires } : {}),
      };
      // PendingImport → Enabled; a disabled key with material stays disabled (key-state.html).
      const state = rec.state === 'PendingImport' ? 'Enabled' : rec.state;
      putKeyRecord(ctx, { ...rec, backing: [b], current: 1, state, importedDigest: digest }, key.version);
      return { KeyId: rec.arn, KeyMaterialId: digest };
    } finally {
      material.fill(0);
    }
  },
});
