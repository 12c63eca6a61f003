// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecret.html
import { defineOperation } from '../../../core/operation.js';
import { decryptVersion, encryptVersion, KMS_DECRYPT, KMS_ENCRYPT } from '../kms.js';
import type { Operations } from '../model.gen.js';
import { assertNotDeleted, CURRENT, equalValue, loadAuthorized, newVersionId, sameVersion, valueOf, withVersion } from '../secrets.js';
import { afterManualUpdate } from '../rotation/runner.js';
import { putSecret, type SecretRecord } from '../state.js';

type Op = Operations['UpdateSecret'];

// Differs from AWS: a new KmsKeyId applies to new versions; existing versions are not re-encrypted.
export const updateSecret = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateSecret',
  actions: ['secretsmanager:UpdateSecret', KMS_ENCRYPT, KMS_DECRYPT],
  readOnly: false,
  async handler(input, ctx) {
    const value = valueOf(input, false);
    const extra = {
      ...(input.Description !== undefined ? { 'secretsmanager:Description': input.Description } : {}),
      ...(input.KmsKeyId !== undefined ? { 'secretsmanager:KmsKeyId': input.KmsKeyId } : {}),
    };
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:UpdateSecret', { purge: true, extra });
    assertNotDeleted(found.rec);
    const now = ctx.clock.now();
    let rec: SecretRecord = {
      ...found.rec,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.KmsKeyId !== undefined ? { kmsKeyId: input.KmsKeyId } : {}),
      lastChangedMs: now,
    };
    let versionId: string | undefined;
    if (value !== undefined) {
      versionId = newVersionId(input.ClientRequestToken);
      const existing = rec.versions.find((v) => v.id === versionId);
      if (existing !== undefined && sameVersion(existing, equalValue(await decryptVersion(ctx, rec, existing), value))) {
        return { ARN: rec.arn, Name: rec.name, VersionId: versionId };
      }
      rec = afterManualUpdate(ctx.tx, withVersion(rec, await encryptVersion(ctx, rec, versionId, value), [CURRENT], now), versionId, [CURRENT], now);
    }
    putSecret(ctx, rec, found.version);
    return { ARN: rec.arn, Name: rec.name, ...(versionId !== undefined ? { VersionId: versionId } : {}) };
  },
});
