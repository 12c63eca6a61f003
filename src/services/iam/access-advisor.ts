/**
 * Service last accessed data (IAM UG, access_policies_access-advisor), answered from Warden's audit
 * log. A job lists the services the entity's policies allow — Warden's own services, since those are
 * the only ones it can see used — with the newest attempt of the entity (a user; a role's sessions;
 * a group's members; a policy's users, groups' members and roles) to call each. AWS counts "all
 * attempts to access an AWS API, not just the successful ones" (API reference), so denied attempts
 * count too; an anonymous or unauthenticated request has no identity and never does.
 * Jobs complete at once and are stored as computed (iam/<account>/global/access-advisor-job/<id>).
 */
import type { Ctx } from '../../core/operation.js';
import type { Principal } from '../../core/principal.js';
import type { StoredAuditRecord } from '../../store/store.js';
import { noSuchEntity, policyNotFound, type EntityKind } from './errors.js';
import { defaultDocument, findManagedPolicy } from './managed.js';
import { iamPrincipalPolicies } from './policy-source.js';
import type { AccessAdvisorUsageGranularityType, EntityInfo } from './model.gen.js';
import { invalidInput } from './simulator.js';
import { iamReader, type GroupRecord, type IamReader, type RoleRecord, type UserRecord } from './state.js';

/** Warden's services: namespace → AWS's service name. // unverified: the ServiceName texts. */
export const ADVISED_SERVICES: ReadonlyMap<string, string> = new Map([
  ['cloudtrail', 'AWS CloudTrail'],
  ['iam', 'AWS Identity and Access Management'],
  ['kms', 'AWS Key Management Service'],
  ['s3', 'Amazon S3'],
  ['secretsmanager', 'AWS Secrets Manager'],
  ['ssm', 'AWS Systems Manager'],
  ['sts', 'AWS Security Token Service'],
]);

/** Services with action last accessed information (IAM UG, access_policies_access-advisor-action-last-accessed) that Warden serves. */
const ACTION_TRACKED: ReadonlySet<string> = new Set(['iam', 's3']);

interface Last {
  readonly ms: number;
  readonly entity: string;
  readonly region: string;
}

export interface JobService {
  readonly namespace: string;
  readonly last?: Last;
  readonly total: number;
  /** ACTION_LEVEL jobs, tracked services: the actions used, newest use each. */
  readonly actions?: readonly { readonly action: string; readonly last: Last }[];
  /** Each entity of the job with its newest attempt at this service. */
  readonly entities: readonly { readonly info: EntityInfo; readonly lastMs?: number }[];
}

export interface AccessAdvisorJob {
  readonly arn: string;
  readonly granularity: AccessAdvisorUsageGranularityType;
  readonly createdMs: number;
  readonly completedMs: number;
  readonly services: readonly JobService[];
}

/** The services `documents` allow: service prefixes of Allow statements' actions (`*` every one). */
export function allowedNamespaces(documents: readonly string[]): Set<string> {
  const out = new Set<string>();
  const all = [...ADVISED_SERVICES.keys()];
  for (const text of documents) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      continue;
    }
    const st = (doc as { Statement?: unknown }).Statement;
    for (const s of (Array.isArray(st) ? st : [st]) as { Effect?: unknown; Action?: unknown; NotAction?: unknown }[]) {
      if (s === null || typeof s !== 'object' || s.Effect !== 'Allow') continue;
      const list = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : []);
      if (s.NotAction !== undefined) {
        // Allow + NotAction allows every service but those it excludes entirely.
        const excluded = new Set(list(s.NotAction).filter((a) => a === '*' || a.endsWith(':*')).map((a) => (a === '*' ? '*' : a.slice(0, a.indexOf(':')).toLowerCase())));
        if (!excluded.has('*')) for (const ns of all) if (!excluded.has(ns)) out.add(ns);
        continue;
      }
      for (const a of list(s.Action)) {
        if (a === '*') for (const ns of all) out.add(ns);
        const i = a.indexOf(':');
        if (i > 0) {
          const ns = a.slice(0, i).toLowerCase();
          if (ADVISED_SERVICES.has(ns)) out.add(ns);
        }
      }
    }
  }
  return out;
}

interface Subject {
  readonly info: EntityInfo;
  /** Does this audit record's userIdentity belong to the subject? */
  readonly owns: (id: { type?: string; arn?: string; sessionContext?: { sessionIssuer?: { arn?: string } } }) => boolean;
  /** An indexed attribute narrowing the search (a user's name), when there is one. */
  readonly username?: string;
}

const userSubject = (u: UserRecord): Subject => ({
  info: { Arn: u.arn, Name: u.name, Type: 'USER', Id: u.id, Path: u.path },
  owns: (id) => id.type === 'IAMUser' && id.arn === u.arn,
  username: u.name,
});

const roleSubject = (r: RoleRecord): Subject => ({
  info: { Arn: r.arn, Name: r.name, Type: 'ROLE', Id: r.id, Path: r.path },
  owns: (id) => id.type === 'AssumedRole' && id.sessionContext?.sessionIssuer?.arn === r.arn,
});

const ENTITY_ARN = /^arn:aws:iam::(\d{12}|aws):(user|group|role|policy)\/(?:.*\/)?([\w+=,.@-]+)$/;

async function groupDocuments(s: IamReader, g: GroupRecord): Promise<string[]> {
  const docs = g.inline.map((p) => p.document);
  for (const a of g.attached) {
    const p = await findManagedPolicy(s, a);
    const d = p === undefined ? undefined : defaultDocument(p);
    if (d !== undefined) docs.push(d);
  }
  return docs;
}

async function members(s: IamReader, names: readonly string[]): Promise<UserRecord[]> {
  const out: UserRecord[] = [];
  for (const n of names) {
    const u = await s.get('user', n);
    if (u !== undefined) out.push(u);
  }
  return out;
}

/** The entity an ARN names: the policy documents that grant it services, and the identities that act for it. */
async function resolve(ctx: Ctx, arn: string): Promise<{ documents: string[]; subjects: Subject[] }> {
  const m = ENTITY_ARN.exec(arn);
  if (m === null) throw invalidInput(`ARN ${arn} is not valid.`); // unverified
  const [, account, kind] = m as unknown as [string, string, EntityKind | 'policy', string];
  const name = m[3]!;
  const s = iamReader(ctx.tx, ctx.account);
  if (kind === 'policy') {
    const p = await findManagedPolicy(s, arn);
    if (p === undefined) throw policyNotFound(arn);
    const d = defaultDocument(p);
    const users = await members(s, p.usage.users);
    for (const g of p.usage.groups) users.push(...(await members(s, (await s.get('group', g))?.members ?? [])));
    const roles: RoleRecord[] = [];
    for (const r of p.usage.roles) {
      const rec = await s.get('role', r);
      if (rec !== undefined) roles.push(rec);
    }
    const seen = new Set<string>();
    const subjects = [...users.map(userSubject), ...roles.map(roleSubject)].filter((x) => !seen.has(x.info.Arn) && (seen.add(x.info.Arn), true));
    return { documents: d === undefined ? [] : [d], subjects };
  }
  // Differs from AWS: an entity of another account is answered as not found.
  if (account !== ctx.account) throw noSuchEntity(kind, name);
  const rec = await s.get(kind, name);
  if (rec === undefined || rec.arn !== arn) throw noSuchEntity(kind, name);
  if (kind === 'group') {
    const g = rec as GroupRecord;
    return { documents: await groupDocuments(s, g), subjects: (await members(s, g.members)).map(userSubject) };
  }
  const principal: Principal =
    kind === 'user'
      ? { type: 'IAMUser', account, arn: rec.arn, principalId: rec.id, accessKeyId: '', userName: rec.name }
      : { type: 'AssumedRole', account, arn: `arn:aws:sts::${account}:assumed-role/${rec.name}/access-advisor`, principalId: `${rec.id}:access-advisor`, accessKeyId: '', sessionIssuer: { type: 'Role', principalId: rec.id, arn: rec.arn, account, userName: rec.name } };
  const p = await iamPrincipalPolicies.policiesFor(ctx.tx, principal);
  return { documents: p.identity.map((r) => r.document), subjects: [kind === 'user' ? userSubject(rec as UserRecord) : roleSubject(rec as RoleRecord)] };
}

const identityOf = (r: StoredAuditRecord): Parameters<Subject['owns']>[0] => (JSON.parse(r.json) as { userIdentity?: Parameters<Subject['owns']>[0] }).userIdentity ?? {};

const lastOf = (r: StoredAuditRecord, entity: string): Last => ({ ms: Date.parse(r.eventTime), entity, region: r.region });

/** Computes a job: one indexed audit query per subject and allowed service (all of them for action-level tracking). */
export async function runJob(ctx: Ctx, arn: string, granularity: AccessAdvisorUsageGranularityType): Promise<AccessAdvisorJob> {
  const { documents, subjects } = await resolve(ctx, arn);
  const namespaces = [...allowedNamespaces(documents)].sort((a, b) => ADVISED_SERVICES.get(a)!.localeCompare(ADVISED_SERVICES.get(b)!));
  const services: JobService[] = [];
  for (const ns of namespaces) {
    const trackActions = granularity === 'ACTION_LEVEL' && ACTION_TRACKED.has(ns);
    const entities: { info: EntityInfo; lastMs?: number }[] = [];
    const actions = new Map<string, Last>();
    let last: Last | undefined;
    for (const sub of subjects) {
      const records = await ctx.tx.queryAudit({
        account: ctx.account,
        eventSource: `${ns}.amazonaws.com`,
        ...(sub.username !== undefined ? { attribute: { key: 'Username', value: sub.username } } : {}),
        match: (r) => sub.owns(identityOf(r)),
        ...(trackActions ? {} : { limit: 1 }),
      });
      const newest = records[0];
      entities.push({ info: sub.info, ...(newest !== undefined ? { lastMs: Date.parse(newest.eventTime) } : {}) });
      if (newest !== undefined && (last === undefined || Date.parse(newest.eventTime) > last.ms)) last = lastOf(newest, sub.info.Arn);
      for (const r of records) {
        const seen = actions.get(r.eventName);
        if (seen === undefined || Date.parse(r.eventTime) > seen.ms) actions.set(r.eventName, lastOf(r, sub.info.Arn));
      }
    }
    services.push({
      namespace: ns,
      ...(last !== undefined ? { last } : {}),
      total: entities.filter((e) => e.lastMs !== undefined).length,
      ...(trackActions ? { actions: [...actions].sort(([a], [b]) => a.localeCompare(b)).map(([action, l]) => ({ action, last: l })) } : {}),
      entities,
    });
  }
  const now = ctx.clock.now();
  return { arn, granularity, createdMs: now, completedMs: now, services };
}

/** A stored job of this account. // unverified: AWS's error and text for an unknown JobId. */
export async function requireJob(ctx: Ctx, jobId: string): Promise<AccessAdvisorJob> {
  const job = await iamReader(ctx.tx, ctx.account).accessAdvisorJob<AccessAdvisorJob>(jobId);
  if (job === undefined) throw invalidInput(`Job ${jobId} was not found.`);
  return job;
}
