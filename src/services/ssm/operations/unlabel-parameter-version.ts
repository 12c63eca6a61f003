// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_UnlabelParameterVersion.html
import { defineOperation } from '../../../core/operation.js';
import { ParameterVersionNotFound } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { loadAuthorized } from '../params.js';
import { putParameterRecord } from '../state.js';

type Op = Operations['UnlabelParameterVersion'];

export const unlabelParameterVersion = defineOperation<Op['input'], Op['output']>({
  name: 'UnlabelParameterVersion',
  actions: ['ssm:UnlabelParameterVersion'],
  readOnly: false,
  async handler(input, ctx) {
    const { found } = await loadAuthorized(ctx, input.Name, 'ssm:UnlabelParameterVersion');
    const rec = found.rec;
    const target = rec.versions.find((v) => v.version === input.ParameterVersion);
    // moto's text. // unverified
    if (target === undefined) throw new ParameterVersionNotFound(`Systems Manager could not find version ${input.ParameterVersion} of ${rec.name}. Verify the version and try again.`);
    const labels = [...new Set(input.Labels)];
    const removed = labels.filter((l) => target.labels.includes(l));
    const invalid = labels.filter((l) => !target.labels.includes(l));
    const versions = rec.versions.map((v) => (v === target ? { ...v, labels: v.labels.filter((l) => !removed.includes(l)) } : v));
    if (removed.length > 0) putParameterRecord(ctx, { ...rec, versions }, found.version);
    return { RemovedLabels: removed, InvalidLabels: invalid };
  },
});
