import type { OperationMap } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { getCallerIdentity } from './get-caller-identity.js';

export const operations = {
  GetCallerIdentity: getCallerIdentity,
} satisfies OperationMap<Operations>;
