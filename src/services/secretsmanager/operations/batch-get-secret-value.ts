// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html
import { buildEvent } from '../../../audit/event.js';
import { AwsError } from '../../../core/errors.js';
import { defineOperation, type Ctx } from '../../../core/operation.js';
import { InvalidParameterException } from '../errors.js';
import { matches } from '../filters.js';
import { decryptVersion, KMS_DECRYPT } from '../kms.js';
import type { APIErrorType, Operations, SecretValueEntry } from '../model.gen.js';
import { page } from '../paging.js';
import { assertNotDeleted, isGone, loadAuthorized, resolveViews, selectVersion } from '../secrets.js';
import { scanSecrets } from '../state.js';

type Op = Operations['BatchGetSecretValue'];

// unverified: AWS's texts for the two ways of naming secrets.
const ONE_OF = 'Either SecretIdList or Filters must be provided, but not both.';
const MAX_WITH_LIST = 'MaxResults and NextToken can only be used with Filters.';

/**
 * "Secrets Manager generates CloudTrail GetSecretValue log entries for each secret you request when
 * you call this action" (API reference): one event per secret, beside the BatchGetSecretValue one.
 */
function secretEvent(ctx: Ctx, secretId: string, arn: string | undefined, error?: AwsError) {
  return buildEvent({
    requestId: ctx.requestId,
    timeMs: ctx.clock.now(),
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'GetSecretValue',
    region: ctx.region,
    sourceIp: ctx.sourceIp,
    userAgent: ctx.userAgent,
    principal: ctx.principal,
    accessKeyId: ctx.principal.accessKeyId,
    recipientAccount: ctx.account,
    readOnly: true,
    eventCategory: 'Management',
    requestParameters: { secretId },
    responseElements: null,
    resources: arn !== undefined ? [{ ARN: arn, accountId: arn.split(':')[4] ?? ctx.account, type: 'AWS::SecretsManager::Secret' }] : [],
    ...(error !== undefined ? { error: { code: error.code, message: error.message } } : {}),
  });
}

/** GetSecretValue of one secret, its failure as an Errors entry instead of the batch's error. */
async function one(ctx: Ctx, id: string): Promise<{ value?: SecretValueEntry; error?: APIErrorType }> {
  let arn: string | undefined;
  try {
    const { rec } = await loadAuthorized(ctx, id, 'secretsmanager:GetSecretValue');
    arn = rec.arn;
    assertNotDeleted(rec);
    const v = selectVersion(rec, undefined, undefined);
    const value = await decryptVersion(ctx, rec, v);
    ctx.tx.appendAudit(secretEvent(ctx, id, arn));
    return { value: { ARN: rec.arn, Name: rec.name, VersionId: v.id, ...value, VersionStages: [...v.stages], CreatedDate: new Date(v.createdMs) } };
  } catch (err) {
    if (!(err instanceof AwsError) || err.fault === 'server') throw err;
    ctx.tx.appendAudit(secretEvent(ctx, id, arn, err));
    return { error: { SecretId: id, ErrorCode: err.code, Message: err.message } };
  }
}

export const batchGetSecretValue = defineOperation<Op['input'], Op['output']>({
  name: 'BatchGetSecretValue',
  // Required: BatchGetSecretValue, GetSecretValue for each secret, ListSecrets with Filters, and
  // kms:Decrypt for customer managed keys (API reference).
  actions: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:GetSecretValue', 'secretsmanager:ListSecrets', KMS_DECRYPT],
  readOnly: true,
  // The per-secret GetSecretValue events are appended in the request's transaction.
  writesState: true,
  audit: { response: () => null },
  async handler(input, ctx) {
    const byList = input.SecretIdList !== undefined;
    if (byList === (input.Filters !== undefined)) throw new InvalidParameterException(ONE_OF);
    if (byList && (input.MaxResults !== undefined || input.NextToken !== undefined)) throw new InvalidParameterException(MAX_WITH_LIST);
    await ctx.authorize({ action: 'secretsmanager:BatchGetSecretValue', resource: '*' });
    let ids: string[];
    let next: string | undefined;
    if (byList) ids = [...new Set(input.SecretIdList!)];
    else {
      await ctx.authorize({ action: 'secretsmanager:ListSecrets', resource: '*' });
      const now = ctx.clock.now();
      const recs = (await resolveViews(ctx, await scanSecrets(ctx, ctx.account, ctx.region))).filter((r) => !isGone(r, now) && r.deletedMs === undefined && matches(r, input.Filters!));
      const p = page(recs, input.MaxResults ?? 20, input.NextToken);
      ids = p.items.map((r) => r.arn);
      next = p.next;
    }
    const SecretValues: SecretValueEntry[] = [];
    const Errors: APIErrorType[] = [];
    for (const id of ids) {
      const r = await one(ctx, id);
      if (r.value !== undefined) SecretValues.push(r.value);
      if (r.error !== undefined) Errors.push(r.error);
    }
    return { SecretValues, Errors, ...(next !== undefined ? { NextToken: next } : {}) };
  },
});
