// https://docs.aws.amazon.com/kms/latest/APIReference/API_UntagResource.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { putKeyRecord } from '../state.js';

type Op = Operations['UntagResource'];

export const untagResource = defineOperation<Op['input'], Op['output']>({
  name: 'UntagResource',
  actions: ['kms:UntagResource'],
  readOnly: false,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    await authorizeKey(ctx, 'kms:UntagResource', key, { 'aws:TagKeys': input.TagKeys });
    assertKeyState(key.rec, 'UntagResource');
    // Removing a tag the key does not have is not an error (LocalStack's AWS-validated test).
    const drop = new Set(input.TagKeys);
    putKeyRecord(ctx, { ...key.rec, tags: key.rec.tags.filter((t) => !drop.has(t.TagKey)) }, key.version);
    return {};
  },
});
