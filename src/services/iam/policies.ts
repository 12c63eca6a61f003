/**
 * Helpers for the managed-policy operations: the version list AWS keeps (at most 5, numbered on
 * from the highest ever created), and the refusal to change AWS managed policies.
 */
import type { Ctx } from '../../core/operation.js';
import { AccessDenied, policyVersionNotFound, versionQuota } from './errors.js';
import type { ManagedPolicy } from './managed.js';
import type { PolicyRecord, PolicyVersionRecord } from './state.js';

// "Managed policy versions stored: 5" (IAM UG, reference_iam-quotas).
export const MAX_VERSIONS = 5;

/**
 * The customer managed policy behind `p`. AWS managed policies cannot be changed; Warden answers
 * like a denial of the action on that resource. // unverified (AWS's answer to DeletePolicy or
 * CreatePolicyVersion on arn:aws:iam::aws:policy/… was not found recorded)
 */
export function ownPolicy(ctx: Ctx, p: ManagedPolicy, action: string): PolicyRecord {
  if (p.record === undefined) throw new AccessDenied(`User: ${ctx.principal.arn} is not authorized to perform: ${action} on resource: policy ${p.arn}`);
  return p.record;
}

export function findVersion(p: ManagedPolicy, versionId: string): PolicyVersionRecord {
  const v = p.versions.find((x) => x.id === versionId);
  if (v === undefined) throw policyVersionNotFound(p.arn, versionId);
  return v;
}

export function addVersion(rec: PolicyRecord, document: string, setAsDefault: boolean, nowMs: number): { rec: PolicyRecord; version: PolicyVersionRecord } {
  if (rec.versions.length >= MAX_VERSIONS) throw versionQuota();
  const version: PolicyVersionRecord = { id: `v${rec.nextVersion}`, document, createdMs: nowMs };
  return {
    version,
    rec: {
      ...rec,
      versions: [...rec.versions, version],
      nextVersion: rec.nextVersion + 1,
      ...(setAsDefault ? { defaultVersion: version.id, updatedMs: nowMs } : {}),
    },
  };
}

/** ListPolicyVersions answers newest first (recorded): the page key orders versions descending. */
export const versionKey = (v: PolicyVersionRecord): string => String(1e9 - Number(v.id.slice(1))).padStart(10, '0');
