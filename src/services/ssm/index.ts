import { lazyOperations, type ServiceDefinition } from '../../core/operation.js';
import { AccessDeniedException, InternalServerError } from './errors.js';
import { policyJob } from './jobs.js';
import { model } from './model.gen.js';

/** Systems Manager: Parameter Store only (the rest of SSM answers NotImplemented). */
export const ssm: ServiceDefinition = {
  name: 'ssm',
  model,
  eventSource: 'ssm.amazonaws.com',
  global: false,
  loadOperations: lazyOperations(() => import('./operations/index.js')),
  // Modeled in SSM: AccessDeniedException, HTTP 400.
  accessDenied: (message) => new AccessDeniedException(message),
  internalFailure: (message) => new InternalServerError(message),
  // Parameter policies: Expiration deletes, notifications are recorded (jobs.ts).
  backgroundJobs: [policyJob],
};
