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
  // S3 quotes the resource ARN in its AccessDenied texts ("… on resource: \"arn:aws:s3:::b/k\" because …",
  // as users report them since 2024); the rest of the sentence is the engine's. // unverified: older
  // and cross-account denials say only "Access Denied".
  accessDenied: (message) => new AccessDenied(message.replace(/ on resource: (arn:aws:s3:::\S+?)( because| with|$)/, ' on resource: "$1"$2')),
  // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html: InternalError, 500.
  internalFailure: (message) => new InternalError(message),
  backgroundJobs: [sweepBodies],
};
