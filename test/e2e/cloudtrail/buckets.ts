import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import type { TrailObjectReader } from '../../../src/audit/trail-validate.js';
import type { Running } from '../../harness.js';

export const ACCOUNT = '000000000000';

/**
 * AWS's documented bucket policy for a trail (create-s3-bucket-policy-for-cloudtrail.html):
 * AWSCloudTrailAclCheck (s3:GetBucketAcl on the bucket) and AWSCloudTrailWrite (s3:PutObject on
 * `[prefix/]AWSLogs/<account>/*` with the bucket-owner-full-control ACL), both for this trail's
 * aws:SourceArn.
 */
export function cloudTrailBucketPolicy(bucket: string, o: { trailName: string; prefix?: string; account?: string; region?: string }): object {
  const account = o.account ?? ACCOUNT;
  const sourceArn = `arn:aws:cloudtrail:${o.region ?? 'us-east-1'}:${account}:trail/${o.trailName}`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AWSCloudTrailAclCheck20150319',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: `arn:aws:s3:::${bucket}`,
        Condition: { StringEquals: { 'aws:SourceArn': sourceArn } },
      },
      {
        Sid: 'AWSCloudTrailWrite20150319',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${bucket}/${o.prefix ? `${o.prefix}/` : ''}AWSLogs/${account}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': sourceArn } },
      },
    ],
  };
}

/** An S3 client of the test account. */
export const s3Of = (w: Running | { url: string }, credentials = { accessKeyId: 'test', secretAccessKey: 'test' }): S3Client =>
  'client' in w ? w.client(S3Client, { forcePathStyle: true }) : new S3Client({ endpoint: w.url, region: 'us-east-1', credentials, forcePathStyle: true, maxAttempts: 1 });

/** Creates `bucket` with the documented CloudTrail policy statements for each trail (and key prefix) given. */
export async function trailBucket(w: Running | { url: string }, bucket: string, ...trails: { trailName: string; prefix?: string; region?: string }[]): Promise<void> {
  const s3 = s3Of(w);
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const statements = trails.flatMap((t, n) => (cloudTrailBucketPolicy(bucket, t) as { Statement: { Sid: string }[] }).Statement.map((s) => ({ ...s, Sid: `${s.Sid}n${n}` })));
  if (statements.length > 0) await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }));
}

/** Polls `f` until it gives a value (delivery runs on a timer). */
export const until = async <T>(what: string, f: () => Promise<T | undefined>, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** Keys under a prefix, through ListObjectsV2. */
export const keysOf = async (s3: S3Client, bucket: string, prefix = ''): Promise<string[]> =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!).sort();

/** Validation reads the trail's objects with GetObject, as `aws cloudtrail validate-logs` does. */
export const s3Reader = (s3: S3Client): TrailObjectReader => ({
  async get(bucket, key) {
    try {
      const o = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return { body: await o.Body!.transformToByteArray(), metadata: o.Metadata ?? {} };
    } catch (e) {
      if ((e as { name?: string }).name === 'NoSuchKey') return undefined;
      throw e;
    }
  },
});
