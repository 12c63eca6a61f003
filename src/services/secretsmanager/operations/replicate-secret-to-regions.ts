// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ReplicateSecretToRegions.html
import { defineOperation } from '../../../core/operation.js';
import { KMS_DECRYPT, KMS_ENCRYPT } from '../kms.js';
import type { Operations } from '../model.gen.js';
import { addReplicas } from '../replication.js';
import { assertNotDeleted, loadAuthorized, replicationStatus } from '../secrets.js';
import { putSecret } from '../state.js';

type Op = Operations['ReplicateSecretToRegions'];

export const replicateSecretToRegions = defineOperation<Op['input'], Op['output']>({
  name: 'ReplicateSecretToRegions',
  // kms:GenerateDataKey on the replica Regions' keys (API reference, Required permissions).
  actions: ['secretsmanager:ReplicateSecretToRegions', KMS_ENCRYPT, KMS_DECRYPT],
  readOnly: false,
  async handler(input, ctx) {
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:ReplicateSecretToRegions', {
      purge: true,
      extra: {
        'secretsmanager:AddReplicaRegions': input.AddReplicaRegions.map((r) => r.Region ?? ''),
        'secretsmanager:ForceOverwriteReplicaSecret': String(input.ForceOverwriteReplicaSecret ?? false),
      },
    });
    assertNotDeleted(found.rec);
    const rec = await addReplicas(ctx, found.rec, input.AddReplicaRegions, input.ForceOverwriteReplicaSecret === true);
    putSecret(ctx, rec, found.version);
    return { ARN: rec.arn, ReplicationStatus: replicationStatus(rec) ?? [] };
  },
});
