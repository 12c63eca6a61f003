// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
import { defineOperation } from '../../../core/operation.js';
import { invalidArgument } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { bucketArn, canonicalUserId } from '../names.js';
import { allBuckets } from '../state.js';

type Op = Operations['ListBuckets'];

export const listBuckets = defineOperation<Op['input'], Op['output']>({
  name: 'ListBuckets',
  actions: ['s3:ListAllMyBuckets'],
  readOnly: true,
  audit: { request: () => ({}) },
  async handler(input, ctx) {
    await ctx.authorize({ action: 's3:ListAllMyBuckets', resource: '*' });
    const max = input.MaxBuckets ?? 10_000;
    if (max < 1 || max > 10_000) throw invalidArgument('Argument max-buckets must be an integer between 1 and 10000', 'max-buckets', String(max)); // unverified wording
    let after: string | undefined;
    if (input.ContinuationToken !== undefined) after = Buffer.from(input.ContinuationToken, 'base64').toString('utf8');
    const mine = (await allBuckets(ctx.tx))
      .filter((b) => b.account === ctx.account)
      .filter((b) => input.Prefix === undefined || b.name.startsWith(input.Prefix))
      .filter((b) => input.BucketRegion === undefined || b.region === input.BucketRegion)
      .filter((b) => after === undefined || b.name > after)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const page = mine.slice(0, max);
    const truncated = mine.length > max;
    return {
      Buckets: page.map((b) => ({ Name: b.name, CreationDate: new Date(b.createdMs), BucketRegion: b.region, BucketArn: bucketArn(b.name) })),
      // AWS stopped returning Owner.DisplayName in 2025 (S3 announcement of its removal).
      Owner: { ID: canonicalUserId(ctx.account) },
      ...(truncated ? { ContinuationToken: Buffer.from(page[page.length - 1]!.name, 'utf8').toString('base64') } : {}),
      ...(input.Prefix !== undefined ? { Prefix: input.Prefix } : {}),
    };
  },
});
