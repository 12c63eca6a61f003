// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RemoveRegionsFromReplication.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { removeReplicas } from '../replication.js';
import { loadAuthorized, replicationStatus } from '../secrets.js';
import { putSecret } from '../state.js';

type Op = Operations['RemoveRegionsFromReplication'];

/** Deletes the replicas in those Regions. */
export const removeRegionsFromReplication = defineOperation<Op['input'], Op['output']>({
  name: 'RemoveRegionsFromReplication',
  actions: ['secretsmanager:RemoveRegionsFromReplication'],
  readOnly: false,
  async handler(input, ctx) {
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:RemoveRegionsFromReplication', { purge: true });
    const rec = await removeReplicas(ctx, found.rec, input.RemoveReplicaRegions);
    putSecret(ctx, rec, found.version);
    return { ARN: rec.arn, ReplicationStatus: replicationStatus(rec) ?? [] };
  },
});
