import { lazyOperations, type ServiceDefinition } from '../../core/operation.js';
import { AccessDeniedException, InternalServiceError } from './errors.js';
import { model } from './model.gen.js';

export const secretsmanager: ServiceDefinition = {
  name: 'secretsmanager',
  model,
  eventSource: 'secretsmanager.amazonaws.com',
  global: false,
  loadOperations: lazyOperations(() => import('./operations/index.js')),
  // AccessDeniedException is HTTP 400 on Secrets Manager (a JSON service).
  accessDenied: (message) => new AccessDeniedException(message),
  internalFailure: (message) => new InternalServiceError(message),
};
