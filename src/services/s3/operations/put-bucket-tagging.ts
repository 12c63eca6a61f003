// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html
import { defineOperation } from '../../../core/operation.js';
import { InvalidTag, MalformedXML, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['PutBucketTagging'];

export const putBucketTagging = defineOperation<Op['input'], Op['output']>({
  name: 'PutBucketTagging',
  actions: ['s3:PutBucketTagging'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { tagging: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutBucketTagging', bucket);
    const tags = input.Tagging?.TagSet;
    if (tags === undefined) throw new MalformedXML(MESSAGES.malformedXml);
    // Tag rules: 50 tags, keys ≤ 128, values ≤ 256, unique keys, no aws: prefix (UserGuide, tagging). Texts unverified.
    if (tags.length > 50) throw new InvalidTag('Object tags cannot be greater than 50');
    const seen = new Set<string>();
    for (const t of tags) {
      if (t.Key.length === 0 || t.Key.length > 128) throw new InvalidTag('The TagKey you have provided is invalid', { TagKey: t.Key });
      if (t.Value.length > 256) throw new InvalidTag('The TagValue you have provided is invalid', { TagKey: t.Key, TagValue: t.Value });
      if (t.Key.toLowerCase().startsWith('aws:')) throw new InvalidTag('System tags cannot be added/updated by requester');
      if (seen.has(t.Key)) throw new InvalidTag('Cannot provide multiple Tags with the same key', { TagKey: t.Key });
      seen.add(t.Key);
    }
    writeBucket(ctx.tx, { ...bucket, tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) });
    return {};
  },
});
