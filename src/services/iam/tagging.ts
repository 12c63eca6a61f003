/** Tag/Untag/List…Tags for users and roles, one implementation for both. */
import type { Ctx } from '../../core/operation.js';
import { authorizedEntity } from './entities.js';
import type { Tag } from './model.gen.js';
import { pageFields, paginate, type PageInput } from './paging.js';
import { iamState, type Records } from './state.js';
import { mergeTags, removeTags, requestTagConditions, ROLE_TAGS, sortedTags, USER_TAGS } from './tags.js';

type Taggable = 'user' | 'role';
const TITLE: Readonly<Record<Taggable, string>> = { user: 'User', role: 'Role' };
const RULES = { user: USER_TAGS, role: ROLE_TAGS } as const;

export const tagAction = (verb: 'Tag' | 'Untag' | 'List', kind: Taggable): string =>
  verb === 'List' ? `iam:List${TITLE[kind]}Tags` : `iam:${verb}${TITLE[kind]}`;

export async function tagEntity(ctx: Ctx, kind: Taggable, name: string, tags: readonly Tag[]): Promise<Record<string, never>> {
  const s = iamState(ctx.tx, ctx.account);
  const rec = await authorizedEntity(ctx, s, kind, name, tagAction('Tag', kind), requestTagConditions(tags));
  s.put(kind, { ...rec, tags: mergeTags(rec.tags, tags, RULES[kind]) } as Records[Taggable]);
  return {};
}

export async function untagEntity(ctx: Ctx, kind: Taggable, name: string, keys: readonly string[]): Promise<Record<string, never>> {
  const s = iamState(ctx.tx, ctx.account);
  const rec = await authorizedEntity(ctx, s, kind, name, tagAction('Untag', kind), { 'aws:TagKeys': keys });
  s.put(kind, { ...rec, tags: removeTags(rec.tags, keys, RULES[kind]) } as Records[Taggable]);
  return {};
}

export async function listEntityTags(ctx: Ctx, kind: Taggable, name: string, input: PageInput): Promise<{ Tags: Tag[]; IsTruncated: boolean; Marker?: string }> {
  const s = iamState(ctx.tx, ctx.account);
  const rec = await authorizedEntity(ctx, s, kind, name, tagAction('List', kind));
  const page = paginate(sortedTags(rec.tags), (t) => t.Key, input);
  return { Tags: page.items, ...pageFields(page) };
}
