// https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdatePrimaryRegion.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { NotFoundException, UnsupportedOperationException } from '../errors.js';
import { assertKeyState, isDeleted, keyArn, loadKey, withTimeApplied } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { isReplica, mrkInfo, setMrkOnRelated } from '../multi-region.js';
import { putKeyRecord, readKeyRecord } from '../state.js';

type Op = Operations['UpdatePrimaryRegion'];

/**
 * Makes the replica in PrimaryRegion the primary key and the current primary a replica. "This
 * operation requires … kms:UpdatePrimaryRegion on the current primary key (in the primary key's
 * Region)" and "on the current replica key (in the replica key's Region)" (API reference).
 */
// Differs from AWS: the change is complete when the answer leaves; AWS shows both keys Updating for a while.
export const updatePrimaryRegion = defineOperation<Op['input'], Op['output']>({
  name: 'UpdatePrimaryRegion',
  actions: ['kms:UpdatePrimaryRegion'],
  readOnly: false,
  async handler(input, ctx) {
    const primary = await loadKey(ctx, input.KeyId, { purge: true });
    const to = input.PrimaryRegion;
    await authorizeKey(ctx, 'kms:UpdatePrimaryRegion', primary, { 'kms:PrimaryRegion': to });
    const rec = primary.rec;
    // unverified: AWS's wording of these refusals.
    if (!rec.multiRegion) throw new UnsupportedOperationException(`${rec.arn} is not a multi-Region key.`);
    if (isReplica(rec)) throw new UnsupportedOperationException(`${rec.arn} is not a multi-Region primary key.`);
    assertKeyState(rec, 'UpdatePrimaryRegion');
    if (to === rec.region) throw new UnsupportedOperationException(`${rec.arn} is already the primary key in ${to}.`);
    const m = mrkInfo(rec);
    const stored = m.replicaRegions.includes(to) ? await readKeyRecord(ctx, rec.account, to, rec.keyId) : undefined;
    if (stored === undefined || isDeleted(stored.rec, ctx.clock.now())) throw new NotFoundException(`Key '${keyArn(rec.account, to, rec.keyId)}' does not exist`);
    const replica = withTimeApplied(ctx, stored, true);
    await authorizeKey(ctx, 'kms:UpdatePrimaryRegion', replica, { 'kms:PrimaryRegion': to });
    assertKeyState(replica.rec, 'UpdatePrimaryRegion');
    const mrk = { primaryRegion: to, replicaRegions: [...m.replicaRegions.filter((r) => r !== to), rec.region] };
    putKeyRecord(ctx, { ...rec, mrk });
    putKeyRecord(ctx, { ...replica.rec, mrk });
    await setMrkOnRelated(ctx, rec, mrk, [rec.region, to]);
    return {};
  },
});
