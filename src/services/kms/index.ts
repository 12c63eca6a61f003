import { lazyOperations, type ServiceDefinition } from '../../core/operation.js';
import { AccessDeniedException, KMSInternalException } from './errors.js';
import { model } from './model.gen.js';

/** How often KMS's background job (jobs.ts) looks for deletions and rotations that fell due. */
export const KMS_JOB_INTERVAL_MS = 30_000;

export const kms: ServiceDefinition = {
  name: 'kms',
  model,
  eventSource: 'kms.amazonaws.com',
  global: false,
  loadOperations: lazyOperations(() => import('./operations/index.js')),
  // AccessDeniedException is HTTP 400 on KMS (a JSON service), not 403.
  accessDenied: (message) => new AccessDeniedException(message),
  internalFailure: (message) => new KMSInternalException(message),
  backgroundJobs: [
    {
      // Imported on first run, like the operations, so that start-up does not pay for it.
      name: 'deletions-and-rotations',
      intervalMs: () => KMS_JOB_INTERVAL_MS,
      run: async (env) => {
        await (await import('./jobs.js')).runKmsDueWork(env);
      },
    },
  ],
};
