// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html
import { defineOperation } from '../../../core/operation.js';
import { MalformedXML, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditObject, loadBucket } from '../names.js';
import { authorizedObject } from '../read.js';
import { checkObjectTags, requestTagConditions } from '../tagging.js';
import { rewriteVersion } from '../versions.js';
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
    const action = input.VersionId !== undefined ? 's3:PutObjectVersionTagging' : 's3:PutObjectTagging';
    const rec = await authorizedObject(ctx, bucket, input.Key, input.VersionId, action, requestTagConditions(tags));
    await rewriteVersion(ctx.tx, { ...rec, tags });
    return rec.versionId !== undefined ? { VersionId: rec.versionId } : {};
  },
});
