// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteVirtualMFADevice.html
import { defineOperation } from '../../../core/operation.js';
import { mfaStillEnabled, noSuchMfa } from '../errors.js';
import { findDevice } from '../mfa.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';
import { resourceTagConditions } from '../tags.js';

type Op = Operations['DeleteVirtualMFADevice'];

export const deleteVirtualMFADevice = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteVirtualMFADevice',
  actions: ['iam:DeleteVirtualMFADevice'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const dev = await findDevice(s, input.SerialNumber);
    await ctx.authorize({ action: 'iam:DeleteVirtualMFADevice', resource: input.SerialNumber, conditions: resourceTagConditions(dev?.tags) });
    if (dev === undefined) throw noSuchMfa(input.SerialNumber);
    if (dev.user !== undefined) throw mfaStillEnabled();
    s.remove('mfa', dev.name);
    return {};
  },
});
