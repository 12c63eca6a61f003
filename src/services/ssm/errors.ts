/** SSM's errors used by Parameter Store (all modeled, AccessDeniedException included). */
export {
  AccessDeniedException,
  HierarchyLevelLimitExceededException,
  InternalServerError,
  InvalidAllowedPatternException,
  InvalidFilterKey,
  InvalidFilterOption,
  InvalidKeyId,
  InvalidNextToken,
  ParameterAlreadyExists,
  ParameterMaxVersionLimitExceeded,
  ParameterNotFound,
  ParameterPatternMismatchException,
  ParameterVersionLabelLimitExceeded,
  ParameterVersionNotFound,
  UnsupportedParameterType,
  ValidationException,
} from './model.gen.js';
