import type { EvalContext } from './eval-context.js';
import { compileValues, parseOperatorName, type OperatorName, type ValueTest } from './operators.js';
import type { ParsedCondition } from './types.js';

/**
 * One `operator: { key: values }` entry, compiled. A statement's entries are ANDed; values of
 * one key are ORed (IAM UG, reference_policies_condition-logic-multiple-context-keys-or-values).
 *
 * Missing keys and multivalued keys (IAM UG, reference_policies_condition-single-vs-multi-valued-context-keys
 * and reference_policies_elements_condition_operators):
 * - plain operator, key absent: false; but true for `…IfExists` and for negated operators
 *   ("StringNotEquals … if the key is not present … the condition returns true");
 * - `ForAnyValue:` true if at least one request value matches; false for an absent key or empty set;
 * - `ForAllValues:` true if every request value matches; true for an absent key or empty set;
 * - negated operators under a qualifier negate per value (ForAllValues:StringNotLike = no value is like);
 * - `Null: true` means the key is absent (an empty list counts as absent), `false` that it is present.
 */
export interface CompiledCondition {
  readonly operator: string;
  readonly key: string;
  test(ctx: EvalContext): boolean;
}

export function compileCondition(c: ParsedCondition, variablesEnabled: boolean): CompiledCondition {
  const op = parseOperatorName(c.operator);
  if (op === undefined) throw new Error(`unvalidated condition operator ${c.operator}`);
  const lowerKey = c.key.toLowerCase();
  if (op.base.name === 'Null') return nullCondition(c, lowerKey);
  const match = compileValues(op, c.values, variablesEnabled);
  return { operator: c.operator, key: c.key, test: (ctx) => evaluate(op, match, lowerKey, c.key, ctx) };
}

function nullCondition(c: ParsedCondition, lowerKey: string): CompiledCondition {
  const wantAbsent = c.values.map((v) => v.toLowerCase() === 'true');
  return {
    operator: c.operator,
    key: c.key,
    test(ctx) {
      const v = ctx.lookup(lowerKey);
      const absent = v === undefined || (typeof v !== 'string' && v.length === 0);
      return wantAbsent.some((w) => w === absent);
    },
  };
}

function evaluate(op: OperatorName, match: ValueTest, lowerKey: string, key: string, ctx: EvalContext): boolean {
  const raw = ctx.lookup(lowerKey);
  if (raw === undefined) {
    ctx.noteMissing(key);
    if (op.ifExists) return true;
    if (op.qualifier === 'ForAllValues') return true;
    if (op.qualifier === 'ForAnyValue') return false;
    return op.base.negated;
  }
  const negated = op.base.negated;
  if (typeof raw === 'string') {
    const hit = match(raw, ctx.lookup);
    return negated ? !hit : hit;
  }
  const values = raw;
  switch (op.qualifier) {
    case 'ForAllValues':
      return values.every((v) => match(v, ctx.lookup) !== negated);
    case 'ForAnyValue':
      return values.some((v) => match(v, ctx.lookup) !== negated);
    default: {
      const hit = values.some((v) => match(v, ctx.lookup));
      return negated ? !hit : hit;
    }
  }
}
