// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateVirtualMFADevice.html
import { defineOperation } from '../../../core/operation.js';
import { mfaExists } from '../errors.js';
import { mfaArn, otpauthUri } from '../mfa.js';
import type { Operations } from '../model.gen.js';
import { qrCodePng } from '../qr-png.js';
import { responseAudit } from '../shapes.js';
import { iamState, type MfaRecord } from '../state.js';
import { authorizeCreate, checkTags, MFA_TAGS } from '../tags.js';
import { newSeed } from '../totp.js';

type Op = Operations['CreateVirtualMFADevice'];

export const createVirtualMFADevice = defineOperation<Op['input'], Op['output']>({
  name: 'CreateVirtualMFADevice',
  actions: ['iam:CreateVirtualMFADevice', 'iam:TagMFADevice'],
  readOnly: false,
  // The seed and the QR code are `sensitive` in the model: only the serial number is recorded.
  audit: { response: responseAudit('CreateVirtualMFADeviceResponse') },
  async handler(input, ctx) {
    const path = input.Path ?? '/';
    const arn = mfaArn(ctx.account, path, input.VirtualMFADeviceName);
    await authorizeCreate(ctx, 'iam:CreateVirtualMFADevice', 'iam:TagMFADevice', arn, input.Tags);
    const tags = checkTags(input.Tags, MFA_TAGS);
    const s = iamState(ctx.tx, ctx.account);
    // Names are unique per account whatever the path (a device is found by name).
    if ((await s.get('mfa', input.VirtualMFADeviceName)) !== undefined) throw mfaExists();
    const seed = newSeed();
    const rec: MfaRecord = {
      v: 1,
      name: input.VirtualMFADeviceName,
      path,
      arn,
      createdMs: ctx.clock.now(),
      seed: s.sealMfaSeed(ctx.barrier, input.VirtualMFADeviceName, seed),
      tags,
      drift: 0,
      lastStep: 0,
    };
    s.put('mfa', rec, true);
    ctx.audit.addResource(arn, 'AWS::IAM::VirtualMFADevice');
    return {
      VirtualMFADevice: {
        SerialNumber: arn,
        Base32StringSeed: Buffer.from(seed, 'ascii'),
        QRCodePNG: qrCodePng(otpauthUri(input.VirtualMFADeviceName, ctx.account, seed)),
        ...(tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {}),
      },
    };
  },
});
