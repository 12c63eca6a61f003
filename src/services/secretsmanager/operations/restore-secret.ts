// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RestoreSecret.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { loadAuthorized } from '../secrets.js';
import { versionDeleteEvents } from '../service.js';
import { putSecret } from '../state.js';

type Op = Operations['RestoreSecret'];

export const restoreSecret = defineOperation<Op['input'], Op['output']>({
  name: 'RestoreSecret',
  actions: ['secretsmanager:RestoreSecret'],
  readOnly: false,
  async handler(input, ctx) {
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:RestoreSecret', { purge: true });
    const { deletedMs: _d, deletionMs: _n, ...rest } = found.rec;
    if (found.rec.deletedMs !== undefined) {
      putSecret(ctx, rest, found.version);
      versionDeleteEvents(ctx.tx, 'CancelSecretVersionDelete', rest, ctx.clock.now());
    }
    return { ARN: rest.arn, Name: rest.name };
  },
});
