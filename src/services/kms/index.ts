import { lazyOperations, type ServiceDefinition } from '../../core/operation.js';
import { AccessDeniedException, KMSInternalException } from './errors.js';
import { model } from './model.gen.js';

export const kms: ServiceDefinition = {
  name: 'kms',
  model,
  eventSource: 'kms.amazonaws.com',
  global: false,
  loadOperations: lazyOperations(() => import('./operations/index.js')),
  // AccessDeniedException is HTTP 400 on KMS (a JSON service), not 403.
  accessDenied: (message) => new AccessDeniedException(message),
  internalFailure: (message) => new KMSInternalException(message),
};
