// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_StopReplicationToReplica.html
import { defineOperation } from '../../../core/operation.js';
import { InvalidRequestException } from '../errors.js';
import { KMS_DECRYPT, KMS_ENCRYPT } from '../kms.js';
import type { Operations } from '../model.gen.js';
import { promote } from '../replication.js';
import { loadAuthorized } from '../secrets.js';
import { putSecret, readSecret } from '../state.js';

type Op = Operations['StopReplicationToReplica'];

/** Called in the replica's Region: the replica becomes a standalone secret and leaves its primary's list. */
export const stopReplicationToReplica = defineOperation<Op['input'], Op['output']>({
  name: 'StopReplicationToReplica',
  actions: ['secretsmanager:StopReplicationToReplica', KMS_ENCRYPT, KMS_DECRYPT],
  readOnly: false,
  async handler(input, ctx) {
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:StopReplicationToReplica');
    // unverified: AWS's text for a secret that is not a replica.
    if (found.replica === undefined) throw new InvalidRequestException('The secret is not a replica secret. Call StopReplicationToReplica on a replica in its Region.');
    const standalone = await promote(ctx, found.rec, found.replica);
    putSecret(ctx, standalone, found.version);
    const primary = await readSecret(ctx, found.replica.account, found.replica.primaryRegion!, found.replica.name);
    if (primary !== undefined) {
      putSecret(ctx, { ...primary.rec, replicas: (primary.rec.replicas ?? []).filter((r) => r.region !== ctx.region) }, primary.version);
    }
    return { ARN: standalone.arn };
  },
});
