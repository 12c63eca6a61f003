/**
 * Parameter Store's service settings (user guide: parameter-store-throughput.md,
 * parameter-store-advanced-parameters.md "Specifying a default parameter tier"): per account and
 * Region, changed with UpdateServiceSetting and restored with ResetServiceSetting.
 */
import type { Ctx } from '../../core/operation.js';
import { ServiceSettingNotFound, ValidationException } from './model.gen.js';
import type { ParameterTier, ServiceSetting } from './model.gen.js';
import { readSetting } from './state.js';

export const HIGH_THROUGHPUT = '/ssm/parameter-store/high-throughput-enabled';
export const DEFAULT_TIER = '/ssm/parameter-store/default-parameter-tier';

const SETTINGS: Readonly<Record<string, { readonly defaultValue: string; readonly values: readonly string[] }>> = {
  [HIGH_THROUGHPUT]: { defaultValue: 'false', values: ['true', 'false'] },
  [DEFAULT_TIER]: { defaultValue: 'Standard', values: ['Standard', 'Advanced', 'Intelligent-Tiering'] },
};

export const settingArn = (ctx: Ctx, id: string): string => `arn:aws:ssm:${ctx.region}:${ctx.account}:servicesetting${id}`;

/** What to authorize a SettingId on: the ARN as given, or the caller's setting ARN for an id. */
export const settingResource = (ctx: Ctx, given: string): string => (given.startsWith('arn:') ? given : settingArn(ctx, given));

/**
 * A SettingId (the id or the setting's ARN) → one of Parameter Store's settings.
 * Differs from AWS: the other SSM settings (Session Manager, Automation, Explorer, …) are not kept
 * by Warden and answer ServiceSettingNotFound.
 */
export function settingId(ctx: Ctx, given: string): string {
  const prefix = `arn:aws:ssm:${ctx.region}:${ctx.account}:servicesetting`;
  const id = given.startsWith(prefix) ? given.slice(prefix.length) : given;
  // The model's description of ServiceSettingNotFound. // unverified as AWS's message
  if (SETTINGS[id] === undefined) throw new ServiceSettingNotFound("The specified service setting wasn't found. Either the service name or the setting hasn't been provisioned by the AWS service team.");
  return id;
}

export function checkSettingValue(id: string, value: string): void {
  const allowed = SETTINGS[id]!.values;
  // Warden's text. // unverified
  if (!allowed.includes(value)) throw new ValidationException(`The value ${value} is not valid for the setting ${id}. Valid values: ${allowed.join(', ')}.`);
}

export async function settingShape(ctx: Ctx, id: string): Promise<ServiceSetting> {
  const rec = await readSetting(ctx, id);
  return {
    SettingId: id,
    SettingValue: rec?.value ?? SETTINGS[id]!.defaultValue,
    // An untouched setting: AWS reports "System" as its last modifier. // unverified
    ...(rec !== undefined ? { LastModifiedDate: new Date(rec.modifiedMs) } : {}),
    LastModifiedUser: rec?.user ?? 'System',
    ARN: settingArn(ctx, id),
    Status: rec !== undefined ? 'Customized' : 'Default',
  };
}

/** The tier PutParameter uses when the request names none. */
export async function defaultTier(ctx: Ctx): Promise<ParameterTier> {
  return ((await readSetting(ctx, DEFAULT_TIER))?.value ?? 'Standard') as ParameterTier;
}
