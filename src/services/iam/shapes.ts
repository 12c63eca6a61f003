/**
 * Records → IAM's output shapes. Which members each operation returns was recorded against AWS
 * (LocalStack test_iam_{users,roles,policies} snapshots): List* leave out tags and boundaries;
 * CreateRole answers without Description, MaxSessionDuration and RoleLastUsed, which GetRole adds;
 * GetPolicy always carries Tags (possibly empty), CreatePolicy only when there are some.
 */
import { auditParameters } from '../../audit/redact.js';
import type { JsonObject } from '../../core/operation.js';
import { urlEncode } from './documents.js';
import { attachmentCount, boundaryCount, type ManagedPolicy } from './managed.js';
import { model, type AttachedPermissionsBoundary, type Group, type PermissionsBoundaryAttachmentType, type Policy, type Role, type Tag, type User } from './model.gen.js';
import type { GroupRecord, RoleRecord, UserRecord } from './state.js';

/** AWS answers `Policy`, not the model's enum value `PermissionsBoundaryPolicy` (recorded, LocalStack test_iam_roles snapshot). */
const BOUNDARY_TYPE = 'Policy' as PermissionsBoundaryAttachmentType;

const boundaryOf = (arn: string | undefined): { PermissionsBoundary?: AttachedPermissionsBoundary } =>
  arn === undefined ? {} : { PermissionsBoundary: { PermissionsBoundaryType: BOUNDARY_TYPE, PermissionsBoundaryArn: arn } };

const tagsOf = (tags: readonly Tag[]): { Tags?: Tag[] } => (tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {});

/** `list`: ListUsers, GetGroup; `full`: CreateUser, GetUser. */
export function userShape(u: UserRecord, detail: 'list' | 'full'): User {
  const base: User = { Path: u.path, UserName: u.name, UserId: u.id, Arn: u.arn, CreateDate: new Date(u.createdMs) };
  return detail === 'list' ? base : { ...base, ...boundaryOf(u.boundary), ...tagsOf(u.tags) };
}

export function groupShape(g: GroupRecord): Group {
  return { Path: g.path, GroupName: g.name, GroupId: g.id, Arn: g.arn, CreateDate: new Date(g.createdMs) };
}

export type RoleDetail = 'create' | 'get' | 'list' | 'description';

export function roleShape(r: RoleRecord, detail: RoleDetail): Role {
  const base: Role = { Path: r.path, RoleName: r.name, RoleId: r.id, Arn: r.arn, CreateDate: new Date(r.createdMs), AssumeRolePolicyDocument: urlEncode(r.trust) };
  const description = r.description !== undefined && detail !== 'create' ? { Description: r.description } : {};
  switch (detail) {
    case 'create':
      return { ...base, ...boundaryOf(r.boundary), ...tagsOf(r.tags) };
    case 'list':
      return { ...base, ...description, MaxSessionDuration: r.maxSessionDuration };
    case 'description':
      return { ...base, ...description, ...boundaryOf(r.boundary), ...tagsOf(r.tags) };
    case 'get':
      // Differs from AWS: RoleLastUsed stays empty until sessions (AssumeRole) exist.
      return { ...base, ...description, MaxSessionDuration: r.maxSessionDuration, ...boundaryOf(r.boundary), ...tagsOf(r.tags), RoleLastUsed: {} };
  }
}

/** `list`: ListPolicies; `create`: CreatePolicy; `get`: GetPolicy. */
export function policyShape(p: ManagedPolicy, detail: 'list' | 'create' | 'get'): Policy {
  const base: Policy = {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersion,
    AttachmentCount: attachmentCount(p.usage),
    PermissionsBoundaryUsageCount: boundaryCount(p.usage),
    IsAttachable: true,
    CreateDate: new Date(p.createdMs),
    UpdateDate: new Date(p.updatedMs),
  };
  if (detail === 'list') return base;
  const description = p.description !== undefined && detail === 'get' ? { Description: p.description } : {};
  const tags = detail === 'get' ? { Tags: p.tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : tagsOf(p.tags);
  return { ...base, ...description, ...tags };
}

/** CloudTrail's responseElements for a Create* operation: the output with the model's `sensitive` members left out. */
export const responseAudit = (shape: string) => (output: unknown): JsonObject | null => auditParameters(model, shape, output);
