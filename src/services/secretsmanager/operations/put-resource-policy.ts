// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutResourcePolicy.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { assertNotPublic, validateResourcePolicy } from '../policy.js';
import { assertNotDeleted, loadAuthorized } from '../secrets.js';
import { putSecret } from '../state.js';

type Op = Operations['PutResourcePolicy'];

export const putResourcePolicy = defineOperation<Op['input'], Op['output']>({
  name: 'PutResourcePolicy',
  actions: ['secretsmanager:PutResourcePolicy'],
  readOnly: false,
  async handler(input, ctx) {
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:PutResourcePolicy', {
      purge: true,
      extra: { 'secretsmanager:BlockPublicPolicy': String(input.BlockPublicPolicy ?? false) },
    });
    assertNotDeleted(found.rec);
    validateResourcePolicy(input.ResourcePolicy);
    if (input.BlockPublicPolicy === true) assertNotPublic(input.ResourcePolicy);
    putSecret(ctx, { ...found.rec, policy: input.ResourcePolicy }, found.version);
    return { ARN: found.rec.arn, Name: found.rec.name };
  },
});
