// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteResourcePolicy.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { loadAuthorized } from '../secrets.js';
import { putSecret } from '../state.js';

type Op = Operations['DeleteResourcePolicy'];

export const deleteResourcePolicy = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteResourcePolicy',
  actions: ['secretsmanager:DeleteResourcePolicy'],
  readOnly: false,
  async handler(input, ctx) {
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:DeleteResourcePolicy', { purge: true });
    const { policy: _p, ...rest } = found.rec;
    if (found.rec.policy !== undefined) putSecret(ctx, rest, found.version);
    return { ARN: rest.arn, Name: rest.name };
  },
});
