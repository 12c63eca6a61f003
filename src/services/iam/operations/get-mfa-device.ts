// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetMFADevice.html
import { defineOperation } from '../../../core/operation.js';
import { accessKeyUserName, authorizedEntity } from '../entities.js';
import { mfaNotAssigned } from '../errors.js';
import { findDevice } from '../mfa.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['GetMFADevice'];

export const getMFADevice = defineOperation<Op['input'], Op['output']>({
  name: 'GetMFADevice',
  actions: ['iam:GetMFADevice'],
  readOnly: true,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const user = await authorizedEntity(ctx, s, 'user', accessKeyUserName(ctx, input.UserName), 'iam:GetMFADevice');
    const dev = await findDevice(s, input.SerialNumber);
    if (dev === undefined || dev.user?.toLowerCase() !== user.name.toLowerCase()) throw mfaNotAssigned(input.SerialNumber, user.name);
    // Certifications describe FIDO security keys; virtual devices have none.
    return { UserName: user.name, SerialNumber: dev.arn, EnableDate: new Date(dev.enabledMs ?? dev.createdMs) };
  },
});
