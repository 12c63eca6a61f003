// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ResyncMFADevice.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedEntity } from '../entities.js';
import { invalidAuthenticationCode, mfaNotAssigned } from '../errors.js';
import { acceptPair, findDevice, synced } from '../mfa.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['ResyncMFADevice'];

export const resyncMFADevice = defineOperation<Op['input'], Op['output']>({
  name: 'ResyncMFADevice',
  actions: ['iam:ResyncMFADevice'],
  readOnly: false,
  audit: { request: (input) => ({ userName: input.UserName, serialNumber: input.SerialNumber }) },
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const user = await authorizedEntity(ctx, s, 'user', input.UserName, 'iam:ResyncMFADevice');
    const dev = await findDevice(s, input.SerialNumber);
    if (dev === undefined || dev.user?.toLowerCase() !== user.name.toLowerCase()) throw mfaNotAssigned(input.SerialNumber, user.name);
    const now = ctx.clock.now();
    const step = acceptPair(ctx.barrier, s, dev, input.AuthenticationCode1, input.AuthenticationCode2, now, true);
    if (step === undefined) throw invalidAuthenticationCode();
    s.put('mfa', synced(dev, step, now));
    return {};
  },
});
