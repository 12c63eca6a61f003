// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectTagging.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditObject, loadBucket } from '../names.js';
import { authorizedObject } from '../read.js';
import { objectParams } from './audit.js';

type Op = Operations['GetObjectTagging'];

export const getObjectTagging = defineOperation<Op['input'], Op['output']>({
  name: 'GetObjectTagging',
  actions: ['s3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:ListBucket'],
  readOnly: true,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i, { tagging: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    const action = input.VersionId !== undefined ? 's3:GetObjectVersionTagging' : 's3:GetObjectTagging';
    const rec = await authorizedObject(ctx, bucket, input.Key, input.VersionId, action);
    return { TagSet: (rec.tags ?? []).map((t) => ({ ...t })), ...(rec.versionId !== undefined ? { VersionId: rec.versionId } : {}) };
  },
});
