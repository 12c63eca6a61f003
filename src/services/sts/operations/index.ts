import type { OperationMap } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { assumeRole } from './assume-role.js';
import { assumeRoleWithSAML } from './assume-role-with-saml.js';
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity.js';
import { decodeAuthorizationMessageOp } from './decode-authorization-message.js';
import { getAccessKeyInfo } from './get-access-key-info.js';
import { getCallerIdentity } from './get-caller-identity.js';
import { getFederationToken } from './get-federation-token.js';
import { getSessionToken } from './get-session-token.js';

export const operations = {
  AssumeRole: assumeRole,
  AssumeRoleWithSAML: assumeRoleWithSAML,
  AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
  DecodeAuthorizationMessage: decodeAuthorizationMessageOp,
  GetAccessKeyInfo: getAccessKeyInfo,
  GetCallerIdentity: getCallerIdentity,
  GetFederationToken: getFederationToken,
  GetSessionToken: getSessionToken,
} satisfies OperationMap<Operations>;
