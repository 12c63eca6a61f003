// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
import { defineOperation } from '../../../core/operation.js';
import { decryptVersion, encryptVersion, KMS_DECRYPT, KMS_ENCRYPT } from '../kms.js';
import type { Operations } from '../model.gen.js';
import { assertNotDeleted, CURRENT, equalValue, loadAuthorized, newVersionId, sameVersion, valueOf, withVersion } from '../secrets.js';
import { afterManualUpdate } from '../rotation/runner.js';
import { putSecret } from '../state.js';

type Op = Operations['PutSecretValue'];

export const putSecretValue = defineOperation<Op['input'], Op['output']>({
  name: 'PutSecretValue',
  actions: ['secretsmanager:PutSecretValue', KMS_ENCRYPT, KMS_DECRYPT],
  readOnly: false,
  async handler(input, ctx) {
    const value = valueOf(input, true)!;
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:PutSecretValue', { purge: true });
    const rec = found.rec;
    assertNotDeleted(rec);
    const versionId = newVersionId(input.ClientRequestToken);
    const existing = rec.versions.find((v) => v.id === versionId);
    if (existing !== undefined && sameVersion(existing, equalValue(await decryptVersion(ctx, rec, existing), value))) {
      return { ARN: rec.arn, Name: rec.name, VersionId: existing.id, VersionStages: [...existing.stages] };
    }
    const labels = input.VersionStages ?? [CURRENT];
    const now = ctx.clock.now();
    const next = afterManualUpdate(ctx.tx, withVersion(rec, await encryptVersion(ctx, rec, versionId, value), labels, now), versionId, labels, now);
    putSecret(ctx, next, found.version);
    return { ARN: rec.arn, Name: rec.name, VersionId: versionId, VersionStages: [...labels] };
  },
});
