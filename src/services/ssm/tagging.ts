/** The tagging operations' shared part: ResourceType Parameter → the parameter, authorized. */
import type { ConditionValue, Ctx } from '../../core/operation.js';
import { InvalidResourceId } from './model.gen.js';
import type { ResourceTypeForTagging } from './model.gen.js';
import { authorizeOn, findParameter, parseRef } from './params.js';
import type { LoadedParameter } from './state.js';

// The API reference's description of InvalidResourceId; AWS's message text may differ. // unverified
const BAD_ID = "The resource ID isn't valid. Verify that you entered the correct ID and try again.";

/**
 * The parameter a tagging request names. Warden keeps no other taggable SSM resources (documents,
 * maintenance windows, …), so for any other ResourceType no such resource exists: InvalidResourceId.
 */
export async function taggedParameter(ctx: Ctx, type: ResourceTypeForTagging, id: string, action: string, conditions?: Record<string, ConditionValue>): Promise<LoadedParameter> {
  if (type !== 'Parameter') {
    await ctx.authorize({ action, resource: `arn:aws:ssm:${ctx.region}:${ctx.account}:${type.toLowerCase()}/${id}` });
    throw new InvalidResourceId(BAD_ID);
  }
  const ref = parseRef(ctx, id);
  const found = ref.selector === undefined ? await findParameter(ctx, ref) : undefined;
  await authorizeOn(ctx, action, ref.resource, found?.rec, conditions);
  if (found === undefined) throw new InvalidResourceId(BAD_ID);
  ctx.audit.addResource(found.rec.arn, 'AWS::SSM::Parameter', found.rec.account);
  return found;
}
