// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
import { defineOperation } from '../../../core/operation.js';
import { InvalidRequestException, ResourceExistsException } from '../errors.js';
import { decryptVersion, encryptVersion, KMS_DECRYPT, KMS_ENCRYPT } from '../kms.js';
import type { Operations } from '../model.gen.js';
import { addReplicas } from '../replication.js';
import { checkName, CURRENT, equalValue, findSecret, newVersionId, replicationStatus, valueOf, withVersion } from '../secrets.js';
import { newSecretArn, putSecret, SECRET_CODEC_VERSION, type SecretRecord } from '../state.js';
import { checkTags, requestTagConditions } from '../tags.js';

type Op = Operations['CreateSecret'];

export const createSecret = defineOperation<Op['input'], Op['output']>({
  name: 'CreateSecret',
  actions: ['secretsmanager:CreateSecret', 'secretsmanager:TagResource', KMS_ENCRYPT, KMS_DECRYPT],
  readOnly: false,
  async handler(input, ctx) {
    checkName(input.Name);
    const value = valueOf(input, false);
    const tags = checkTags(input.Tags);
    const { found } = await findSecret(ctx, input.Name, true);
    const resource = found?.rec.arn ?? `arn:aws:secretsmanager:${ctx.region}:${ctx.account}:secret:${input.Name}`;
    const conditions = {
      'secretsmanager:Name': input.Name,
      ...(input.Description !== undefined ? { 'secretsmanager:Description': input.Description } : {}),
      ...(input.KmsKeyId !== undefined ? { 'secretsmanager:KmsKeyId': input.KmsKeyId } : {}),
      ...requestTagConditions(tags),
    };
    await ctx.authorize({ action: 'secretsmanager:CreateSecret', resource, conditions });
    // "you must have secretsmanager:TagResource" to tag on creation (CreateSecret API reference).
    if (tags.length > 0) await ctx.authorize({ action: 'secretsmanager:TagResource', resource, conditions });
    if (found !== undefined) {
      const rec = found.rec;
      // "You can't create this secret because a secret with this name is already scheduled for deletion." (aws-facts §2.1) // unverified
      if (rec.deletedMs !== undefined) throw new InvalidRequestException("You can't create this secret because a secret with this name is already scheduled for deletion.");
      // Idempotency: the same token and value again is the same request (ClientRequestToken docs).
      const same = rec.versions.find((v) => v.id === input.ClientRequestToken);
      if (same !== undefined && value !== undefined && equalValue(await decryptVersion(ctx, rec, same), value)) {
        return { ARN: rec.arn, Name: rec.name, VersionId: same.id };
      }
      throw new ResourceExistsException(`The operation failed because the secret ${input.Name} already exists.`); // aws-facts §2.1 // unverified
    }
    const now = ctx.clock.now();
    let rec: SecretRecord = {
      v: SECRET_CODEC_VERSION,
      name: input.Name,
      arn: newSecretArn(ctx.account, ctx.region, input.Name),
      account: ctx.account,
      region: ctx.region,
      createdMs: now,
      lastChangedMs: now,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.KmsKeyId !== undefined ? { kmsKeyId: input.KmsKeyId } : {}),
      tags,
      versions: [],
    };
    ctx.audit.addResource(rec.arn, 'AWS::SecretsManager::Secret');
    let versionId: string | undefined;
    if (value !== undefined) {
      versionId = newVersionId(input.ClientRequestToken);
      rec = withVersion(rec, await encryptVersion(ctx, rec, versionId, value), [CURRENT], now);
    }
    if (input.AddReplicaRegions !== undefined) rec = await addReplicas(ctx, rec, input.AddReplicaRegions, input.ForceOverwriteReplicaSecret === true);
    putSecret(ctx, rec);
    return {
      ARN: rec.arn,
      Name: rec.name,
      ...(versionId !== undefined ? { VersionId: versionId } : {}),
      ...(rec.replicas !== undefined ? { ReplicationStatus: replicationStatus(rec) ?? [] } : {}),
    };
  },
});
