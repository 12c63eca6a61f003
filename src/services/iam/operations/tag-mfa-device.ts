// https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagMFADevice.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedDevice } from '../mfa-tags.js';
import { iamState } from '../state.js';
import { mergeTags, MFA_TAGS, requestTagConditions } from '../tags.js';

type Op = Operations['TagMFADevice'];

export const tagMFADevice = defineOperation<Op['input'], Op['output']>({
  name: 'TagMFADevice',
  actions: ['iam:TagMFADevice'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const dev = await authorizedDevice(ctx, s, input.SerialNumber, 'iam:TagMFADevice', requestTagConditions(input.Tags));
    s.put('mfa', { ...dev, tags: mergeTags(dev.tags, input.Tags, MFA_TAGS) });
    return {};
  },
});
