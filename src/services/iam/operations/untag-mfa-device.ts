// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagMFADevice.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedDevice } from '../mfa-tags.js';
import { iamState } from '../state.js';
import { MFA_TAGS, removeTags } from '../tags.js';

type Op = Operations['UntagMFADevice'];

export const untagMFADevice = defineOperation<Op['input'], Op['output']>({
  name: 'UntagMFADevice',
  actions: ['iam:UntagMFADevice'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const dev = await authorizedDevice(ctx, s, input.SerialNumber, 'iam:UntagMFADevice', { 'aws:TagKeys': input.TagKeys });
    s.put('mfa', { ...dev, tags: removeTags(dev.tags, input.TagKeys, MFA_TAGS) });
    return {};
  },
});
