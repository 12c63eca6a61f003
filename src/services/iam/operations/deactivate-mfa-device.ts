// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeactivateMFADevice.html
import { defineOperation } from '../../../core/operation.js';
import { accessKeyUserName, authorizedEntity } from '../entities.js';
import { mfaNotAssigned } from '../errors.js';
import { findDevice } from '../mfa.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['DeactivateMFADevice'];

export const deactivateMFADevice = defineOperation<Op['input'], Op['output']>({
  name: 'DeactivateMFADevice',
  actions: ['iam:DeactivateMFADevice'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    // Differs from AWS: without UserName the caller must be an IAM user (root's MFA is console-only in Warden).
    const user = await authorizedEntity(ctx, s, 'user', accessKeyUserName(ctx, input.UserName), 'iam:DeactivateMFADevice');
    const dev = await findDevice(s, input.SerialNumber);
    if (dev === undefined || dev.user?.toLowerCase() !== user.name.toLowerCase()) throw mfaNotAssigned(input.SerialNumber, user.name);
    // A virtual device stays, unassigned, until DeleteVirtualMFADevice; its seed and counters stay with it.
    const { user: _user, enabledMs: _enabled, ...rest } = dev;
    s.put('mfa', rest);
    return {};
  },
});
