/** Alias rules shared by CreateAlias, UpdateAlias and DeleteAlias. https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html */
import type { Ctx } from '../../core/operation.js';
import { LimitExceededException, NotAuthorizedException, NotFoundException, ValidationException } from './errors.js';
import { aliasArn, isDeleted } from './keys.js';
import { readAlias, readKeyRecord, type AliasRecord, type KeyRecord } from './state.js';

/** "You can create up to 50 aliases for each KMS key" (resource quotas). */
export const MAX_ALIASES_PER_KEY = 50;

/** AWS's checks of an alias name beyond the model's length and pattern. */
export function checkAliasName(name: string): void {
  // LocalStack's AWS recording (CreateAlias without the prefix).
  if (!name.startsWith('alias/')) {
    throw new ValidationException('Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
  }
  // Reserved for AWS managed keys: moto's and local-kms's answer (unmodeled code, no message). // unverified
  if (name.startsWith('alias/aws/')) throw new NotAuthorizedException('');
  // The model's pattern admits ':', AWS's alias rules do not (moto's wording). // unverified
  if (name.includes(':')) throw new ValidationException(`${name} contains invalid characters for an alias`);
}

/** A TargetKeyId must name a key, not an alias (moto's wording). // unverified */
export function checkTargetKeyId(targetKeyId: string): void {
  if (targetKeyId.startsWith('alias/') || /^arn:aws:kms:[^:]*:\d{12}:alias\//.test(targetKeyId)) {
    throw new ValidationException('Aliases must refer to keys. Not aliases');
  }
}

export const aliasNotFound = (ctx: Ctx, name: string): NotFoundException =>
  new NotFoundException(`Alias ${aliasArn(ctx.account, ctx.region, name)} is not found.`); // unverified (see keys.ts)

/** The alias and its key when both exist (an alias dies with its key). */
export async function liveAlias(ctx: Ctx, name: string): Promise<{ alias: AliasRecord; key: KeyRecord; keyVersion: number } | undefined> {
  const alias = await readAlias(ctx.tx, ctx.account, ctx.region, name);
  if (alias === undefined) return undefined;
  const key = await readKeyRecord(ctx, ctx.account, ctx.region, alias.targetKeyId);
  if (key === undefined || isDeleted(key.rec, ctx.clock.now())) return undefined;
  return { alias, key: key.rec, keyVersion: key.version };
}

export function checkAliasQuota(rec: KeyRecord): void {
  if (rec.aliases.length >= MAX_ALIASES_PER_KEY) {
    throw new LimitExceededException(`The request was rejected because ${rec.arn} already has ${MAX_ALIASES_PER_KEY} aliases.`); // unverified
  }
}

export const withAlias = (rec: KeyRecord, name: string): KeyRecord => ({ ...rec, aliases: rec.aliases.includes(name) ? rec.aliases : [...rec.aliases, name] });
export const withoutAlias = (rec: KeyRecord, name: string): KeyRecord => ({ ...rec, aliases: rec.aliases.filter((a) => a !== name) });
