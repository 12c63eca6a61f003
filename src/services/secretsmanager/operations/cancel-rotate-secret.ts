// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CancelRotateSecret.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { assertNotDeleted, assertNotReplica, loadAuthorized } from '../secrets.js';
import { putSecret } from '../state.js';

type Op = Operations['CancelRotateSecret'];

/**
 * Turns off automatic rotation and cancels a rotation in progress (the runner stops before its
 * next step). Labels are left as they are: AWS leaves AWSPENDING where it was for the caller to clean up.
 */
export const cancelRotateSecret = defineOperation<Op['input'], Op['output']>({
  name: 'CancelRotateSecret',
  actions: ['secretsmanager:CancelRotateSecret'],
  readOnly: false,
  async handler(input, ctx) {
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:CancelRotateSecret', { purge: true });
    const rec = found.rec;
    assertNotDeleted(rec);
    assertNotReplica(rec);
    const { rotating: _cancelled, ...rest } = rec;
    const rotation = rec.rotation === undefined ? undefined : (({ nextMs: _n, ...r }) => ({ ...r, enabled: false }))(rec.rotation);
    putSecret(ctx, { ...rest, ...(rotation !== undefined ? { rotation } : {}) }, found.version);
    const pending = rec.versions.find((v) => v.stages.includes('AWSPENDING'))?.id;
    return { ARN: rec.arn, Name: rec.name, ...(pending !== undefined ? { VersionId: pending } : {}) };
  },
});
