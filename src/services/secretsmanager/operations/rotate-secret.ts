// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html
import { randomUUID } from 'node:crypto';
import { defineOperation } from '../../../core/operation.js';
import { newRun } from '../background.js';
import { AccessDeniedException, InvalidRequestException } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { PENDING } from '../rotation/builtin.js';
import { resolveExecutor } from '../rotation/executor.js';
import { CANNOT_INVOKE, nextRotationMs } from '../rotation/runner.js';
import { parseRules } from '../schedule.js';
import { assertNotDeleted, assertNotReplica, CURRENT, loadAuthorized } from '../secrets.js';
import { putSecret, type RotationConfig } from '../state.js';

type Op = Operations['RotateSecret'];

// AWS's texts as terraform-provider-aws's tests and users' reports quote them.
const NO_LAMBDA = 'No Lambda rotation function ARN is associated with this secret.';
const IN_PROGRESS = "A previous rotation isn't complete. That rotation will be reattempted.";

export const rotateSecret = defineOperation<Op['input'], Op['output']>({
  name: 'RotateSecret',
  // "You also need lambda:InvokeFunction permissions on the rotation function" (API reference).
  actions: ['secretsmanager:RotateSecret', 'lambda:InvokeFunction'],
  readOnly: false,
  async handler(input, ctx) {
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:RotateSecret', {
      purge: true,
      // Service condition keys of RotateSecret (Secrets Manager's IAM reference). // unverified: values for absent members
      extra: {
        ...(input.RotationLambdaARN !== undefined ? { 'secretsmanager:RotationLambdaARN': input.RotationLambdaARN } : {}),
        'secretsmanager:ModifyRotationRules': String(input.RotationRules !== undefined),
        'secretsmanager:RotateImmediately': String(input.RotateImmediately ?? true),
      },
    });
    const rec = found.rec;
    assertNotDeleted(rec);
    assertNotReplica(rec);
    parseRules(input.RotationRules); // InvalidParameterException before anything is stored
    const lambdaArn = input.RotationLambdaARN ?? rec.rotation?.lambdaArn;
    if (lambdaArn === undefined) throw new InvalidRequestException(NO_LAMBDA);
    await ctx.authorize({ action: 'lambda:InvokeFunction', resource: lambdaArn });
    // AWS refuses at once a function it cannot invoke (terraform-provider-aws retries RotateSecret on it).
    if (resolveExecutor(lambdaArn, ctx.config?.rotationEndpoints ?? {}) === undefined) throw new AccessDeniedException(CANNOT_INVOKE);
    const pendingElsewhere = rec.versions.some((v) => v.stages.includes(PENDING) && !v.stages.includes(CURRENT));
    if (rec.rotating !== undefined || pendingElsewhere) throw new InvalidRequestException(IN_PROGRESS);
    const now = ctx.clock.now();
    const rules = input.RotationRules ?? rec.rotation?.rules;
    const immediate = input.RotateImmediately ?? true;
    const token = input.ClientRequestToken ?? randomUUID();
    const configured: RotationConfig = {
      enabled: rules !== undefined || rec.rotation?.enabled === true,
      lambdaArn,
      ...(rules !== undefined ? { rules: { ...rules } } : {}),
      configuredMs: now,
      ...(rec.rotation?.lastRotatedMs !== undefined ? { lastRotatedMs: rec.rotation.lastRotatedMs } : {}),
    };
    const withRules = { ...rec, rotation: configured };
    const nextMs = nextRotationMs(withRules, now, rec.rotation?.lastRotatedMs ?? now);
    const rotation: RotationConfig = { ...configured, ...(nextMs !== undefined ? { nextMs } : {}) };
    putSecret(ctx, { ...rec, rotation, rotating: newRun(token, lambdaArn, !immediate, now) }, found.version);
    return { ARN: rec.arn, Name: rec.name, VersionId: token };
  },
});
