import type { ServiceDefinition } from '../core/operation.js';
import { iam, iamPrincipalPolicies } from './iam/index.js';
import { cloudtrail } from './cloudtrail/index.js';
import { kms } from './kms/index.js';
import { s3 } from './s3/index.js';
import { secretsmanager } from './secretsmanager/index.js';
import { ssm } from './ssm/index.js';
import { sts } from './sts/index.js';

/** Every service Warden serves. The only module that imports services. */
export const SERVICES: readonly ServiceDefinition[] = [sts, kms, iam, secretsmanager, cloudtrail, ssm, s3];

/** IAM users' policies from the IAM service's state, for the policy engine (main.ts). */
export const PRINCIPAL_POLICIES = iamPrincipalPolicies;
