import type { OperationMap } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { batchGetSecretValue } from './batch-get-secret-value.js';
import { cancelRotateSecret } from './cancel-rotate-secret.js';
import { createSecret } from './create-secret.js';
import { deleteResourcePolicy } from './delete-resource-policy.js';
import { deleteSecret } from './delete-secret.js';
import { describeSecret } from './describe-secret.js';
import { getRandomPassword } from './get-random-password.js';
import { getResourcePolicy } from './get-resource-policy.js';
import { getSecretValue } from './get-secret-value.js';
import { listSecretVersionIds } from './list-secret-version-ids.js';
import { listSecrets } from './list-secrets.js';
import { putResourcePolicy } from './put-resource-policy.js';
import { putSecretValue } from './put-secret-value.js';
import { removeRegionsFromReplication } from './remove-regions-from-replication.js';
import { replicateSecretToRegions } from './replicate-secret-to-regions.js';
import { restoreSecret } from './restore-secret.js';
import { rotateSecret } from './rotate-secret.js';
import { stopReplicationToReplica } from './stop-replication-to-replica.js';
import { tagResource } from './tag-resource.js';
import { untagResource } from './untag-resource.js';
import { updateSecret } from './update-secret.js';
import { updateSecretVersionStage } from './update-secret-version-stage.js';
import { validateResourcePolicyOp } from './validate-resource-policy.js';

export const operations = {
  BatchGetSecretValue: batchGetSecretValue,
  CancelRotateSecret: cancelRotateSecret,
  CreateSecret: createSecret,
  DeleteResourcePolicy: deleteResourcePolicy,
  DeleteSecret: deleteSecret,
  DescribeSecret: describeSecret,
  GetRandomPassword: getRandomPassword,
  GetResourcePolicy: getResourcePolicy,
  GetSecretValue: getSecretValue,
  ListSecretVersionIds: listSecretVersionIds,
  ListSecrets: listSecrets,
  PutResourcePolicy: putResourcePolicy,
  PutSecretValue: putSecretValue,
  RemoveRegionsFromReplication: removeRegionsFromReplication,
  ReplicateSecretToRegions: replicateSecretToRegions,
  RestoreSecret: restoreSecret,
  RotateSecret: rotateSecret,
  StopReplicationToReplica: stopReplicationToReplica,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateSecret: updateSecret,
  UpdateSecretVersionStage: updateSecretVersionStage,
  ValidateResourcePolicy: validateResourcePolicyOp,
} satisfies OperationMap<Operations>;
