import { compileCondition, type CompiledCondition } from './conditions.js';
import type { EvalContext } from './eval-context.js';
import { compileNotPrincipal, compilePrincipal, type PrincipalMatch, type PrincipalMatcher } from './principals.js';
import { IDENTITY_POLICY_TYPES, type Effect, type ParsedPolicy, type ParsedStatement, type PolicyProblem, type PolicyType } from './types.js';
import { checkPolicy } from './validate.js';
import { arnSource, cachedRegex, compileWildcard, type Matcher } from './wildcard.js';
import { parseTemplate, resolvePieces, templateKeys, type Template } from './variables.js';

/**
 * A validated policy compiled once into matchers: actions case-insensitive with `*`/`?`,
 * resources case-sensitive per ARN segment, principals, conditions. Evaluation walks these
 * closures only — never the JSON.
 */
export interface CompiledStatement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly conditions: readonly CompiledCondition[];
  /** How the statement names the caller ('exact' for identity-based statements, which name nobody), or undefined. */
  match(ctx: EvalContext): PrincipalMatch | undefined;
  /** Context keys the statement refers to (conditions and variables), as written. */
  readonly contextKeys: readonly string[];
}

export interface CompiledPolicy {
  readonly type: PolicyType;
  readonly statements: readonly CompiledStatement[];
  /** Problems found when compiling a document that does not validate; it then grants nothing. */
  readonly problems: readonly PolicyProblem[];
}

type Test = (ctx: EvalContext) => boolean;
const always: Test = () => true;
const never: Test = () => false;

function actionTest(patterns: readonly string[] | undefined, negated: boolean): Test {
  if (patterns === undefined) return never;
  const exact = new Set<string>();
  const globs: Matcher[] = [];
  let all = false;
  for (const p of patterns) {
    const lower = p.toLowerCase();
    if (lower === '*') all = true;
    else if (lower.includes('*') || lower.includes('?')) globs.push(compileWildcard(lower));
    else exact.add(lower);
  }
  const hit = (a: string): boolean => all || exact.has(a) || globs.some((g) => g(a));
  return negated ? (ctx) => !hit(ctx.actionLower) : (ctx) => hit(ctx.actionLower);
}

function resourceTest(templates: readonly Template[] | undefined, negated: boolean): Test {
  if (templates === undefined) return never;
  const statics: Matcher[] = [];
  const dynamics: Template[] = [];
  for (const t of templates) {
    if (t.parts === undefined) statics.push(compileWildcard(t.source, { arn: true }));
    else dynamics.push(t);
  }
  const hit = (ctx: EvalContext): boolean => {
    const r = ctx.resource;
    for (const m of statics) if (m(r)) return true;
    for (const t of dynamics) {
      const pieces = resolvePieces(t, ctx.lookup);
      if (pieces !== undefined && cachedRegex(arnSource(pieces), false).test(r)) return true;
    }
    return false;
  };
  return negated ? (ctx) => !hit(ctx) : hit;
}

function compileStatement(s: ParsedStatement, type: PolicyType, variables: boolean): CompiledStatement {
  const actions = s.action !== undefined ? actionTest(s.action, false) : actionTest(s.notAction, true);
  const template = (list: readonly string[] | undefined): Template[] | undefined => list?.map((r) => parseTemplate(r, variables));
  const resourceTemplates = template(s.resource) ?? template(s.notResource);
  let resources: Test;
  if (s.resource !== undefined) resources = resourceTest(resourceTemplates, false);
  else if (s.notResource !== undefined) resources = resourceTest(resourceTemplates, true);
  else resources = type === 'trust' ? always : never; // a trust policy's statements apply to its role
  const principal: PrincipalMatcher | undefined =
    s.principal !== undefined ? compilePrincipal(s.principal) : s.notPrincipal !== undefined ? compileNotPrincipal(s.notPrincipal) : undefined;
  const namesNobody = IDENTITY_POLICY_TYPES.has(type) || type === 'scp';
  const conditions = s.conditions.map((c) => compileCondition(c, variables));
  const contextKeys = [...new Set([...s.conditions.map((c) => c.key), ...(resourceTemplates ?? []).flatMap(templateKeys)])];
  return {
    index: s.index,
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
    effect: s.effect,
    conditions,
    contextKeys,
    match(ctx) {
      if (!actions(ctx) || !resources(ctx)) return undefined;
      let how: PrincipalMatch | undefined = 'exact';
      if (!namesNobody) {
        how = principal?.match(ctx.principal);
        if (how === undefined) return undefined;
      }
      for (const c of conditions) if (!c.test(ctx)) return undefined;
      return how;
    },
  };
}

export function compileParsed(policy: ParsedPolicy, type: PolicyType): CompiledPolicy {
  const variables = policy.version === '2012-10-17';
  return { type, statements: policy.statements.map((s) => compileStatement(s, type, variables)), problems: [] };
}

interface CacheEntry {
  readonly byType: Map<PolicyType, CompiledPolicy>;
}

/** Compiled policies keyed by document text (V8 hashes the content), least recently used out first. */
export class PolicyCache {
  private readonly entries = new Map<string, CacheEntry>();
  constructor(private readonly maxEntries = 4096) {}

  /** Never throws: a document that does not validate compiles to a policy that grants and denies nothing. */
  get(text: string, type: PolicyType): CompiledPolicy {
    let entry = this.entries.get(text);
    if (entry !== undefined) {
      // Recency matters only near the bound; re-inserting on every hit churns the Map's tables.
      if (this.entries.size > this.maxEntries / 2) {
        this.entries.delete(text);
        this.entries.set(text, entry);
      }
    } else {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
      entry = { byType: new Map() };
      this.entries.set(text, entry);
    }
    let compiled = entry.byType.get(type);
    if (compiled === undefined) {
      compiled = compileText(text, type);
      entry.byType.set(type, compiled);
    }
    return compiled;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Validates and compiles; a refused document becomes an empty policy carrying its problems. */
export function compileText(text: string, type: PolicyType): CompiledPolicy {
  const checked = checkPolicy(text, type, { skipSizeLimit: true });
  if (!checked.ok) return { type, statements: [], problems: checked.problems };
  return compileParsed(checked.policy, type);
}
