// https://docs.aws.amazon.com/kms/latest/APIReference/API_ListResourceTags.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['ListResourceTags'];

// "must be between 1 and 50, inclusive. If you do not include a value, it defaults to 50." (API reference)
const MAX_LIMIT = 50;

export const listResourceTags = defineOperation<Op['input'], Op['output']>({
  name: 'ListResourceTags',
  actions: ['kms:ListResourceTags'],
  readOnly: true,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId);
    await authorizeKey(ctx, 'kms:ListResourceTags', key);
    assertKeyState(key.rec, 'ListResourceTags');
    const limit = Math.min(input.Limit ?? MAX_LIMIT, MAX_LIMIT);
    // Pages in tag key order; the marker is the last tag key returned.
    const sorted = [...key.rec.tags].sort((a, b) => (a.TagKey < b.TagKey ? -1 : a.TagKey > b.TagKey ? 1 : 0));
    const rest = input.Marker === undefined ? sorted : sorted.filter((t) => t.TagKey > input.Marker!);
    const page = rest.slice(0, limit);
    return rest.length > limit ? { Tags: page, NextMarker: page[page.length - 1]!.TagKey, Truncated: true } : { Tags: page, Truncated: false };
  },
});
