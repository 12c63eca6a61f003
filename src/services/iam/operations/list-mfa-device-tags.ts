// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListMFADeviceTags.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedDevice } from '../mfa-tags.js';
import { pageFields, paginate } from '../paging.js';
import { iamState } from '../state.js';
import { sortedTags } from '../tags.js';

type Op = Operations['ListMFADeviceTags'];

export const listMFADeviceTags = defineOperation<Op['input'], Op['output']>({
  name: 'ListMFADeviceTags',
  actions: ['iam:ListMFADeviceTags'],
  readOnly: true,
  async handler(input, ctx) {
    const dev = await authorizedDevice(ctx, iamState(ctx.tx, ctx.account), input.SerialNumber, 'iam:ListMFADeviceTags');
    const page = paginate(sortedTags(dev.tags), (t) => t.Key, input);
    return { Tags: page.items, ...pageFields(page) };
  },
});
