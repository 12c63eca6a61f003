// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
import { defineOperation } from '../../../core/operation.js';
import { KMS_DECRYPT } from '../kms.js';
import type { Operations } from '../model.gen.js';
import { loadAuthorized, parameterShape, selectVersion, specialParameter } from '../params.js';
import { GET_SECRET_VALUE } from '../reference.js';

type Op = Operations['GetParameter'];

export const getParameter = defineOperation<Op['input'], Op['output']>({
  name: 'GetParameter',
  actions: ['ssm:GetParameter', KMS_DECRYPT, GET_SECRET_VALUE],
  readOnly: true,
  // responseElements are null (CloudTrail records no parameter values): the default.
  async handler(input, ctx) {
    const special = await specialParameter(ctx, input.Name, input.WithDecryption === true, 'ssm:GetParameter');
    if (special !== undefined) return { Parameter: special };
    const { ref, found } = await loadAuthorized(ctx, input.Name, 'ssm:GetParameter', undefined, { selector: true });
    const v = selectVersion(found.rec, ref.selector);
    return { Parameter: await parameterShape(ctx, found.rec, v, input.WithDecryption === true, ref.selector) };
  },
});
