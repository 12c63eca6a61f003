// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DeleteParameters.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizeOn, findParameter, parseRef } from '../params.js';
import { deleteParameterRecord } from '../state.js';

type Op = Operations['DeleteParameters'];

export const deleteParameters = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteParameters',
  actions: ['ssm:DeleteParameters'],
  readOnly: false,
  async handler(input, ctx) {
    const deleted: string[] = [];
    const invalid: string[] = [];
    for (const id of new Set(input.Names)) {
      const ref = parseRef(ctx, id);
      const p = ref.selector === undefined ? await findParameter(ctx, ref) : undefined;
      await authorizeOn(ctx, 'ssm:DeleteParameters', ref.resource, p?.rec);
      if (p === undefined) {
        invalid.push(id);
        continue;
      }
      ctx.audit.addResource(p.rec.arn, 'AWS::SSM::Parameter');
      await deleteParameterRecord(ctx, p.rec);
      deleted.push(id);
    }
    return { DeletedParameters: deleted, InvalidParameters: invalid };
  },
});
