import { lazyOperations, type ServiceDefinition } from '../../core/operation.js';
import { sweepBodies } from './bodies.js';
import { AccessDenied, InternalError } from './errors.js';
import { model } from './model.gen.js';

export const s3: ServiceDefinition = {
  name: 's3',
  model,
  eventSource: 's3.amazonaws.com',
  global: false,
  loadOperations: lazyOperations(() => import('./operations/index.js')),
  accessDenied: (message) => new AccessDenied(message),
  // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html: InternalError, 500.
  internalFailure: (message) => new InternalError(message),
  backgroundJobs: [sweepBodies],
};
