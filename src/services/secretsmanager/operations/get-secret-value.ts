// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
import { defineOperation } from '../../../core/operation.js';
import { decryptVersion, KMS_DECRYPT } from '../kms.js';
import type { Operations } from '../model.gen.js';
import { assertNotDeleted, loadAuthorized, selectVersion } from '../secrets.js';

type Op = Operations['GetSecretValue'];

export const getSecretValue = defineOperation<Op['input'], Op['output']>({
  name: 'GetSecretValue',
  actions: ['secretsmanager:GetSecretValue', KMS_DECRYPT],
  readOnly: true,
  // responseElements are null: the value never reaches the log (CloudTrail shows null for GetSecretValue).
  audit: { response: () => null },
  async handler(input, ctx) {
    const extra = {
      ...(input.VersionId !== undefined ? { 'secretsmanager:VersionId': input.VersionId } : {}),
      ...(input.VersionStage !== undefined ? { 'secretsmanager:VersionStage': input.VersionStage } : {}),
    };
    const { rec } = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:GetSecretValue', { extra });
    assertNotDeleted(rec);
    const v = selectVersion(rec, input.VersionId, input.VersionStage);
    const value = await decryptVersion(ctx, rec, v);
    return { ARN: rec.arn, Name: rec.name, VersionId: v.id, ...value, VersionStages: [...v.stages], CreatedDate: new Date(v.createdMs) };
  },
});
