/**
 * Managed policies, AWS's and the account's, behind one view: where a policy ARN leads, its
 * default document, and who uses it (attachments and permissions boundaries). AWS managed
 * policies are shipped data (aws-managed-policies.data.ts); only their per-account usage is stored.
 */
import { createHash } from 'node:crypto';
import { AWS_ACCOUNT, parsePolicyArn } from './arns.js';
import { AWS_MANAGED_POLICIES } from './aws-managed-policies.data.js';
import type { Tag } from './model.gen.js';
import { NO_USAGE, type IamReader, type IamState, type PolicyRecord, type PolicyVersionRecord, type Usage } from './state.js';

export interface ManagedPolicy {
  readonly aws: boolean;
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly id: string;
  readonly description?: string;
  readonly createdMs: number;
  readonly updatedMs: number;
  readonly tags: readonly Tag[];
  readonly defaultVersion: string;
  readonly versions: readonly PolicyVersionRecord[];
  readonly usage: Usage;
  /** The stored record of a customer managed policy. */
  readonly record?: PolicyRecord;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A stable ANPA id for a shipped policy. */
// Differs from AWS: AWS managed policies get Warden's own stable ids, not AWS's PolicyIds.
function stableId(arn: string): string {
  const h = createHash('sha256').update(arn).digest();
  let s = 'ANPA';
  for (let i = 0; s.length < 21; i++) s += BASE32[h[i]! & 31];
  return s;
}

interface AwsPolicy {
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly id: string;
  readonly description: string;
  readonly createdMs: number;
  readonly updatedMs: number;
  readonly version: PolicyVersionRecord;
}

const AWS_POLICIES: ReadonlyMap<string, AwsPolicy> = new Map(
  AWS_MANAGED_POLICIES.map((p) => {
    const arn = `arn:aws:iam::aws:policy${p.path}${p.name}`;
    const updatedMs = Date.parse(p.updated);
    return [arn, { arn, name: p.name, path: p.path, id: stableId(arn), description: p.description, createdMs: Date.parse(p.created), updatedMs, version: { id: p.version, document: p.document, createdMs: updatedMs } }];
  }),
);

function fromAws(p: AwsPolicy, usage: Usage): ManagedPolicy {
  return { aws: true, arn: p.arn, name: p.name, path: p.path, id: p.id, description: p.description, createdMs: p.createdMs, updatedMs: p.updatedMs, tags: [], defaultVersion: p.version.id, versions: [p.version], usage };
}

export function fromRecord(r: PolicyRecord): ManagedPolicy {
  return {
    aws: false,
    arn: r.arn,
    name: r.name,
    path: r.path,
    id: r.id,
    ...(r.description !== undefined ? { description: r.description } : {}),
    createdMs: r.createdMs,
    updatedMs: r.updatedMs,
    tags: r.tags,
    defaultVersion: r.defaultVersion,
    versions: r.versions,
    usage: r.usage,
    record: r,
  };
}

/** The managed policy an ARN names, if it exists for this account (AWS's, or the account's own). */
export async function findManagedPolicy(s: IamReader, arn: string): Promise<ManagedPolicy | undefined> {
  const aws = AWS_POLICIES.get(arn);
  if (aws !== undefined) return fromAws(aws, (await s.awsUsage(aws.name))?.usage ?? NO_USAGE);
  const parsed = parsePolicyArn(arn);
  if (parsed === undefined || parsed.account !== s.account) return undefined;
  const rec = await s.get('policy', parsed.name);
  return rec !== undefined && rec.arn === arn ? fromRecord(rec) : undefined;
}

/** Every managed policy this account sees: AWS's (by name), then its own (by name). */
export async function allManagedPolicies(s: IamReader): Promise<ManagedPolicy[]> {
  const aws = await Promise.all([...AWS_POLICIES.values()].map(async (p) => fromAws(p, (await s.awsUsage(p.name))?.usage ?? NO_USAGE)));
  aws.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  return [...aws, ...(await s.list('policy')).map(fromRecord)];
}

export const isAwsPolicyArn = (arn: string): boolean => parsePolicyArn(arn)?.account === AWS_ACCOUNT;

export function defaultDocument(p: ManagedPolicy): string | undefined {
  return p.versions.find((v) => v.id === p.defaultVersion)?.document;
}

export const attachmentCount = (u: Usage): number => u.users.length + u.groups.length + u.roles.length;
export const boundaryCount = (u: Usage): number => u.boundaryUsers.length + u.boundaryRoles.length;

export type UsageField = keyof Usage;

export function withUsage(u: Usage, field: UsageField, name: string, present: boolean): Usage {
  const rest = u[field].filter((n) => n !== name);
  return { ...u, [field]: present ? [...rest, name] : rest };
}

export function renamedInUsage(u: Usage, field: UsageField, from: string, to: string): Usage {
  return { ...u, [field]: u[field].map((n) => (n === from ? to : n)) };
}

/** Stores a policy's new usage: in its record, or in the account's usage row of an AWS policy. */
export function saveUsage(s: IamState, p: ManagedPolicy, usage: Usage): void {
  if (p.record !== undefined) s.put('policy', { ...p.record, usage });
  else s.putAwsUsage(p.name, usage);
}

/** Applies `change` to the usage of the policy at `arn`, if it still exists. */
export async function updateUsage(s: IamState, arn: string, change: (u: Usage) => Usage): Promise<void> {
  const p = await findManagedPolicy(s, arn);
  if (p !== undefined) saveUsage(s, p, change(p.usage));
}
