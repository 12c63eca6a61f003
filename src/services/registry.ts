import type { ServiceDefinition } from '../core/operation.js';
import { iam, iamPrincipalPolicies } from './iam/index.js';
import { cloudtrail } from './cloudtrail/index.js';
import { setTrailBucketCheck, setTrailObjectSink } from './cloudtrail/sink.js';
import { kms } from './kms/index.js';
import { s3 } from './s3/index.js';
import { serviceDeliveryRefusal, serviceObjectSink } from './s3/service-access.js';
import { secretsmanager } from './secretsmanager/index.js';
import { ssm } from './ssm/index.js';
import { sts } from './sts/index.js';

/** Every service Warden serves. The only module that imports services. */
export const SERVICES: readonly ServiceDefinition[] = [sts, kms, iam, secretsmanager, cloudtrail, ssm, s3];

/** IAM users' policies from the IAM service's state, for the policy engine (main.ts). */
export const PRINCIPAL_POLICIES = iamPrincipalPolicies;

// CloudTrail delivers into Warden's S3 as cloudtrail.amazonaws.com, and checks the bucket there.
setTrailObjectSink((env) => serviceObjectSink({ store: env.store, clock: env.clock, barrier: env.barrier, dataDir: env.config.inMemory ? undefined : env.config.dataDir }));
setTrailBucketCheck(serviceDeliveryRefusal);
