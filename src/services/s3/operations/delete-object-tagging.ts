// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjectTagging.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditObject, authorizeS3, loadBucket } from '../names.js';
import { findObject } from '../read.js';
import { readObject, writeObject, writeVersion } from '../state.js';
import { existingTagConditions } from '../tagging.js';
import { objectParams } from './audit.js';

type Op = Operations['DeleteObjectTagging'];

export const deleteObjectTagging = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteObjectTagging',
  actions: ['s3:DeleteObjectTagging', 's3:DeleteObjectVersionTagging', 's3:ListBucket'],
  readOnly: false,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i, { tagging: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    const action = input.VersionId !== undefined ? 's3:DeleteObjectVersionTagging' : 's3:DeleteObjectTagging';
    const rec = await findObject(ctx, bucket, input.Key, input.VersionId, () => authorizeS3(ctx, action, bucket, input.Key));
    await authorizeS3(ctx, action, bucket, input.Key, existingTagConditions(rec.tags));
    const { tags: _t, ...rest } = rec;
    const current = await readObject(ctx.tx, bucket.name, input.Key);
    if (current !== undefined && current.versionId === rec.versionId) writeObject(ctx.tx, rest);
    else writeVersion(ctx.tx, rest);
    return rec.versionId !== undefined ? { VersionId: rec.versionId } : {};
  },
});
