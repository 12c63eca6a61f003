// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { describe, loadAuthorized } from '../secrets.js';

type Op = Operations['DescribeSecret'];

export const describeSecret = defineOperation<Op['input'], Op['output']>({
  name: 'DescribeSecret',
  actions: ['secretsmanager:DescribeSecret'],
  readOnly: true,
  async handler(input, ctx) {
    const { rec } = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:DescribeSecret');
    return describe(rec);
  },
});
