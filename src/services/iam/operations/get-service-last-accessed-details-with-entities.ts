// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetailsWithEntities.html
import { defineOperation } from '../../../core/operation.js';
import { requireJob } from '../access-advisor.js';
import type { EntityDetails, Operations } from '../model.gen.js';
import { pageFields, paginate } from '../paging.js';

type Op = Operations['GetServiceLastAccessedDetailsWithEntities'];

/** The job's entities with their newest attempt at one service; a service the job does not list has none. */
export const getServiceLastAccessedDetailsWithEntities = defineOperation<Op['input'], Op['output']>({
  name: 'GetServiceLastAccessedDetailsWithEntities',
  actions: ['iam:GetServiceLastAccessedDetailsWithEntities'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:GetServiceLastAccessedDetailsWithEntities', resource: '*' });
    const job = await requireJob(ctx, input.JobId);
    const service = job.services.find((s) => s.namespace === input.ServiceNamespace);
    const page = paginate(service?.entities ?? [], (e) => e.info.Arn, input);
    return {
      JobStatus: 'COMPLETED',
      JobCreationDate: new Date(job.createdMs),
      JobCompletionDate: new Date(job.completedMs),
      EntityDetailsList: page.items.map((e): EntityDetails => ({ EntityInfo: e.info, ...(e.lastMs !== undefined ? { LastAuthenticated: new Date(e.lastMs) } : {}) })),
      ...pageFields(page),
    };
  },
});
