// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_ListPublicKeys.html
import { defineOperation } from '../../../core/operation.js';
import { InvalidTimeRangeException } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { currentSigningKey, listSigningKeys } from '../signing-keys.js';

type Op = Operations['ListPublicKeys'];

export const listPublicKeys = defineOperation<Op['input'], Op['output']>({
  name: 'ListPublicKeys',
  actions: ['cloudtrail:ListPublicKeys'],
  readOnly: true,
  // The Region's first key is made on first need, which may be this call.
  writesState: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'cloudtrail:ListPublicKeys', resource: '*' });
    const now = ctx.clock.now();
    // "If neither StartTime nor EndTime is specified, the public key for the current time is returned."
    const start = input.StartTime?.getTime() ?? input.EndTime?.getTime() ?? now;
    const end = input.EndTime?.getTime() ?? now;
    // unverified: message text.
    if (start > end) throw new InvalidTimeRangeException('Start time must be before end time.');
    await currentSigningKey(ctx.tx, ctx.barrier, ctx.region, now);
    // Differs from AWS: one page (a Region has one key a year).
    const keys = (await listSigningKeys(ctx.tx, ctx.region)).filter((k) => k.validFromMs <= end && start < k.validToMs);
    return {
      PublicKeyList: keys.map((k) => ({
        Value: k.publicDer,
        ValidityStartTime: new Date(k.validFromMs),
        ValidityEndTime: new Date(k.validToMs),
        Fingerprint: k.fingerprint,
      })),
    };
  },
});
