// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ValidateResourcePolicy.html
import { defineOperation } from '../../../core/operation.js';
import { MalformedPolicyDocumentException } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { validationErrors } from '../policy.js';
import { loadAuthorized } from '../secrets.js';

type Op = Operations['ValidateResourcePolicy'];

export const validateResourcePolicyOp = defineOperation<Op['input'], Op['output']>({
  name: 'ValidateResourcePolicy',
  actions: ['secretsmanager:ValidateResourcePolicy'],
  readOnly: true,
  async handler(input, ctx) {
    if (input.SecretId !== undefined) await loadAuthorized(ctx, input.SecretId, 'secretsmanager:ValidateResourcePolicy');
    else await ctx.authorize({ action: 'secretsmanager:ValidateResourcePolicy', resource: '*' });
    try {
      JSON.parse(input.ResourcePolicy);
    } catch {
      // Not JSON at all: no check can run. // unverified text
      throw new MalformedPolicyDocumentException('This resource policy contains an unsupported JSON format.');
    }
    const errors = validationErrors(input.ResourcePolicy);
    return { PolicyValidationPassed: errors.length === 0, ValidationErrors: errors };
  },
});
