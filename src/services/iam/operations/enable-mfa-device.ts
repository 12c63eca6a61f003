// https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableMFADevice.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedEntity } from '../entities.js';
import { invalidAuthenticationCode, mfaInUse, mfaQuota, noSuchMfa } from '../errors.js';
import { acceptPair, devicesOf, findDevice, synced } from '../mfa.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['EnableMFADevice'];

const MAX_DEVICES = 8;

export const enableMFADevice = defineOperation<Op['input'], Op['output']>({
  name: 'EnableMFADevice',
  actions: ['iam:EnableMFADevice'],
  readOnly: false,
  // The two codes are one-time passwords: never recorded.
  audit: { request: (input) => ({ userName: input.UserName, serialNumber: input.SerialNumber }) },
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const user = await authorizedEntity(ctx, s, 'user', input.UserName, 'iam:EnableMFADevice');
    const dev = await findDevice(s, input.SerialNumber);
    if (dev === undefined) throw noSuchMfa(input.SerialNumber);
    if (dev.user !== undefined) throw mfaInUse();
    if ((await devicesOf(s, user.name)).length >= MAX_DEVICES) throw mfaQuota();
    const now = ctx.clock.now();
    const step = acceptPair(ctx.barrier, s, dev, input.AuthenticationCode1, input.AuthenticationCode2, now, false);
    if (step === undefined) throw invalidAuthenticationCode();
    s.put('mfa', { ...synced(dev, step, now), user: user.name, enabledMs: now });
    ctx.audit.addResource(dev.arn, 'AWS::IAM::VirtualMFADevice');
    return {};
  },
});
