// https://docs.aws.amazon.com/kms/latest/APIReference/API_RotateKeyOnDemand.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { assertNotReplica, syncReplicas } from '../multi-region.js';
import { assertRotatable, rotateOnDemand } from '../rotation.js';
import { putKeyRecord } from '../state.js';

type Op = Operations['RotateKeyOnDemand'];

export const rotateKeyOnDemand = defineOperation<Op['input'], Op['output']>({
  name: 'RotateKeyOnDemand',
  actions: ['kms:RotateKeyOnDemand'],
  readOnly: false,
  // CloudTrail: requestParameters {keyId}, responseElements {keyId} (ct-rotatekeyondemand.html). // unverified: responseElements
  audit: { response: (out) => (out.KeyId !== undefined ? { keyId: out.KeyId } : null) },
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    await authorizeKey(ctx, 'kms:RotateKeyOnDemand', key);
    assertKeyState(key.rec, 'RotateKeyOnDemand');
    assertNotReplica(key.rec, 'RotateKeyOnDemand');
    // Differs from AWS: imported key material cannot be rotated on demand (AWS allows it once new material is imported, PENDING_ROTATION).
    assertRotatable(key.rec);
    // Rotation completes within the request, so ConflictException (a rotation in progress) never arises.
    const stored = await rotateOnDemand(ctx, key);
    putKeyRecord(ctx, stored, key.version);
    await syncReplicas(ctx, { ...key, rec: stored }); // replicas share the material and rotation settings
    // The API reference's example answers the key id as given in the request's form. // unverified
    return { KeyId: key.rec.keyId };
  },
});
