// https://docs.aws.amazon.com/kms/latest/APIReference/API_RetireGrant.html
import { defineOperation, type Ctx } from '../../../core/operation.js';
import { authorizeByPolicies, dryRun } from '../common.js';
import { ValidationException } from '../errors.js';
import { assertGrantId, grantNotFound, isGrantee, isRetiree, parseGrantToken } from '../grants.js';
import { assertKeyState, keyArn, loadKey, type ResolvedKey } from '../keys.js';
import type { Operations, RetireGrantRequest } from '../model.gen.js';
import { deleteGrant, readGrant, type GrantRecord } from '../state.js';

type Op = Operations['RetireGrant'];

/** The key and grant a request names: by grant token, or by KeyId and GrantId together. */
async function named(ctx: Ctx, input: RetireGrantRequest): Promise<{ key: ResolvedKey; grantId: string; secret?: string }> {
  if (input.GrantToken !== undefined) {
    const t = parseGrantToken(input.GrantToken);
    const key = await loadKey(ctx, keyArn(t.account, t.region, t.keyId), { purge: true });
    return { key, grantId: t.grantId, secret: t.secret };
  }
  if (input.KeyId === undefined || input.GrantId === undefined) {
    // "Either the grant token or both the grant ID and key ID are required" (API reference); wording Warden's. // unverified
    throw new ValidationException('Either GrantToken or both KeyId and GrantId must be specified.');
  }
  assertGrantId(input.GrantId);
  return { key: await loadKey(ctx, input.KeyId, { purge: true }), grantId: input.GrantId };
}

/**
 * Who may retire a grant (grant-delete.html#grant-retire): its retiring principal, its grantee when
 * the grant lists RetireGrant, and principals a key or IAM policy allows kms:RetireGrant.
 */
function mayRetire(ctx: Ctx, g: GrantRecord): boolean {
  return isRetiree(ctx, g.retiringPrincipal) || (g.operations.includes('RetireGrant') && isGrantee(ctx, g.granteePrincipal));
}

export const retireGrant = defineOperation<Op['input'], Op['output']>({
  name: 'RetireGrant',
  actions: ['kms:RetireGrant'],
  readOnly: false,
  // CloudTrail: requestParameters null, additionalEventData.grantId (ct-retire-grant.html).
  audit: { request: () => null },
  async handler(input, ctx) {
    const { key, grantId, secret } = await named(ctx, input);
    const grant = await readGrant(ctx, key.rec.account, key.rec.region, key.rec.keyId, grantId);
    // The grant itself decides, not another grant of the key that lists RetireGrant.
    await authorizeByPolicies(ctx, 'kms:RetireGrant', key, async () =>
      grant !== undefined && mayRetire(ctx, grant) ? { retiringGrant: grant.grantId } : undefined,
    );
    assertKeyState(key.rec, 'RetireGrant');
    if (grant === undefined || (secret !== undefined && secret !== grant.tokenSecret)) throw grantNotFound(grantId);
    ctx.audit.additionalEventData({ grantId });
    dryRun(input);
    deleteGrant(ctx, key.rec.account, key.rec.region, grant);
    return {};
  },
});
