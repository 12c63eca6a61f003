// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DeleteParameter.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { loadAuthorized } from '../params.js';
import { deleteParameterRecord } from '../state.js';

type Op = Operations['DeleteParameter'];

export const deleteParameter = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteParameter',
  actions: ['ssm:DeleteParameter'],
  readOnly: false,
  async handler(input, ctx) {
    const { found } = await loadAuthorized(ctx, input.Name, 'ssm:DeleteParameter');
    await deleteParameterRecord(ctx, found.rec);
    return {};
  },
});
