// https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { tagConditions } from '../conditions.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { putKeyRecord } from '../state.js';
import { validateTags } from '../tags.js';

type Op = Operations['TagResource'];

export const tagResource = defineOperation<Op['input'], Op['output']>({
  name: 'TagResource',
  actions: ['kms:TagResource'],
  readOnly: false,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    await authorizeKey(ctx, 'kms:TagResource', key, tagConditions(input.Tags, {}));
    assertKeyState(key.rec, 'TagResource');
    putKeyRecord(ctx, { ...key.rec, tags: validateTags(input.Tags, key.rec.tags) }, key.version);
    return {};
  },
});
