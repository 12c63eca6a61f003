// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateServiceLastAccessedDetails.html
import { randomUUID } from 'node:crypto';
import { defineOperation } from '../../../core/operation.js';
import { runJob } from '../access-advisor.js';
import type { Operations } from '../model.gen.js';
import { responseAudit } from '../shapes.js';
import { iamState } from '../state.js';

type Op = Operations['GenerateServiceLastAccessedDetails'];

/** Differs from AWS: the job is computed at once (AWS answers IN_PROGRESS for a while). */
export const generateServiceLastAccessedDetails = defineOperation<Op['input'], Op['output']>({
  name: 'GenerateServiceLastAccessedDetails',
  actions: ['iam:GenerateServiceLastAccessedDetails'],
  readOnly: false,
  // unverified: CloudTrail's responseElements carry the jobId (as for other operations that create something).
  audit: { response: responseAudit('GenerateServiceLastAccessedDetailsResponse') },
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:GenerateServiceLastAccessedDetails', resource: input.Arn });
    const job = await runJob(ctx, input.Arn, input.Granularity ?? 'SERVICE_LEVEL');
    const JobId = randomUUID();
    iamState(ctx.tx, ctx.account).putAccessAdvisorJob(JobId, job);
    return { JobId };
  },
});
