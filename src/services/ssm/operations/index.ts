import type { OperationMap } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { addTagsToResource } from './add-tags-to-resource.js';
import { getServiceSetting } from './get-service-setting.js';
import { listTagsForResource } from './list-tags-for-resource.js';
import { removeTagsFromResource } from './remove-tags-from-resource.js';
import { resetServiceSetting } from './reset-service-setting.js';
import { updateServiceSetting } from './update-service-setting.js';
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
  AddTagsToResource: addTagsToResource,
  DeleteParameter: deleteParameter,
  DeleteParameters: deleteParameters,
  DescribeParameters: describeParameters,
  GetParameter: getParameter,
  GetParameterHistory: getParameterHistory,
  GetParameters: getParameters,
  GetParametersByPath: getParametersByPath,
  GetServiceSetting: getServiceSetting,
  LabelParameterVersion: labelParameterVersion,
  ListTagsForResource: listTagsForResource,
  PutParameter: putParameter,
  RemoveTagsFromResource: removeTagsFromResource,
  ResetServiceSetting: resetServiceSetting,
  UnlabelParameterVersion: unlabelParameterVersion,
  UpdateServiceSetting: updateServiceSetting,
} satisfies OperationMap<Operations>;
