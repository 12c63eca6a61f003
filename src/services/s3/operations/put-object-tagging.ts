// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html
import { defineOperation } from '../../../core/operation.js';
import { MalformedXML, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditObject, authorizeS3, loadBucket } from '../names.js';
import { findObject } from '../read.js';
import { readObject, writeObject, writeVersion } from '../state.js';
import { checkObjectTags, existingTagConditions, requestTagConditions } from '../tagging.js';
import { objectParams } from './audit.js';

type Op = Operations['PutObjectTagging'];

export const putObjectTagging = defineOperation<Op['input'], Op['output']>({
  name: 'PutObjectTagging',
  actions: ['s3:PutObjectTagging', 's3:PutObjectVersionTagging', 's3:ListBucket'],
  readOnly: false,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i, { tagging: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    const tagSet = input.Tagging?.TagSet;
    if (tagSet === undefined) throw new MalformedXML(MESSAGES.malformedXml);
    const tags = checkObjectTags(tagSet);
    const rec = await findObject(ctx, bucket, input.Key, input.VersionId, async () => {
      await authorizeS3(ctx, input.VersionId !== undefined ? 's3:PutObjectVersionTagging' : 's3:PutObjectTagging', bucket, input.Key, requestTagConditions(tags));
    });
    await authorizeS3(ctx, input.VersionId !== undefined ? 's3:PutObjectVersionTagging' : 's3:PutObjectTagging', bucket, input.Key, { ...existingTagConditions(rec.tags), ...requestTagConditions(tags) });
    const updated = { ...rec, tags };
    const current = await readObject(ctx.tx, bucket.name, input.Key);
    if (current !== undefined && current.versionId === rec.versionId) writeObject(ctx.tx, updated);
    else writeVersion(ctx.tx, updated);
    return rec.versionId !== undefined ? { VersionId: rec.versionId } : {};
  },
});
