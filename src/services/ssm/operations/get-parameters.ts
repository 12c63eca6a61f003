// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameters.html
import { defineOperation } from '../../../core/operation.js';
import { ParameterNotFound, ParameterVersionNotFound } from '../errors.js';
import { KMS_DECRYPT } from '../kms.js';
import type { Operations, Parameter } from '../model.gen.js';
import { authorizeOn, findParameter, parameterShape, parseRef, selectVersion, specialParameter } from '../params.js';
import { GET_SECRET_VALUE } from '../reference.js';

type Op = Operations['GetParameters'];

export const getParameters = defineOperation<Op['input'], Op['output']>({
  name: 'GetParameters',
  actions: ['ssm:GetParameters', KMS_DECRYPT, GET_SECRET_VALUE],
  readOnly: true,
  async handler(input, ctx) {
    const found: Parameter[] = [];
    const invalid: string[] = [];
    for (const id of new Set(input.Names)) {
      let special;
      try {
        special = await specialParameter(ctx, id, input.WithDecryption === true, 'ssm:GetParameters');
      } catch (err) {
        // A public or referenced name that names nothing is an invalid parameter here. // unverified
        if (!(err instanceof ParameterNotFound) && !(err instanceof ParameterVersionNotFound)) throw err;
        invalid.push(id);
        continue;
      }
      if (special !== undefined) {
        found.push(special);
        continue;
      }
      const ref = parseRef(ctx, id);
      const p = await findParameter(ctx, ref);
      await authorizeOn(ctx, 'ssm:GetParameters', ref.resource, p?.rec);
      if (p === undefined) {
        invalid.push(id);
        continue;
      }
      let v;
      try {
        v = selectVersion(p.rec, ref.selector);
      } catch (err) {
        // An unknown version or label is an invalid parameter here, not an error. // unverified
        if (!(err instanceof ParameterVersionNotFound)) throw err;
        invalid.push(id);
        continue;
      }
      ctx.audit.addResource(p.rec.arn, 'AWS::SSM::Parameter', p.rec.account);
      found.push(await parameterShape(ctx, p.rec, v, input.WithDecryption === true, ref.selector));
    }
    // Results in name order (aws-facts §3.3).
    found.sort((a, b) => (a.Name! < b.Name! ? -1 : a.Name! > b.Name! ? 1 : 0));
    return { Parameters: found, InvalidParameters: invalid };
  },
});
