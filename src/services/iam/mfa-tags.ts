/** The virtual MFA device an MFA tagging operation is about: authorized on its serial number, then required. */
import type { ConditionValue, Ctx } from '../../core/operation.js';
import { noSuchMfa } from './errors.js';
import { findDevice } from './mfa.js';
import type { IamReader, MfaRecord } from './state.js';
import { resourceTagConditions } from './tags.js';

export async function authorizedDevice(ctx: Ctx, s: IamReader, serial: string, action: string, conditions: Readonly<Record<string, ConditionValue>> = {}): Promise<MfaRecord> {
  const dev = await findDevice(s, serial);
  await ctx.authorize({ action, resource: serial, conditions: { ...resourceTagConditions(dev?.tags), ...conditions } });
  if (dev === undefined) throw noSuchMfa(serial);
  return dev;
}
