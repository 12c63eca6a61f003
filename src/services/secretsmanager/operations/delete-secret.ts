// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
import { defineOperation } from '../../../core/operation.js';
import { InvalidParameterException, InvalidRequestException } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { loadAuthorized, MARKED_FOR_DELETION } from '../secrets.js';
import { purgeSecret, versionDeleteEvents } from '../service.js';
import { putSecret } from '../state.js';

type Op = Operations['DeleteSecret'];

const DAY_MS = 86_400_000;

export const deleteSecret = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteSecret',
  actions: ['secretsmanager:DeleteSecret'],
  readOnly: false,
  async handler(input, ctx) {
    const force = input.ForceDeleteWithoutRecovery === true;
    // Mutually exclusive (API reference); moto's and LocalStack's text. // unverified
    if (force && input.RecoveryWindowInDays !== undefined) {
      throw new InvalidParameterException("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    }
    const days = input.RecoveryWindowInDays ?? 30;
    // The model allows 7–30 (RecoveryWindowInDaysType has no range); AWS's text per moto. // unverified
    if (!force && (days < 7 || days > 30)) {
      throw new InvalidParameterException('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
    }
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:DeleteSecret', { purge: true });
    const rec = found.rec;
    const now = ctx.clock.now();
    // A primary must lose its replicas first (create-manage-multi-region-secrets.html). // unverified text
    if ((rec.replicas ?? []).length > 0) {
      throw new InvalidRequestException(`You can't delete secret ${rec.name} that still has replica regions [${rec.replicas!.map((r) => r.region).join(', ')}]`);
    }
    if (force) {
      purgeSecret(ctx.tx, rec, now);
      return { ARN: rec.arn, Name: rec.name, DeletionDate: new Date(now) };
    }
    // A secret already scheduled for deletion cannot be rescheduled. // unverified: error and text
    if (rec.deletedMs !== undefined) throw new InvalidRequestException(MARKED_FOR_DELETION);
    const deletionMs = now + days * DAY_MS;
    putSecret(ctx, { ...rec, deletedMs: now, deletionMs }, found.version);
    versionDeleteEvents(ctx.tx, 'StartSecretVersionDelete', rec, now);
    return { ARN: rec.arn, Name: rec.name, DeletionDate: new Date(deletionMs) };
  },
});
