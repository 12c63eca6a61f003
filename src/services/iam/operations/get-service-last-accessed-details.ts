// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html
import { defineOperation } from '../../../core/operation.js';
import { ADVISED_SERVICES, requireJob } from '../access-advisor.js';
import type { Operations, ServiceLastAccessed } from '../model.gen.js';
import { pageFields, paginate } from '../paging.js';

type Op = Operations['GetServiceLastAccessedDetails'];

export const getServiceLastAccessedDetails = defineOperation<Op['input'], Op['output']>({
  name: 'GetServiceLastAccessedDetails',
  actions: ['iam:GetServiceLastAccessedDetails'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:GetServiceLastAccessedDetails', resource: '*' });
    const job = await requireJob(ctx, input.JobId);
    const page = paginate(job.services, (s) => s.namespace, input);
    const ServicesLastAccessed = page.items.map(
      (s): ServiceLastAccessed => ({
        ServiceName: ADVISED_SERVICES.get(s.namespace) ?? s.namespace,
        ServiceNamespace: s.namespace,
        ...(s.last !== undefined ? { LastAuthenticated: new Date(s.last.ms), LastAuthenticatedEntity: s.last.entity, LastAuthenticatedRegion: s.last.region } : {}),
        TotalAuthenticatedEntities: s.total,
        ...(s.actions !== undefined
          ? { TrackedActionsLastAccessed: s.actions.map((a) => ({ ActionName: a.action, LastAccessedEntity: a.last.entity, LastAccessedTime: new Date(a.last.ms), LastAccessedRegion: a.last.region })) }
          : {}),
      }),
    );
    return {
      JobStatus: 'COMPLETED',
      JobType: job.granularity,
      JobCreationDate: new Date(job.createdMs),
      JobCompletionDate: new Date(job.completedMs),
      ServicesLastAccessed,
      ...pageFields(page),
    };
  },
});
