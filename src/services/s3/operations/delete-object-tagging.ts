// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjectTagging.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditObject, loadBucket } from '../names.js';
import { authorizedObject } from '../read.js';
import { rewriteVersion } from '../versions.js';
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
    const rec = await authorizedObject(ctx, bucket, input.Key, input.VersionId, action);
    const { tags: _t, ...rest } = rec;
    await rewriteVersion(ctx.tx, rest);
    return rec.versionId !== undefined ? { VersionId: rec.versionId } : {};
  },
});
