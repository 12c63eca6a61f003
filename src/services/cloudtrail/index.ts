import { lazyOperations, type ServiceDefinition } from '../../core/operation.js';
import { AccessDeniedException, InternalFailure } from './errors.js';
import { deliveryJob, retentionJob } from './delivery.js';
import { insightsJob } from './insights.js';
import { model } from './model.gen.js';

export const cloudtrail: ServiceDefinition = {
  name: 'cloudtrail',
  model,
  eventSource: 'cloudtrail.amazonaws.com',
  global: false,
  loadOperations: lazyOperations(() => import('./operations/index.js')),
  // AccessDeniedException is modeled (HTTP 400).
  accessDenied: (message) => new AccessDeniedException(message),
  internalFailure: (message) => new InternalFailure(message),
  backgroundJobs: [deliveryJob, retentionJob, insightsJob],
};
