import { lazyOperations, type ServiceDefinition } from '../../core/operation.js';
import { AccessDenied, InternalFailure } from './errors.js';
import { purgeSessionsJob } from './jobs.js';
import { model } from './model.gen.js';

export const sts: ServiceDefinition = {
  name: 'sts',
  model,
  eventSource: 'sts.amazonaws.com',
  // STS keeps no regional state of its own; its events carry the region the caller signed for.
  global: false,
  loadOperations: lazyOperations(() => import('./operations/index.js')),
  accessDenied: (message) => new AccessDenied(message),
  internalFailure: (message) => new InternalFailure(message),
  backgroundJobs: [purgeSessionsJob],
};
