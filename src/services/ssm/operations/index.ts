import type { OperationMap } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { deleteParameter } from './delete-parameter.js';
import { deleteParameters } from './delete-parameters.js';
import { describeParameters } from './describe-parameters.js';
import { getParameter } from './get-parameter.js';
import { getParameterHistory } from './get-parameter-history.js';
import { getParameters } from './get-parameters.js';
import { getParametersByPath } from './get-parameters-by-path.js';
import { labelParameterVersion } from './label-parameter-version.js';
import { putParameter } from './put-parameter.js';
import { unlabelParameterVersion } from './unlabel-parameter-version.js';

export const operations = {
  DeleteParameter: deleteParameter,
  DeleteParameters: deleteParameters,
  DescribeParameters: describeParameters,
  GetParameter: getParameter,
  GetParameterHistory: getParameterHistory,
  GetParameters: getParameters,
  GetParametersByPath: getParametersByPath,
  LabelParameterVersion: labelParameterVersion,
  PutParameter: putParameter,
  UnlabelParameterVersion: unlabelParameterVersion,
} satisfies OperationMap<Operations>;
