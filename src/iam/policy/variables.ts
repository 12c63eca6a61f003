import type { ConditionValue } from '../../core/operation.js';
import type { Piece } from './wildcard.js';

/**
 * Policy variables (IAM UG, reference_policies_variables): `${aws:username}`, `${aws:PrincipalTag/team}`,
 * a default `${aws:username, 'nobody'}`, and the escapes `${*}`, `${?}`, `${$}` for the literal
 * characters. Only in Version 2012-10-17 documents; in 2008-10-17 (or no Version) the text is literal.
 * A variable whose key has no single value (absent, or multivalued) and no default makes the
 * pattern unresolvable: it matches nothing.
 */
export type TemplatePart = { readonly text: string; readonly literal: boolean } | { readonly key: string; readonly fallback?: string };

export interface Template {
  readonly source: string;
  /** Undefined when the text holds no variable: use `source` as it is. */
  readonly parts?: readonly TemplatePart[];
}

// ${key} or ${key, 'default'}; keys are like aws:PrincipalTag/cost-center or kms:EncryptionContext:x.
const VARIABLE = /\$\{\s*([^}'",\s]+)\s*(?:,\s*'([^']*)'\s*)?\}/g;
const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

export function parseTemplate(source: string, variablesEnabled: boolean): Template {
  if (!variablesEnabled || !source.includes('${')) return { source };
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of source.matchAll(VARIABLE)) {
    const at = m.index;
    if (at > last) parts.push({ text: source.slice(last, at), literal: false });
    const name = m[1]!;
    const escaped = ESCAPES[name];
    if (escaped !== undefined && m[2] === undefined) parts.push({ text: escaped, literal: true });
    else parts.push({ key: name.toLowerCase(), ...(m[2] !== undefined ? { fallback: m[2] } : {}) });
    last = at + m[0].length;
  }
  if (parts.length === 0) return { source };
  if (last < source.length) parts.push({ text: source.slice(last), literal: false });
  return { source, parts };
}

/** The variables a template refers to (lower-case keys), for GetContextKeys-style questions. */
export function templateKeys(t: Template): string[] {
  return (t.parts ?? []).flatMap((p) => ('key' in p ? [p.key] : []));
}

/** Looks a key up in the request context; only single values substitute. */
export type Lookup = (lowerKey: string) => ConditionValue | undefined;

/** The template as pattern pieces with substituted values literal, or undefined if unresolvable. */
export function resolvePieces(t: Template, lookup: Lookup): Piece[] | undefined {
  if (t.parts === undefined) return [{ text: t.source, literal: false }];
  const out: Piece[] = [];
  for (const p of t.parts) {
    if (!('key' in p)) {
      out.push(p);
      continue;
    }
    const v = lookup(p.key);
    const single = typeof v === 'string' ? v : undefined;
    const value = single ?? p.fallback;
    if (value === undefined) return undefined;
    out.push({ text: value, literal: true });
  }
  return out;
}

/** The template as plain text (for equality operators), or undefined if unresolvable. */
export function resolveText(t: Template, lookup: Lookup): string | undefined {
  if (t.parts === undefined) return t.source;
  const pieces = resolvePieces(t, lookup);
  return pieces === undefined ? undefined : pieces.map((p) => p.text).join('');
}
