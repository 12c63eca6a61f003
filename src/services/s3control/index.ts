import { lazyOperations, type ServiceDefinition } from '../../core/operation.js';
import { AccessDenied, InternalError } from './errors.js';
import { model } from './model.gen.js';

/**
 * S3 Control (account-level S3 configuration): restXml under `/v20180820/`, signed as `s3`, the
 * account in `x-amz-account-id` and, from the SDKs, as a host prefix (`<account>.<host>`);
 * pipeline/router.ts tells its requests from S3's. Served: account-level Block Public Access.
 */
export const s3control: ServiceDefinition = {
  name: 's3control',
  model,
  // S3 Control calls are S3 management events (cloudtrail-logging-s3-info.html).
  eventSource: 's3.amazonaws.com',
  global: false,
  loadOperations: lazyOperations(() => import('./operations/index.js')),
  // S3's AccessDenied (403); the sentence is the engine's, as for S3. // unverified for S3 Control
  accessDenied: (message) => new AccessDenied(message),
  internalFailure: (message) => new InternalError(message),
};
