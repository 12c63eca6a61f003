/**
 * Inline policies of users, groups and roles (Put/Get/List/Delete{User,Group,Role}Policy): one
 * implementation for the three entity kinds. PutXPolicy replaces a policy of the same name.
 */
import type { Ctx } from '../../core/operation.js';
import { checkInlineDocument, urlEncode } from './documents.js';
import { authorizedEntity } from './entities.js';
import { noSuchInlinePolicy, type EntityKind } from './errors.js';
import { pageFields, paginate, sortByKey, type PageInput } from './paging.js';
import { iamState, type InlinePolicy, type Records } from './state.js';

const TITLE: Readonly<Record<EntityKind, string>> = { user: 'User', group: 'Group', role: 'Role' };
const action = (verb: 'Put' | 'Get' | 'Delete' | 'List', kind: EntityKind) => `iam:${verb}${TITLE[kind]}Polic${verb === 'List' ? 'ies' : 'y'}`;

/** The actions an inline-policy operation authorizes, for its `actions` list. */
export const inlineAction = action;

function withInline<K extends EntityKind>(rec: Records[K], inline: InlinePolicy[]): Records[K] {
  return { ...rec, inline };
}

export async function putInline(ctx: Ctx, kind: EntityKind, entity: string, policyName: string, document: string): Promise<Record<string, never>> {
  const s = iamState(ctx.tx, ctx.account);
  const rec = await authorizedEntity(ctx, s, kind, entity, action('Put', kind));
  checkInlineDocument(kind, rec.name, rec.inline, policyName, document);
  const i = rec.inline.findIndex((p) => p.name === policyName);
  const inline = [...rec.inline];
  if (i >= 0) inline[i] = { name: policyName, document };
  else inline.push({ name: policyName, document });
  s.put(kind, withInline(rec, inline));
  return {};
}

/** The policy's document as stored, URL-encoded as IAM returns it. */
export async function getInline(ctx: Ctx, kind: EntityKind, entity: string, policyName: string): Promise<{ name: string; policyName: string; document: string }> {
  const s = iamState(ctx.tx, ctx.account);
  const rec = await authorizedEntity(ctx, s, kind, entity, action('Get', kind));
  const p = rec.inline.find((x) => x.name === policyName);
  if (p === undefined) throw noSuchInlinePolicy(kind, policyName);
  return { name: rec.name, policyName: p.name, document: urlEncode(p.document) };
}

export async function deleteInline(ctx: Ctx, kind: EntityKind, entity: string, policyName: string): Promise<Record<string, never>> {
  const s = iamState(ctx.tx, ctx.account);
  const rec = await authorizedEntity(ctx, s, kind, entity, action('Delete', kind));
  if (!rec.inline.some((p) => p.name === policyName)) throw noSuchInlinePolicy(kind, policyName);
  s.put(kind, withInline(rec, rec.inline.filter((p) => p.name !== policyName)));
  return {};
}

export async function listInline(ctx: Ctx, kind: EntityKind, entity: string, input: PageInput): Promise<{ PolicyNames: string[]; IsTruncated: boolean; Marker?: string }> {
  const s = iamState(ctx.tx, ctx.account);
  const rec = await authorizedEntity(ctx, s, kind, entity, action('List', kind));
  const page = paginate(sortByKey(rec.inline.map((p) => p.name), (n) => n), (n) => n, input);
  return { PolicyNames: page.items, ...pageFields(page) };
}
