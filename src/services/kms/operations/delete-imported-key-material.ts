// https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteImportedKeyMaterial.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertExternal, withoutMaterial } from '../import.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { putKeyRecord } from '../state.js';

type Op = Operations['DeleteImportedKeyMaterial'];

export const deleteImportedKeyMaterial = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteImportedKeyMaterial',
  actions: ['kms:DeleteImportedKeyMaterial'],
  readOnly: false,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    await authorizeKey(ctx, 'kms:DeleteImportedKeyMaterial', key);
    assertKeyState(key.rec, 'DeleteImportedKeyMaterial');
    assertExternal(key.rec);
    const current = key.rec.backing.find((b) => b.version === key.rec.current);
    // "PendingImport: OK (No effect)" (key-state.html).
    if (current !== undefined) putKeyRecord(ctx, withoutMaterial(key.rec), key.version);
    return { KeyId: key.rec.arn, ...(current !== undefined ? { KeyMaterialId: current.materialId } : {}) };
  },
});
