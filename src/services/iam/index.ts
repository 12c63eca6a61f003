import { lazyOperations, type ServiceDefinition } from '../../core/operation.js';
import { AccessDenied, ServiceFailure } from './errors.js';
import { model } from './model.gen.js';

export { iamPrincipalPolicies } from './policy-source.js';

/**
 * IAM names `*` in its denials ("… is not authorized to perform: iam:GetAccountSummary on resource:
 * * because no identity-based policy allows …", "… iam:ListAccountAliases on resource: * …" — real
 * responses quoted in user reports and CloudTrail records), where the engine's shared text leaves
 * the resource out.
 */
function withStarResource(message: string): string {
  if (message.includes(' on resource: ')) return message;
  return message.replace(/^(User: \S+ is not authorized to perform: \S+)( because | with )/, '$1 on resource: *$2');
}

export const iam: ServiceDefinition = {
  name: 'iam',
  model,
  eventSource: 'iam.amazonaws.com',
  // One IAM per account; its events are recorded in us-east-1.
  global: true,
  loadOperations: lazyOperations(() => import('./operations/index.js')),
  accessDenied: (message) => new AccessDenied(withStarResource(message)),
  internalFailure: (message) => new ServiceFailure(message),
};
