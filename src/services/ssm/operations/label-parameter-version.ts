// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_LabelParameterVersion.html
import { defineOperation } from '../../../core/operation.js';
import { ParameterVersionLabelLimitExceeded, ParameterVersionNotFound } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { loadAuthorized } from '../params.js';
import { current, putParameterRecord } from '../state.js';

type Op = Operations['LabelParameterVersion'];

/**
 * Letters, digits, `.`, `-`, `_`; ≤ 100 characters; not starting with a digit, `aws` or `ssm`
 * (sysman-paramstore-labels.md). Invalid labels are returned, not errors.
 */
export const validLabel = (l: string): boolean => l.length <= 100 && /^[a-zA-Z0-9_.-]+$/.test(l) && !/^[0-9]/.test(l) && !/^(aws|ssm)/i.test(l);

/** Labels per version (sysman-paramstore-labels.md). */
const MAX_LABELS = 10;

export const labelParameterVersion = defineOperation<Op['input'], Op['output']>({
  name: 'LabelParameterVersion',
  actions: ['ssm:LabelParameterVersion'],
  readOnly: false,
  async handler(input, ctx) {
    const { found } = await loadAuthorized(ctx, input.Name, 'ssm:LabelParameterVersion');
    const rec = found.rec;
    const target = input.ParameterVersion ?? current(rec).version;
    // moto's text. // unverified
    if (!rec.versions.some((v) => v.version === target)) throw new ParameterVersionNotFound(`Systems Manager could not find version ${target} of ${rec.name}. Verify the version and try again.`);
    const labels = [...new Set(input.Labels)];
    const valid = labels.filter(validLabel);
    const invalid = labels.filter((l) => !validLabel(l));
    // A label is on at most one version: labeling another version moves it.
    const versions = rec.versions.map((v) =>
      v.version === target ? { ...v, labels: [...new Set([...v.labels, ...valid])] } : { ...v, labels: v.labels.filter((l) => !valid.includes(l)) },
    );
    // moto's text, without the "An error occurred (…) when calling …:" prefix it carried (the CLI
    // adds that itself). // unverified
    if (versions.find((v) => v.version === target)!.labels.length > MAX_LABELS) {
      throw new ParameterVersionLabelLimitExceeded('A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.');
    }
    putParameterRecord(ctx, { ...rec, versions }, found.version);
    return { InvalidLabels: invalid, ParameterVersion: target };
  },
});
