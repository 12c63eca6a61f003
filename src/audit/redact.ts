import { isoSeconds } from '../core/clock.js';
import type { JsonObject, JsonValue } from '../core/operation.js';
import type { ServiceModel, Shape } from '../model/types.js';

/**
 * CloudTrail's requestParameters for an input: member names with a lower-case first letter (as
 * CloudTrail writes them), `sensitive` members and blobs left out (plaintext, secret values and
 * ciphertexts never reach the log), timestamps as ISO 8601. Null when nothing is left.
 */
export function auditParameters(model: ServiceModel, shapeName: string | undefined, value: unknown): JsonObject | null {
  if (shapeName === undefined) return null;
  const out = walk(model, shapeName, value);
  if (out === undefined || out === null || typeof out !== 'object' || Array.isArray(out)) return null;
  return Object.keys(out).length === 0 ? null : out;
}

const lowerFirst = (s: string) => (s.length === 0 ? s : s[0]!.toLowerCase() + s.slice(1));

/** A structure's members as the walk needs them: sensitive ones left out, CloudTrail's names computed once. */
interface AuditMember {
  readonly name: string;
  readonly auditName: string;
  readonly shape: string;
}
const membersOf = new WeakMap<Shape, readonly AuditMember[]>();
function auditMembers(model: ServiceModel, shape: Shape & { type: 'structure' }): readonly AuditMember[] {
  let members = membersOf.get(shape);
  if (members === undefined) {
    members = Object.entries(shape.members)
      .filter(([, ref]) => model.shapes[ref.shape]?.sensitive !== true)
      .map(([name, ref]) => ({ name, auditName: lowerFirst(name), shape: ref.shape }));
    membersOf.set(shape, members);
  }
  return members;
}

function walk(model: ServiceModel, shapeName: string, value: unknown): JsonValue | undefined {
  const shape: Shape | undefined = model.shapes[shapeName];
  if (shape === undefined || value === undefined || value === null) return undefined;
  if (shape.sensitive) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object') return undefined;
      const out: JsonObject = {};
      for (const m of auditMembers(model, shape)) {
        const v = walk(model, m.shape, (value as Record<string, unknown>)[m.name]);
        if (v !== undefined) out[m.auditName] = v;
      }
      return out;
    }
    case 'list':
      if (!Array.isArray(value)) return undefined;
      return value.map((v) => walk(model, shape.member.shape, v) ?? null);
    case 'map': {
      if (typeof value !== 'object') return undefined;
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const w = walk(model, shape.value.shape, v);
        if (w !== undefined) out[k] = w;
      }
      return out;
    }
    case 'blob':
      return undefined;
    case 'timestamp':
      return value instanceof Date ? isoSeconds(value.getTime()) : undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    default:
      return typeof value === 'number' ? value : undefined;
  }
}
