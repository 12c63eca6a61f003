import type { ServiceDefinition } from '../core/operation.js';
import { iam, iamPrincipalPolicies } from './iam/index.js';
import { cloudtrail } from './cloudtrail/index.js';
import { setTrailBucketCheck, setTrailObjectSink } from './cloudtrail/sink.js';
import { kms } from './kms/index.js';
import { s3 } from './s3/index.js';
import { setAccountBlockSource } from './s3/account-block.js';
import { serviceDeliveryRefusal, serviceObjectSink } from './s3/service-access.js';
import { s3control } from './s3control/index.js';
import { accountPublicAccessBlock } from './s3control/state.js';
import { secretsmanager } from './secretsmanager/index.js';
import { ssm } from './ssm/index.js';
import { sts } from './sts/index.js';

/** Every service Warden serves. The only module that imports services. */
export const SERVICES: readonly ServiceDefinition[] = [sts, kms, iam, secretsmanager, cloudtrail, ssm, s3, s3control];

/** IAM users' policies from the IAM service's state, for the policy engine (main.ts). */
export const PRINCIPAL_POLICIES = iamPrincipalPolicies;

// CloudTrail delivers into Warden's S3 as cloudtrail.amazonaws.com, and checks the bucket there.
setTrailObjectSink((env) => serviceObjectSink({ store: env.store, clock: env.clock, barrier: env.barrier, config: env.config, dataDir: env.config.inMemory ? undefined : env.config.dataDir }));
setTrailBucketCheck(serviceDeliveryRefusal);

// S3 ORs the account-level Block Public Access settings S3 Control keeps with each bucket's own.
setAccountBlockSource(accountPublicAccessBlock);
