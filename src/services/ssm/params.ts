/** What Parameter Store's operations share: names, selectors, authorization, shapes, paging. */
import type { ConditionValue, Ctx } from '../../core/operation.js';
import { HierarchyLevelLimitExceededException, InvalidNextToken, ParameterNotFound, ParameterVersionNotFound, ValidationException } from './errors.js';
import { valueOf } from './kms.js';
import type { Parameter, ParameterHistory, ParameterInlinePolicy, ParameterMetadata } from './model.gen.js';
import { publicArn, publicName, publicParameter } from './public.js';
import { isReference, secretReference } from './reference.js';
import { resourceTagConditions } from './tags.js';
import { current, parameterArn, readParameter, type LoadedParameter, type ParameterRecord, type ParameterVersion } from './state.js';

/**
 * AWS answers ParameterNotFound without a message for GetParameter (the CLI prints
 * "An error occurred (ParameterNotFound) when calling the GetParameter operation: "). // unverified for the other operations
 */
export const notFound = (): ParameterNotFound => new ParameterNotFound('');

// AWS's name-format text (seen in users' reports of PutParameter ValidationException). // unverified byte for byte
export const BAD_NAME =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

const ARN = /^arn:aws:ssm:([^:]*):(\d{12}):parameter\/(.*)$/s;

export interface ParameterRef {
  readonly account: string;
  readonly region: string;
  /** Candidate stored names (an ARN's `a` may be the name `a` or `/a`). */
  readonly names: readonly string[];
  /** The ARN to authorize on. */
  readonly resource: string;
  /** `:3` or `:label`, as given. */
  readonly selector?: string;
}

/**
 * "The service removes any spaces specified for the beginning or end of a parameter name" (API
 * reference, GetParameter and PutParameter Name); spaces inside it remain, and fail the name rules.
 */
export const trimName = (name: string): string => name.replace(/^ +| +$/g, '');

/** A name or ARN, optionally with a `:version` or `:label` selector. */
export function parseRef(ctx: Ctx, given: string): ParameterRef {
  const id = trimName(given);
  const m = ARN.exec(id);
  let account = ctx.account;
  let region = ctx.region;
  let rest = id;
  if (m !== null) [, region, account, rest] = m as unknown as [string, string, string, string];
  const colon = rest.lastIndexOf(':');
  const selector = colon >= 0 ? rest.slice(colon) : undefined;
  const bare = colon >= 0 ? rest.slice(0, colon) : rest;
  const names = m === null ? [bare] : bare.includes('/') ? [`/${bare}`] : [bare, `/${bare}`];
  return { account, region, names, resource: parameterArn(account, region, names[0]!), ...(selector !== undefined ? { selector } : {}) };
}

export async function findParameter(ctx: Ctx, ref: ParameterRef): Promise<LoadedParameter | undefined> {
  if (ref.region !== ctx.region) return undefined;
  for (const name of ref.names) {
    const p = await readParameter(ctx, ref.account, ref.region, name);
    if (p !== undefined) return p;
  }
  return undefined;
}

/**
 * Authorizes `action` on the parameter an id names (with its aws:ResourceTag/* keys when it
 * exists), then returns it; ParameterNotFound when it does not exist.
 */
export async function loadAuthorized(ctx: Ctx, id: string, action: string, conditions?: Record<string, ConditionValue>, opts: { selector?: boolean } = {}): Promise<{ ref: ParameterRef; found: LoadedParameter }> {
  const ref = parseRef(ctx, id);
  // Only GetParameter(s) read `name:version` / `name:label`; elsewhere the colon is part of the
  // name, which no parameter can have (names take letters, digits and .-_/), so nothing is found
  // (never the whole parameter, which DeleteParameter would delete). // unverified: AWS's answer
  const found = ref.selector !== undefined && opts.selector !== true ? undefined : await findParameter(ctx, ref);
  await authorizeOn(ctx, action, ref.resource, found?.rec, conditions);
  if (found === undefined) throw notFound();
  ctx.audit.addResource(found.rec.arn, 'AWS::SSM::Parameter', found.rec.account);
  return { ref, found };
}

/** ctx.authorize on a parameter ARN, adding the parameter's resource-tag condition keys. */
export async function authorizeOn(ctx: Ctx, action: string, resource: string, rec: ParameterRecord | undefined, conditions?: Record<string, ConditionValue>): Promise<void> {
  const c = { ...resourceTagConditions(rec?.tags), ...conditions };
  await ctx.authorize({ action, resource: rec?.arn ?? resource, ...(Object.keys(c).length > 0 ? { conditions: c } : {}) });
}

/** The version a selector picks: `:<n>` a version, `:<label>` a label; none → the current version. */
export function selectVersion(rec: ParameterRecord, selector: string | undefined): ParameterVersion {
  if (selector === undefined) return current(rec);
  const s = selector.slice(1);
  const v = /^\d+$/.test(s) ? rec.versions.find((x) => x.version === Number(s)) : rec.versions.find((x) => x.labels.includes(s));
  // moto's texts. // unverified
  if (v === undefined) {
    throw /^\d+$/.test(s)
      ? new ParameterVersionNotFound(`Systems Manager could not find version ${s} of ${rec.name}. Verify the version and try again.`)
      : new ParameterVersionNotFound(`Systems Manager could not find label ${s} of ${rec.name}. Verify the label and try again.`); // unverified
  }
  return v;
}

/** AWS's own name rules beyond the model's length (sysman-parameter-name-constraints.md). */
export function checkName(ctx: Ctx, name: string): void {
  if (!/^[a-zA-Z0-9_.\-/]+$/.test(name) || /^\/?(aws|ssm)/i.test(name) || name.includes('//')) throw new ValidationException(BAD_NAME);
  // "Fully qualified": a name with a slash must begin with one. moto's text. // unverified
  if (name.includes('/') && !name.startsWith('/')) throw new ValidationException('Parameter name must be a fully qualified name.');
  if (name.endsWith('/')) throw new ValidationException(BAD_NAME);
  // 1011 characters including the ARN prefix. // unverified text
  if (parameterArn(ctx.account, ctx.region, name).length > 1011) {
    throw new ValidationException(`Parameter name: ${name} exceeds the maximum length of 1011 characters including the parameter ARN.`);
  }
  if (name.split('/').filter((s) => s !== '').length > 15) {
    // moto's text. // unverified
    throw new HierarchyLevelLimitExceededException(
      'A hierarchy can have a maximum of 15 levels. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html#sysman-parameter-name-constraints',
    );
  }
}

export async function parameterShape(ctx: Ctx, rec: ParameterRecord, v: ParameterVersion, withDecryption: boolean, selector?: string): Promise<Parameter> {
  return {
    Name: rec.name,
    Type: v.type,
    Value: await valueOf(ctx, rec, v, withDecryption),
    Version: v.version,
    ...(selector !== undefined ? { Selector: selector } : {}),
    LastModifiedDate: new Date(v.modifiedMs),
    ARN: rec.arn,
    DataType: v.dataType,
  };
}

export function metadataShape(rec: ParameterRecord): ParameterMetadata {
  const v = current(rec);
  return {
    Name: rec.name,
    ARN: rec.arn,
    Type: v.type,
    ...(v.keyId !== undefined ? { KeyId: v.keyId } : {}),
    LastModifiedDate: new Date(v.modifiedMs),
    LastModifiedUser: v.user,
    ...(v.description !== undefined ? { Description: v.description } : {}),
    ...(v.allowedPattern !== undefined ? { AllowedPattern: v.allowedPattern } : {}),
    Version: v.version,
    Tier: v.tier,
    Policies: policiesShape(v),
    DataType: v.dataType,
  };
}

export const policiesShape = (v: ParameterVersion): ParameterInlinePolicy[] =>
  (v.policies ?? []).map((p) => ({ PolicyText: p.text, PolicyType: p.type, PolicyStatus: p.status }));

export async function historyShape(ctx: Ctx, rec: ParameterRecord, v: ParameterVersion, withDecryption: boolean): Promise<ParameterHistory> {
  return {
    Name: rec.name,
    Type: v.type,
    ...(v.keyId !== undefined ? { KeyId: v.keyId } : {}),
    LastModifiedDate: new Date(v.modifiedMs),
    LastModifiedUser: v.user,
    ...(v.description !== undefined ? { Description: v.description } : {}),
    Value: await valueOf(ctx, rec, v, withDecryption),
    ...(v.allowedPattern !== undefined ? { AllowedPattern: v.allowedPattern } : {}),
    Version: v.version,
    Labels: [...v.labels],
    Tier: v.tier,
    Policies: policiesShape(v),
    DataType: v.dataType,
  };
}

/** NextToken paging over an ordered list: the token is an offset, opaque to callers. */
export function page<T>(items: readonly T[], maxResults: number, token: string | undefined): { items: T[]; next?: string } {
  let start = 0;
  if (token !== undefined) {
    const raw = Buffer.from(token, 'base64url').toString('utf8');
    // The modeled error; its text here is Warden's. // unverified
    if (!/^o:\d+$/.test(raw) || Number(raw.slice(2)) > items.length) throw new InvalidNextToken('The specified token is not valid.');
    start = Number(raw.slice(2));
  }
  const end = start + maxResults;
  return { items: items.slice(start, end), ...(end < items.length ? { next: Buffer.from(`o:${end}`, 'utf8').toString('base64url') } : {}) };
}

/**
 * A name Parameter Store answers without a stored parameter: an AWS public parameter
 * (/aws/service/…) or a Secrets Manager reference (/aws/reference/secretsmanager/…). Undefined
 * when `id` is neither; ParameterNotFound / ParameterVersionNotFound when it is but names nothing.
 */
export async function specialParameter(ctx: Ctx, id: string, withDecryption: boolean, action: string): Promise<Parameter | undefined> {
  const colon = id.lastIndexOf(':');
  const hasSelector = colon > id.lastIndexOf('/');
  const bare = hasSelector ? id.slice(0, colon) : id;
  const selector = hasSelector ? id.slice(colon) : undefined;
  if (isReference(bare)) return secretReference(ctx, bare, selector, withDecryption, action);
  const name = publicName(bare);
  if (name === undefined) return undefined;
  await ctx.authorize({ action, resource: publicArn(ctx.region, name) });
  const p = publicParameter(ctx.region, name);
  if (p === undefined) throw notFound();
  ctx.audit.addResource(p.ARN!, 'AWS::SSM::Parameter');
  if (selector === undefined) return p;
  // Public parameters here have one version and no labels. Same text as selectVersion's. // unverified
  if (selector !== ':1') throw new ParameterVersionNotFound(`Systems Manager could not find version ${selector.slice(1)} of ${name}. Verify the version and try again.`);
  return { ...p, Selector: selector };
}
