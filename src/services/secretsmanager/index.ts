import { lazyOperations, type BackgroundJob, type ServiceDefinition } from '../../core/operation.js';
import { AccessDeniedException, InternalServiceError } from './errors.js';
import { model } from './model.gen.js';

/** Rotation (steps, schedules) and the end of recovery windows; its code loads on the first run. */
const secretsManagerJob: BackgroundJob = {
  name: 'rotation-and-deletion',
  intervalMs: () => 250,
  run: async (env) => (await import('./background.js')).backgroundRun(env),
};

export const secretsmanager: ServiceDefinition = {
  name: 'secretsmanager',
  model,
  eventSource: 'secretsmanager.amazonaws.com',
  global: false,
  loadOperations: lazyOperations(() => import('./operations/index.js')),
  // AccessDeniedException is HTTP 400 on Secrets Manager (a JSON service).
  accessDenied: (message) => new AccessDeniedException(message),
  internalFailure: (message) => new InternalServiceError(message),
  // Rotation (steps, schedules) and the end of recovery windows.
  backgroundJobs: [secretsManagerJob],
};
