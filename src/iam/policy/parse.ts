import { problem } from './messages.js';
import type { Effect, ParsedCondition, ParsedPolicy, ParsedStatement, PolicyProblem, PolicyType, PolicyVersion, PrincipalSpec } from './types.js';

/**
 * JSON text → the policy grammar, normalised. Only grammar is checked here (AWS answers
 * "Syntax errors in policy." for all of it); what each policy type allows is validate.ts's job.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
export type ParseResult = { readonly ok: true; readonly policy: ParsedPolicy } | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

const TOP_FIELDS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_FIELDS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const VERSIONS: ReadonlySet<string> = new Set(['2012-10-17', '2008-10-17']);

class GrammarError extends Error {
  constructor(readonly statement?: number) {
    super('grammar');
  }
}

export function parsePolicy(text: string, type: PolicyType): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problems: [problem(type, 'syntax')] };
  }
  try {
    return { ok: true, policy: readPolicy(json) };
  } catch (err) {
    if (!(err instanceof GrammarError)) throw err;
    return { ok: false, problems: [problem(type, 'syntax', err.statement !== undefined ? { statement: err.statement } : {})] };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readPolicy(json: unknown): ParsedPolicy {
  if (!isObject(json)) throw new GrammarError();
  for (const k of Object.keys(json)) if (!TOP_FIELDS.has(k)) throw new GrammarError();
  const version = json['Version'];
  if (version !== undefined && (typeof version !== 'string' || !VERSIONS.has(version))) throw new GrammarError();
  const id = json['Id'];
  if (id !== undefined && typeof id !== 'string') throw new GrammarError();
  const raw = json['Statement'];
  const list = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : undefined;
  if (list === undefined || list.length === 0) throw new GrammarError();
  const statements = list.map((s, i) => readStatement(s, i));
  return { version: (version as PolicyVersion | undefined) ?? '2008-10-17', ...(id !== undefined ? { id } : {}), statements };
}

function readStatement(s: unknown, index: number): ParsedStatement {
  if (!isObject(s)) throw new GrammarError(index);
  for (const k of Object.keys(s)) if (!STATEMENT_FIELDS.has(k)) throw new GrammarError(index);
  const effect = s['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') throw new GrammarError(index);
  const sid = s['Sid'];
  if (sid !== undefined && typeof sid !== 'string') throw new GrammarError(index);
  const pair = (a: string, b: string): void => {
    if (s[a] !== undefined && s[b] !== undefined) throw new GrammarError(index);
  };
  pair('Action', 'NotAction');
  pair('Resource', 'NotResource');
  pair('Principal', 'NotPrincipal');
  const out: Record<string, unknown> = { index, effect: effect as Effect, conditions: readConditions(s['Condition'], index) };
  if (sid !== undefined) out['sid'] = sid;
  for (const [field, key] of [['Action', 'action'], ['NotAction', 'notAction'], ['Resource', 'resource'], ['NotResource', 'notResource']] as const) {
    if (s[field] !== undefined) out[key] = stringList(s[field], index);
  }
  if (s['Principal'] !== undefined) out['principal'] = readPrincipal(s['Principal'], index);
  if (s['NotPrincipal'] !== undefined) out['notPrincipal'] = readPrincipal(s['NotPrincipal'], index);
  return out as unknown as ParsedStatement;
}

function stringList(v: unknown, index: number): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw new GrammarError(index);
}

function readPrincipal(v: unknown, index: number): PrincipalSpec {
  if (v === '*') return '*';
  if (!isObject(v) || Object.keys(v).length === 0) throw new GrammarError(index);
  const out: Record<string, readonly string[]> = {};
  for (const [type, ids] of Object.entries(v)) out[type] = stringList(ids, index);
  return out;
}

function readConditions(v: unknown, index: number): ParsedCondition[] {
  if (v === undefined) return [];
  if (!isObject(v)) throw new GrammarError(index);
  const out: ParsedCondition[] = [];
  for (const [operator, block] of Object.entries(v)) {
    if (!isObject(block)) throw new GrammarError(index);
    for (const [key, raw] of Object.entries(block)) out.push({ operator, key, values: conditionValues(raw, index) });
  }
  return out;
}

/** AWS accepts strings, numbers and booleans (and lists of them) as condition values. */
function conditionValues(raw: unknown, index: number): string[] {
  const one = (x: unknown): string => {
    if (typeof x === 'string') return x;
    if (typeof x === 'number' || typeof x === 'boolean') return String(x);
    throw new GrammarError(index);
  };
  return Array.isArray(raw) ? raw.map(one) : [one(raw)];
}
