// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecretVersionStage.html
import { defineOperation } from '../../../core/operation.js';
import { InvalidParameterException } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { assertNotDeleted, attachLabels, checkLabelQuota, CURRENT, loadAuthorized } from '../secrets.js';
import { putSecret, type VersionRecord } from '../state.js';

type Op = Operations['UpdateSecretVersionStage'];

export const updateSecretVersionStage = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateSecretVersionStage',
  actions: ['secretsmanager:UpdateSecretVersionStage'],
  readOnly: false,
  async handler(input, ctx) {
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:UpdateSecretVersionStage', {
      purge: true,
      extra: { 'secretsmanager:VersionStage': input.VersionStage },
    });
    const rec = found.rec;
    assertNotDeleted(rec);
    const label = input.VersionStage;
    const holder = rec.versions.find((v) => v.stages.includes(label));
    const find = (id: string): VersionRecord => {
      const v = rec.versions.find((x) => x.id === id);
      // moto's text. // unverified
      if (v === undefined) throw new InvalidParameterException(`Secrets Manager can't find the specified secret version: ${id}`);
      return v;
    };
    if (input.MoveToVersionId !== undefined) find(input.MoveToVersionId);
    if (input.RemoveFromVersionId !== undefined && holder?.id !== input.RemoveFromVersionId) {
      find(input.RemoveFromVersionId);
      // moto's text. // unverified
      throw new InvalidParameterException(`The parameter RemoveFromVersionId can't be empty. Staging label ${label} is currently attached to version ${holder?.id}, so you must explicitly reference that version in RemoveFromVersionId.`);
    }
    let versions: VersionRecord[];
    if (input.MoveToVersionId !== undefined) {
      if (holder !== undefined && holder.id !== input.MoveToVersionId && input.RemoveFromVersionId === undefined) {
        // moto's text (AWS requires naming the current holder). // unverified
        throw new InvalidParameterException(`The parameter RemoveFromVersionId can't be empty. Staging label ${label} is currently attached to version ${holder.id}, so you must explicitly reference that version in RemoveFromVersionId.`);
      }
      versions = attachLabels(rec.versions, input.MoveToVersionId, [label]);
    } else {
      if (label === CURRENT && holder !== undefined) {
        // AWSCURRENT can only be moved, never removed (API reference). // unverified text
        throw new InvalidParameterException('You can only move staging label AWSCURRENT to a different secret version. It can’t be completely removed.');
      }
      versions = rec.versions.map((v) => (v.stages.includes(label) ? { ...v, stages: v.stages.filter((s) => s !== label) } : v));
    }
    checkLabelQuota(versions);
    putSecret(ctx, { ...rec, versions, lastChangedMs: ctx.clock.now() }, found.version);
    return { ARN: rec.arn, Name: rec.name };
  },
});
