/**
 * Trails and their storage keys (built here only):
 *
 *   cloudtrail/<account>/<home region>/trail/<name>   TrailRecord
 *
 *   cloudtrail/<account>/<home region>/delivery/<name> DeliveryState (delivery.ts)
 *
 *   cloudtrail/<account>/<home region>/insights-delivery/<name>   Insights delivery position (insights.ts)
 *
 *   cloudtrail/<account>/global/insights/state         the account's Insights analysis (insights.ts)
 *
 * A multi-Region trail is stored once, in its home Region, and shows in every other Region as a
 * shadow trail (DescribeTrails includeShadowTrails, GetTrail by name).
 * The trail's bucket is checked at CreateTrail/UpdateTrail (bucket-check.ts) and delivered into
 * through Warden's S3 (sink.ts, delivery.ts).
 */
import { WardenBug } from '../../core/errors.js';
import type { Ctx } from '../../core/operation.js';
import type { Entry } from '../../store/store.js';
import { InvalidTrailNameException, TrailNotFoundException } from './errors.js';
import type { AdvancedEventSelector, EventSelector, InsightSelector, Tag, Trail } from './model.gen.js';
import { InvalidHomeRegionException, InvalidParameterCombinationException } from './errors.js';

const CODEC_VERSION = 1;

export interface TrailRecord {
  readonly v: typeof CODEC_VERSION;
  readonly name: string;
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  readonly s3BucketName: string;
  readonly s3KeyPrefix?: string;
  readonly snsTopicName?: string;
  readonly includeGlobalServiceEvents: boolean;
  readonly isMultiRegionTrail: boolean;
  readonly logFileValidationEnabled: boolean;
  readonly cloudWatchLogsLogGroupArn?: string;
  readonly cloudWatchLogsRoleArn?: string;
  readonly kmsKeyId?: string;
  readonly isOrganizationTrail: boolean;
  readonly tags: readonly Tag[];
  readonly isLogging: boolean;
  readonly startLoggingMs?: number;
  /** The audit log's last seq when logging started: delivery reads only what follows. */
  readonly startLoggingSeq?: number;
  readonly stopLoggingMs?: number;
  /** Absent: the default (all management events). Exclusive with advancedEventSelectors. */
  readonly eventSelectors?: readonly EventSelector[];
  readonly advancedEventSelectors?: readonly AdvancedEventSelector[];
  readonly insightSelectors?: readonly InsightSelector[];
}

const prefixOf = (account: string, region: string): string => `cloudtrail/${account}/${region}/trail/`;
export const deliveryKey = (rec: Pick<TrailRecord, 'account' | 'region' | 'name'>): string => `cloudtrail/${rec.account}/${rec.region}/delivery/${rec.name}`;
export const insightsDeliveryKey = (rec: Pick<TrailRecord, 'account' | 'region' | 'name'>): string => `cloudtrail/${rec.account}/${rec.region}/insights-delivery/${rec.name}`;
export const insightsStateKey = (account: string): string => `cloudtrail/${account}/global/insights/state`;
export const trailArn = (account: string, region: string, name: string): string => `arn:aws:cloudtrail:${region}:${account}:trail/${name}`;

export function decode(entry: Entry): TrailRecord {
  const rec = JSON.parse(Buffer.from(entry.value).toString('utf8')) as TrailRecord;
  if (rec.v !== CODEC_VERSION) throw new WardenBug(`${entry.key} has record version ${rec.v}, which this Warden does not read`);
  return rec;
}

/**
 * AWS's trail name rules, with the messages moto reproduces (moto/cloudtrail/exceptions.py):
 * 3–128 characters of letters, digits, `.`, `_`, `-`; starting and ending with a letter or digit.
 * // unverified against AWS itself; AWS also refuses adjacent `._-` characters (CreateTrail
 * reference), whose message is unknown here.
 */
export function checkTrailName(name: string): void {
  if (name.length < 3) throw new InvalidTrailNameException(`Trail name too short. Minimum allowed length: 3 characters. Specified name length: ${name.length} characters.`);
  if (name.length > 128) throw new InvalidTrailNameException(`Trail name too long. Maximum allowed length: 128 characters. Specified name length: ${name.length} characters.`);
  if (!/^[A-Za-z0-9]/.test(name)) throw new InvalidTrailNameException('Trail name must starts with a letter or number.');
  if (!/[A-Za-z0-9]$/.test(name)) throw new InvalidTrailNameException('Trail name must ends with a letter or number.');
  if (!/^[A-Za-z0-9._-]+$/.test(name) || /[._-]{2}/.test(name)) {
    throw new InvalidTrailNameException('Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).');
  }
}

/** moto's text (moto/cloudtrail/exceptions.py). // unverified against AWS */
export const notFound = (account: string, nameOrArn: string): TrailNotFoundException =>
  new TrailNotFoundException(`Unknown trail: ${nameOrArn} for the user: ${account}`);

/** A trail named by name (in the caller's Region) or by ARN (its home Region). */
export async function loadTrail(ctx: Ctx, nameOrArn: string): Promise<{ rec: TrailRecord; version: number }> {
  let region = ctx.region;
  let name = nameOrArn;
  const m = /^arn:aws:cloudtrail:([a-z0-9-]+):(\d{12}):trail\/(.+)$/.exec(nameOrArn);
  if (m !== null) {
    if (m[2] !== ctx.account) throw notFound(ctx.account, nameOrArn);
    region = m[1]!;
    name = m[3]!;
  } else {
    checkTrailName(name);
  }
  const entry = await ctx.tx.get(`${prefixOf(ctx.account, region)}${name}`);
  if (entry !== undefined) return { rec: decode(entry), version: entry.version };
  if (m === null) {
    // A multi-Region trail of another home Region, by name: its shadow here.
    const shadow = (await scanAccountTrails(ctx)).find((t) => t.name === name && t.isMultiRegionTrail);
    if (shadow !== undefined) {
      const e = await ctx.tx.get(`${prefixOf(shadow.account, shadow.region)}${shadow.name}`);
      if (e !== undefined) return { rec: decode(e), version: e.version };
    }
  }
  throw notFound(ctx.account, nameOrArn);
}

/**
 * A multi-Region trail must log global service events. // unverified: AWS's error code and
 * message (InvalidParameterCombinationException is the one the model offers).
 */
export function checkMultiRegion(rec: Pick<TrailRecord, 'isMultiRegionTrail' | 'includeGlobalServiceEvents'>): void {
  if (rec.isMultiRegionTrail && !rec.includeGlobalServiceEvents) {
    throw new InvalidParameterCombinationException('Multi-Region trail must include global service events.');
  }
}

/** Changes to a trail are made in its home Region. // unverified: message text. */
export function assertHomeRegion(ctx: Ctx, rec: TrailRecord): void {
  if (rec.region !== ctx.region) {
    throw new InvalidHomeRegionException(`The trail ${rec.arn} can only be updated from its home region ${rec.region}.`);
  }
}

/** Every trail of the caller's account, in every Region. */
export async function scanAccountTrails(ctx: Pick<Ctx, 'account' | 'tx'>): Promise<TrailRecord[]> {
  return (await ctx.tx.scan(`cloudtrail/${ctx.account}/`)).filter((e) => e.key.split('/')[3] === 'trail').map(decode);
}

/** The trails that apply in the caller's Region: its own and other Regions' multi-Region trails. */
export async function regionTrails(ctx: Ctx, includeShadow = true): Promise<TrailRecord[]> {
  return (await scanAccountTrails(ctx)).filter((t) => t.region === ctx.region || (includeShadow && t.isMultiRegionTrail));
}

export async function trailExists(ctx: Ctx, name: string): Promise<boolean> {
  return (await ctx.tx.get(`${prefixOf(ctx.account, ctx.region)}${name}`)) !== undefined;
}

/** The caller's trails in its Region, by name. */
export async function scanTrails(ctx: Ctx): Promise<TrailRecord[]> {
  return (await ctx.tx.scan(prefixOf(ctx.account, ctx.region))).map(decode);
}

export function putTrail(ctx: Ctx, rec: TrailRecord, expectVersion?: number): void {
  ctx.tx.put(`${prefixOf(rec.account, rec.region)}${rec.name}`, Buffer.from(JSON.stringify(rec), 'utf8'), expectVersion);
}

export function deleteTrailRecord(ctx: Ctx, rec: TrailRecord, expectVersion?: number): void {
  ctx.tx.delete(`${prefixOf(rec.account, rec.region)}${rec.name}`, expectVersion);
}

export function describeTrail(rec: TrailRecord): Trail {
  return {
    Name: rec.name,
    S3BucketName: rec.s3BucketName,
    ...(rec.s3KeyPrefix !== undefined ? { S3KeyPrefix: rec.s3KeyPrefix } : {}),
    ...(rec.snsTopicName !== undefined ? { SnsTopicName: rec.snsTopicName, SnsTopicARN: `arn:aws:sns:${rec.region}:${rec.account}:${rec.snsTopicName}` } : {}),
    IncludeGlobalServiceEvents: rec.includeGlobalServiceEvents,
    IsMultiRegionTrail: rec.isMultiRegionTrail,
    HomeRegion: rec.region,
    TrailARN: rec.arn,
    LogFileValidationEnabled: rec.logFileValidationEnabled,
    ...(rec.cloudWatchLogsLogGroupArn !== undefined ? { CloudWatchLogsLogGroupArn: rec.cloudWatchLogsLogGroupArn } : {}),
    ...(rec.cloudWatchLogsRoleArn !== undefined ? { CloudWatchLogsRoleArn: rec.cloudWatchLogsRoleArn } : {}),
    ...(rec.kmsKeyId !== undefined ? { KmsKeyId: rec.kmsKeyId } : {}),
    HasCustomEventSelectors: rec.eventSelectors !== undefined || rec.advancedEventSelectors !== undefined,
    HasInsightSelectors: (rec.insightSelectors?.length ?? 0) > 0,
    IsOrganizationTrail: rec.isOrganizationTrail,
  };
}

export { CODEC_VERSION };
