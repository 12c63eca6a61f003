// https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyRotations.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { InvalidMarkerException } from '../errors.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations, RotationsListEntry } from '../model.gen.js';
import { assertRotatable } from '../rotation.js';

type Op = Operations['ListKeyRotations'];

// "If you do not include a value, it defaults to 100." (API reference)
const DEFAULT_LIMIT = 100;

export const listKeyRotations = defineOperation<Op['input'], Op['output']>({
  name: 'ListKeyRotations',
  actions: ['kms:ListKeyRotations'],
  readOnly: true,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId);
    await authorizeKey(ctx, 'kms:ListKeyRotations', key);
    assertKeyState(key.rec, 'ListKeyRotations');
    assertRotatable(key.rec);
    const rec = key.rec;
    // The default ROTATIONS_ONLY lists material created by rotations; ALL_KEY_MATERIAL adds the first.
    const all = input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL';
    const listed = [...rec.backing].sort((a, b) => a.version - b.version).filter((b) => all || b.rotationType !== undefined);
    let start = 0;
    if (input.Marker !== undefined) {
      // The marker is the version of the last entry returned.
      const after = /^[1-9]\d{0,9}$/.test(input.Marker) ? Number(input.Marker) : NaN;
      if (Number.isNaN(after)) throw new InvalidMarkerException('Invalid marker'); // unverified
      start = listed.findIndex((b) => b.version > after);
      if (start < 0) start = listed.length;
    }
    const limit = input.Limit ?? DEFAULT_LIMIT;
    const page = listed.slice(start, start + limit);
    const Rotations: RotationsListEntry[] = page.map((b) => ({
      KeyId: rec.keyId,
      KeyMaterialId: b.materialId,
      KeyMaterialState: b.version === rec.current ? 'CURRENT' : 'NON_CURRENT',
      ...(b.rotatedMs !== undefined ? { RotationDate: new Date(b.rotatedMs) } : {}),
      ...(b.rotationType !== undefined ? { RotationType: b.rotationType } : {}),
    }));
    const more = start + limit < listed.length;
    return more ? { Rotations, NextMarker: String(page[page.length - 1]!.version), Truncated: true } : { Rotations, Truncated: false };
  },
});
