// https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html
import { defineOperation, type JsonObject } from '../../../core/operation.js';
import { authorizeKey, lowerFirstKeys, trailDate } from '../common.js';
import { tagConditions } from '../conditions.js';
import { AlreadyExistsException, UnsupportedOperationException } from '../errors.js';
import { assertKeyState, keyArn, loadKey, sweepDeletedKeys } from '../keys.js';
import type { KeyMetadata, Operations } from '../model.gen.js';
import { isReplica, mrkInfo, setMrkOnRelated, sharedFrom } from '../multi-region.js';
import { defaultKeyPolicy, validateKeyPolicy } from '../policy.js';
import { keyMetadata } from '../specs.js';
import { KEY_CODEC_VERSION, keyPath, putKeyRecord, readKeyRecord, type KeyRecord } from '../state.js';
import { validateTags } from '../tags.js';

type Op = Operations['ReplicateKey'];

/** CloudTrail spells nested member names with a lower-case first letter (`aWSAccountId`, ct-replicate-key.html). */
function lowerDeep(v: unknown): JsonObject[string] {
  if (v instanceof Date) return trailDate(v.getTime());
  if (Array.isArray(v)) return v.map(lowerDeep);
  if (typeof v === 'object' && v !== null) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k[0]!.toLowerCase() + k.slice(1)] = lowerDeep(x);
    return out;
  }
  return v as JsonObject[string];
}

export const replicateKey = defineOperation<Op['input'], Op['output']>({
  name: 'ReplicateKey',
  actions: ['kms:ReplicateKey', 'kms:CreateKey'],
  readOnly: false,
  audit: {
    // The event carries the defaults the request left out (ct-replicate-key.html).
    request: (input) =>
      lowerFirstKeys({
        keyId: input.KeyId,
        replicaRegion: input.ReplicaRegion,
        policy: input.Policy,
        bypassPolicyLockoutSafetyCheck: input.BypassPolicyLockoutSafetyCheck ?? false,
        description: input.Description ?? '',
        tags: input.Tags?.map((t) => ({ tagKey: t.TagKey, tagValue: t.TagValue })),
      }),
    response: (out) => ({ replicaKeyMetadata: lowerDeep(out.ReplicaKeyMetadata), ...(out.ReplicaPolicy !== undefined ? { replicaPolicy: out.ReplicaPolicy } : {}) }),
  },
  async handler(input, ctx) {
    const primary = await loadKey(ctx, input.KeyId, { purge: true });
    const replicaRegion = input.ReplicaRegion;
    await authorizeKey(ctx, 'kms:ReplicateKey', primary, { 'kms:ReplicaRegion': replicaRegion });
    // "kms:CreateKey in an IAM policy in the replica Region" (API reference, Required permissions).
    await ctx.authorize({
      action: 'kms:CreateKey',
      resource: '*',
      conditions: tagConditions(input.Tags, {
        'kms:CallerAccount': ctx.account,
        'kms:KeySpec': primary.rec.keySpec,
        'kms:KeyUsage': primary.rec.keyUsage,
        'kms:KeyOrigin': primary.rec.origin,
        'kms:MultiRegion': 'true',
        'kms:MultiRegionKeyType': 'REPLICA',
        'kms:BypassPolicyLockoutSafetyCheck': String(input.BypassPolicyLockoutSafetyCheck === true),
      }),
    });
    const rec = primary.rec;
    // unverified: AWS's wording of these refusals.
    if (!rec.multiRegion) throw new UnsupportedOperationException(`${rec.arn} is not a multi-Region key.`);
    if (isReplica(rec)) throw new UnsupportedOperationException(`${rec.arn} is not a multi-Region primary key.`);
    assertKeyState(rec, 'ReplicateKey');
    const m = mrkInfo(rec);
    const replicaArn = keyArn(rec.account, replicaRegion, rec.keyId);
    if (replicaRegion === rec.region || m.replicaRegions.includes(replicaRegion) || (await readKeyRecord(ctx, rec.account, replicaRegion, rec.keyId)) !== undefined) {
      throw new AlreadyExistsException(`Replica key ${replicaArn} already exists.`); // unverified
    }
    if (input.Policy !== undefined) validateKeyPolicy(input.Policy, ctx.principal, input.BypassPolicyLockoutSafetyCheck === true);
    const tags = validateTags(input.Tags, []);
    await sweepDeletedKeys(ctx, rec.account, replicaRegion);

    const now = ctx.clock.now();
    const mrk = { primaryRegion: rec.region, replicaRegions: [...m.replicaRegions, replicaRegion] };
    const shared = sharedFrom(ctx, primary, keyPath(rec.account, replicaRegion, rec.keyId));
    const replica: KeyRecord = {
      v: KEY_CODEC_VERSION,
      keyId: rec.keyId,
      account: rec.account,
      region: replicaRegion,
      arn: replicaArn,
      createdMs: now,
      description: input.Description ?? '',
      keySpec: rec.keySpec,
      keyUsage: rec.keyUsage,
      origin: rec.origin,
      keyManager: 'CUSTOMER',
      // Imported material is imported into each related key separately (multi-region-keys-import.html).
      state: rec.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
      multiRegion: true,
      mrk,
      policy: input.Policy ?? defaultKeyPolicy(rec.account),
      tags,
      aliases: [],
      ...shared,
      ...(rec.importedDigest !== undefined ? { importedDigest: rec.importedDigest } : {}),
    };
    putKeyRecord(ctx, replica, 0);
    putKeyRecord(ctx, { ...rec, mrk }, primary.version);
    await setMrkOnRelated(ctx, replica, mrk, [rec.region, replicaRegion]); // the other replicas learn of the new one
    ctx.audit.addResource(replicaArn, 'AWS::KMS::Key', rec.account);
    // AWS answers while the replica is still being created (ct-replicate-key.html: keyState
    // Creating, enabled false). Differs from AWS: Warden's replica is ready when the answer leaves.
    const metadata: KeyMetadata = keyMetadata(replica);
    if (replica.state === 'Enabled') Object.assign(metadata, { KeyState: 'Creating', Enabled: false });
    return { ReplicaKeyMetadata: metadata, ReplicaPolicy: replica.policy, ReplicaTags: tags };
  },
});
