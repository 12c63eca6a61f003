import type { ParsedPolicy } from './types.js';

/**
 * The context keys a policy refers to, for GetContextKeysFor*Policy: policy variables in
 * Resource/NotResource and in condition values (2012-10-17 documents only, as the engine reads
 * them) and the keys of Condition blocks, spelled as written, in document order, each once
 * (compared without case, as keys are). The AWS CLI's example answers `${aws:username}` in a
 * Resource and `aws:CurrentTime` in a Condition as ["aws:username", "aws:CurrentTime"]
 * (aws-cli, examples/iam/get-context-keys-for-custom-policy.rst).
 */
// unverified: whether AWS lists keys of the escapes `${*}`, `${?}`, `${$}` (Warden does not) and its order beyond the example.
const VARIABLE = /\$\{\s*([^}'",\s]+)\s*(?:,\s*'[^']*'\s*)?\}/g;
const ESCAPES = new Set(['*', '?', '$']);

export function policyContextKeys(policy: ParsedPolicy): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (key: string): void => {
    const lower = key.toLowerCase();
    if (seen.has(lower)) return;
    seen.add(lower);
    out.push(key);
  };
  const variablesIn = (text: string): void => {
    if (policy.version !== '2012-10-17') return;
    for (const m of text.matchAll(VARIABLE)) if (!ESCAPES.has(m[1]!)) add(m[1]!);
  };
  for (const s of policy.statements) {
    for (const r of s.resource ?? s.notResource ?? []) variablesIn(r);
    for (const c of s.conditions) {
      add(c.key);
      for (const v of c.values) variablesIn(v);
    }
  }
  return out;
}
