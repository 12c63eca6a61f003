// https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html
import { defineOperation, type Ctx, type JsonObject } from '../../../core/operation.js';
import { auditParameters } from '../../../audit/redact.js';
import { authorizeKey, dryRun } from '../common.js';
import type { Conditions } from '../conditions.js';
import { AccessDeniedException } from '../errors.js';
import { assertPrincipal, checkGrantRequest, grantToken, newGrantId, newTokenSecret } from '../grants.js';
import { assertKeyState, loadKey } from '../keys.js';
import { model, type CreateGrantRequest, type GrantConstraints, type Operations } from '../model.gen.js';
import { putGrant, scanGrants, type GrantRecord } from '../state.js';

type Op = Operations['CreateGrant'];

/** kms:GrantOperations, kms:GranteePrincipal, kms:RetiringPrincipal, kms:GrantConstraintType, kms:GrantIsForAWSResource (conditions-kms.html). */
function grantConditions(input: CreateGrantRequest): Conditions {
  const c: Conditions = {
    'kms:GrantOperations': input.Operations,
    'kms:GranteePrincipal': input.GranteePrincipal,
    // True only when an AWS service integrated with KMS calls on a user's behalf; none does here.
    'kms:GrantIsForAWSResource': 'false',
  };
  if (input.RetiringPrincipal !== undefined) c['kms:RetiringPrincipal'] = input.RetiringPrincipal;
  const types = [...(input.Constraints?.EncryptionContextEquals !== undefined ? ['EncryptionContextEquals'] : []), ...(input.Constraints?.EncryptionContextSubset !== undefined ? ['EncryptionContextSubset'] : [])];
  if (types.length > 0) c['kms:GrantConstraintType'] = types;
  return c;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));
const sameContext = (a?: Readonly<Record<string, string>>, b?: Readonly<Record<string, string>>): boolean =>
  a === undefined || b === undefined ? a === b : sameSet(Object.keys(a), Object.keys(b)) && Object.keys(a).every((k) => a[k] === b[k]);
const sameConstraints = (a?: GrantConstraints, b?: GrantConstraints): boolean =>
  sameContext(a?.EncryptionContextEquals, b?.EncryptionContextEquals) && sameContext(a?.EncryptionContextSubset, b?.EncryptionContextSubset);

/**
 * "When this value is present, you can retry this request without creating a new grant if the
 * grant with the same Name and parameters already exists" (CreateGrant.Name): the original
 * GrantId, with a new token.
 */
async function existingGrant(ctx: Ctx, account: string, region: string, keyId: string, input: CreateGrantRequest): Promise<GrantRecord | undefined> {
  if (input.Name === undefined) return undefined;
  for (const g of await scanGrants(ctx, account, region, keyId)) {
    if (g.name === input.Name && g.granteePrincipal === input.GranteePrincipal && g.retiringPrincipal === input.RetiringPrincipal && sameSet(g.operations, input.Operations) && sameConstraints(g.constraints, input.Constraints)) return g;
  }
  return undefined;
}

/** The key ARN CloudTrail shows in responseElements, which the response itself does not carry. */
const responseKeyArn = new WeakMap<object, string>();

export const createGrant = defineOperation<Op['input'], Op['output']>({
  name: 'CreateGrant',
  actions: ['kms:CreateGrant'],
  readOnly: false,
  audit: {
    // CloudTrail shows constraint members in lower camel case, encryptionContextSubset (ct-creategrant.html): the default does.
    request: (input): JsonObject | null => auditParameters(model, 'CreateGrantRequest', input),
    // "include the key ARN of the affected KMS key in the responseElements.keyId value" (ct-creategrant.html); no grant token.
    response: (out) => (out.GrantId !== undefined ? { grantId: out.GrantId, ...(responseKeyArn.has(out) ? { keyId: responseKeyArn.get(out)! } : {}) } : null),
  },
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    const viaGrant = await authorizeKey(ctx, 'kms:CreateGrant', key, grantConditions(input), undefined, input.GrantTokens);
    // A grantee with CreateGrant may give only operations of its own grant (grants.html#terms-grant-operations). Message Warden's. // unverified
    // Differs from AWS: the new grant's constraints are not required to be at least as strict as the creating grant's.
    if (viaGrant !== undefined && !input.Operations.every((o) => viaGrant.operations.includes(o))) {
      throw new AccessDeniedException(`User: ${ctx.principal.arn} is not authorized to perform: kms:CreateGrant on resource: ${key.rec.arn} because the grant ${viaGrant.grantId} does not allow all of the requested operations`);
    }
    assertKeyState(key.rec, 'CreateGrant');
    assertPrincipal(input.GranteePrincipal, 'GranteePrincipal');
    assertPrincipal(input.RetiringPrincipal, 'RetiringPrincipal');
    checkGrantRequest(key.rec, input.Operations, input.Constraints);
    dryRun(input);
    const rec = key.rec;
    const found = await existingGrant(ctx, rec.account, rec.region, rec.keyId, input);
    const grant: GrantRecord = found ?? {
      v: 1,
      grantId: newGrantId(),
      keyId: rec.keyId,
      ...(input.Name !== undefined ? { name: input.Name } : {}),
      granteePrincipal: input.GranteePrincipal,
      ...(input.RetiringPrincipal !== undefined ? { retiringPrincipal: input.RetiringPrincipal } : {}),
      issuingAccount: `arn:aws:iam::${ctx.account}:root`,
      operations: [...new Set(input.Operations)],
      ...(input.Constraints !== undefined ? { constraints: { ...input.Constraints } } : {}),
      createdMs: ctx.clock.now(),
      tokenSecret: newTokenSecret(),
    };
    // Differs from AWS: the quota of 50,000 grants per key is not enforced.
    if (found === undefined) putGrant(ctx, rec.account, rec.region, grant);
    const out = { GrantId: grant.grantId, GrantToken: grantToken(grant, rec.account, rec.region) };
    responseKeyArn.set(out, rec.arn);
    return out;
  },
});
