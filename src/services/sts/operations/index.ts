import type { OperationMap } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { assumeRole } from './assume-role.js';
import { getCallerIdentity } from './get-caller-identity.js';
import { getSessionToken } from './get-session-token.js';

export const operations = {
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
  GetSessionToken: getSessionToken,
} satisfies OperationMap<Operations>;
