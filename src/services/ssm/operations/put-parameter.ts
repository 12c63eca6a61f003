// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html
import { defineOperation } from '../../../core/operation.js';
import {
  InvalidAllowedPatternException,
  ParameterAlreadyExists,
  ParameterLimitExceeded,
  ParameterMaxVersionLimitExceeded,
  ParameterPatternMismatchException,
  ValidationException,
} from '../errors.js';
import { encryptValue, KMS_DECRYPT, KMS_ENCRYPT, MANAGED_KEY_ALIAS } from '../kms.js';
import type { Operations, ParameterTier } from '../model.gen.js';
import { checkName, trimName } from '../params.js';
import { parsePolicies } from '../policies.js';
import { defaultTier } from '../settings.js';
import { checkTags, requestTagConditions, resourceTagConditions } from '../tags.js';
import { current, PARAMETER_CODEC_VERSION, parameterArn, putParameterRecord, readParameter, storedTier, tierCounter, type ParameterRecord, type ParameterVersion, type TierCounter } from '../state.js';

type Op = Operations['PutParameter'];

// Texts of AWS's PutParameter errors as reported by users and reproduced by moto. // unverified byte for byte
const EXISTS = 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.';
const TAGS_AND_OVERWRITE =
  "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.";
const TYPE_REQUIRED = 'A parameter type is required when you create a parameter.';
const STANDARD_TOO_LONG =
  'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html';
const ADVANCED_TOO_LONG = 'Advanced tier parameters support a maximum parameter value of 8192 characters.';
const NO_DOWNGRADE =
  "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.";
// Warden's text. // unverified
const POLICIES_NEED_ADVANCED = 'Parameter policies are supported only for parameters in the advanced-parameter tier. Specify Advanced or Intelligent-Tiering as the tier.';
const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];
const STANDARD_MAX = 4096;
const ADVANCED_MAX = 8192;
/** Within this many parameters of a quota, creates count exactly (state.ts, tierCounter). */
const NEAR_QUOTA = 100;
/** Versions kept (sysman-paramstore-versions.md). */
const MAX_VERSIONS = 100;

/**
 * The tier a version gets: Advanced stays Advanced; Intelligent-Tiering picks Advanced only when
 * the value is over 4 KB, policies are attached, or the standard tier is full
 * (parameter-store-advanced-parameters.md; API reference, PutParameter Tier).
 */
function tierOf(requested: ParameterTier, explicit: boolean, previous: ParameterVersion | undefined, value: string, withPolicies: boolean, standardFull: boolean): 'Standard' | 'Advanced' {
  const size = Buffer.byteLength(value, 'utf8');
  if (explicit && requested === 'Standard' && previous?.tier === 'Advanced') throw new ValidationException(NO_DOWNGRADE);
  const needed = size > STANDARD_MAX || withPolicies || standardFull;
  const tier = requested === 'Advanced' || previous?.tier === 'Advanced' || (requested === 'Intelligent-Tiering' && needed) ? 'Advanced' : 'Standard';
  if (tier === 'Standard' && size > STANDARD_MAX) throw new ValidationException(STANDARD_TOO_LONG);
  if (tier === 'Standard' && withPolicies) throw new ValidationException(POLICIES_NEED_ADVANCED);
  if (size > ADVANCED_MAX) throw new ValidationException(ADVANCED_TOO_LONG);
  return tier;
}

/** aws:ec2:image values name an AMI: `ami-` and 8 or 17 hex digits (parameter-store-ec2-aliases.md). */
function checkDataTypeValue(dataType: string, value: string): void {
  // AWS then validates asynchronously that the AMI exists; Warden has no EC2 to ask. Differs from AWS.
  // Warden's text. // unverified
  if (dataType === 'aws:ec2:image' && !/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value)) throw new ValidationException(`Parameter value ${value} doesn't match the data type aws:ec2:image: the value must be an Amazon Machine Image ID such as ami-0123456789abcdef0.`);
}

/** Creating a parameter, or moving one to Advanced, within the account and Region's quota for its tier. */
function checkQuota(config: { ssmStandardParameterLimit: number; ssmAdvancedParameterLimit: number }, tier: 'Standard' | 'Advanced', count: { standard: number; advanced: number }): void {
  // The standard text is AWS's answer as a user reported it (NordicSemiconductor/asset-tracker-cloud-aws-js#514).
  if (tier === 'Standard' && count.standard >= config.ssmStandardParameterLimit) {
    throw new ParameterLimitExceeded(
      `You have reached the maximum number of standard parameters for this AWS account and Region (${config.ssmStandardParameterLimit}). To add more parameters, either delete existing parameters or upgrade to the advanced-parameter tier (charges apply).`,
    );
  }
  // unverified: AWS's text for the advanced quota; modeled on the standard one.
  if (tier === 'Advanced' && count.advanced >= config.ssmAdvancedParameterLimit) {
    throw new ParameterLimitExceeded(`You have reached the maximum number of advanced parameters for this AWS account and Region (${config.ssmAdvancedParameterLimit}). To add more parameters, delete existing parameters.`);
  }
}

function checkPattern(pattern: string | undefined, value: string): void {
  if (pattern === undefined) return;
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch (err) {
    throw new InvalidAllowedPatternException(`Invalid regular expression: ${pattern}`); // unverified
  }
  // moto's text. // unverified
  if (!re.test(value)) throw new ParameterPatternMismatchException(`Parameter value, cannot be validated against allowedPattern: ${pattern}`);
}

export const putParameter = defineOperation<Op['input'], Op['output']>({
  name: 'PutParameter',
  actions: ['ssm:PutParameter', 'ssm:AddTagsToResource', KMS_ENCRYPT, KMS_DECRYPT],
  readOnly: false,
  async handler(input, ctx) {
    // The length constraints of AWS's model for Value (1–32768), which the published model lost;
    // AWS's text as users report it (the sensitive value not echoed).
    if (input.Value.length < 1 || input.Value.length > 32768) {
      const bound = input.Value.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 32768';
      throw new ValidationException(`1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length ${bound}`);
    }
    const name = trimName(input.Name);
    const arn = parameterArn(ctx.account, ctx.region, name);
    const overwrite = input.Overwrite === true;
    const tagsIn = input.Tags ?? [];
    const found = await readParameter(ctx, ctx.account, ctx.region, name);
    await ctx.authorize({ action: 'ssm:PutParameter', resource: arn, conditions: { 'ssm:Overwrite': String(overwrite), ...resourceTagConditions(found?.rec.tags), ...requestTagConditions(tagsIn) } });
    checkName(ctx, name);
    if (tagsIn.length > 0) {
      if (overwrite) throw new ValidationException(TAGS_AND_OVERWRITE);
      await ctx.authorize({ action: 'ssm:AddTagsToResource', resource: arn, conditions: requestTagConditions(tagsIn) });
    }
    const tags = checkTags(tagsIn);
    if (found !== undefined && !overwrite) throw new ParameterAlreadyExists(EXISTS);
    const previous = found === undefined ? undefined : current(found.rec);
    // An overwrite may change the type (String, StringList, SecureString either way): real AWS
    // accepts it (terraform-provider-aws changes SecureString to String in place, acceptance test
    // TestAccAWSSSMParameter_updateType, PR #10819). So HierarchyTypeMismatchException ("Parameter
    // Store doesn't support changing a parameter type in a hierarchy") is not raised: no request
    // that draws it from AWS was found. // unverified
    const type = input.Type ?? previous?.type;
    if (type === undefined) throw new ValidationException(TYPE_REQUIRED);
    const dataType = input.DataType ?? previous?.dataType ?? 'text';
    // AWS's text for an unknown data type. // unverified
    if (!DATA_TYPES.includes(dataType)) throw new ValidationException(`The following data type is not supported: ${dataType} (Data type names are all lowercase.)`);
    if (dataType !== 'text' && type !== 'String') throw new ValidationException(`The following data type is not supported for the parameter type ${type}: ${dataType}`); // unverified
    checkDataTypeValue(dataType, input.Value);
    // "You can't include values wrapped in double brackets {{}} or {{ssm:parameter-name}} in a
    // parameter value" (API reference, PutParameter Value). The message text is users' reports. // unverified
    if (/\{\{.*\}\}/s.test(input.Value)) throw new ValidationException('Parameter value can\'t nest another parameter. Do not use "{{}}" in the value.');
    // KeyId applies to SecureString only. // unverified text
    if (input.KeyId !== undefined && type !== 'SecureString') throw new ValidationException('KeyId is required for SecureString type parameter only.');
    // Policies stay until new ones (or `[{}]`) are sent (parameter-store-policies.md).
    const policies = input.Policies !== undefined ? parsePolicies(input.Policies, ctx.clock.now()) : (previous?.policies ?? []);
    // The record stored under the name, if any (an expired one the policy job has not deleted yet
    // is replaced, and counted, like a live one).
    const storedAs = previous !== undefined ? (previous.tier as 'Standard' | 'Advanced') : await storedTier(ctx.tx, ctx.account, ctx.region, name);
    const requested = input.Tier ?? (await defaultTier(ctx));
    let tier = tierOf(requested, input.Tier !== undefined, previous, input.Value, policies.length > 0, false);
    const allowedPattern = input.AllowedPattern ?? previous?.allowedPattern;
    checkPattern(allowedPattern, input.Value);
    let versions = found?.rec.versions ?? [];
    if (versions.length >= MAX_VERSIONS) {
      const oldest = versions[0]!;
      // The text the API reference gives for ParameterMaxVersionLimitExceeded.
      if (oldest.labels.length > 0) {
        throw new ParameterMaxVersionLimitExceeded(
          `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. Version ${oldest.version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
        );
      }
      versions = versions.slice(1);
    }
    const rec: ParameterRecord = { v: PARAMETER_CODEC_VERSION, name, arn, account: ctx.account, region: ctx.region, versions, ...(found !== undefined ? { tags: found.rec.tags ?? [] } : { tags }) };
    const version = (previous?.version ?? 0) + 1;
    const description = input.Description ?? previous?.description;
    let stored: Pick<ParameterVersion, 'value' | 'keyId' | 'keyArn' | 'dataKey'> = { value: input.Value };
    if (type === 'SecureString') {
      const keyId = input.KeyId ?? (previous?.type === 'SecureString' && input.Type === undefined ? previous.keyId : undefined);
      const sealed = await encryptValue(ctx, rec, version, keyId === MANAGED_KEY_ALIAS ? undefined : keyId, input.Value);
      stored = { ...sealed, keyId: keyId ?? MANAGED_KEY_ALIAS };
    }
    // The quotas, checked last (after the KMS call), so that a create holds its part of the tier
    // count (state.ts, tierCounter) as briefly as possible; read only when the count changes: a
    // create, or a move to Advanced.
    let counter: TierCounter | undefined;
    if (tier !== storedAs) {
      const { ssmStandardParameterLimit: standardMax, ssmAdvancedParameterLimit: advancedMax } = ctx.config;
      counter = await tierCounter(ctx.tx, ctx.account, ctx.region, (c) => c.standard >= standardMax - NEAR_QUOTA || c.advanced >= advancedMax - NEAR_QUOTA);
      if (storedAs === undefined && requested === 'Intelligent-Tiering' && tier === 'Standard' && counter.count.standard >= standardMax) {
        tier = tierOf(requested, false, previous, input.Value, policies.length > 0, true);
      }
      if (tier !== storedAs) checkQuota(ctx.config, tier, counter.count);
    }
    const v: ParameterVersion = {
      version,
      type,
      tier,
      dataType,
      modifiedMs: ctx.clock.now(),
      user: ctx.principal.arn,
      labels: [],
      ...(description !== undefined ? { description } : {}),
      ...(allowedPattern !== undefined ? { allowedPattern } : {}),
      ...(policies.length > 0 ? { policies } : {}),
      ...stored,
    };
    ctx.audit.addResource(arn, 'AWS::SSM::Parameter');
    await counter?.change(storedAs, tier);
    putParameterRecord(ctx, { ...rec, versions: [...versions, v] }, found?.version);
    return { Version: version, Tier: tier };
  },
});
