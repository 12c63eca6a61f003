/** TypeScript types for shapes and operations, and one error class per modeled error shape. */
import type { RawModel, RawShape } from './models.js';
import { propertyKey, quote } from './names.js';

const NUMBER_TYPES = new Set(['integer', 'long', 'float', 'double', 'bigdecimal', 'biginteger']);

export function emitTypes(raw: RawModel, names: ReadonlyMap<string, string>): string {
  const ref = (shapeName: string): string => {
    const target = raw.shapes[shapeName];
    if (!target) throw new Error(`unknown shape ${shapeName}`);
    // An error shape has no interface; should a member ever hold one, it is a plain record.
    return target.exception ? 'Record<string, unknown>' : names.get(shapeName)!;
  };
  const lines: string[] = [];
  for (const [name, shape] of Object.entries(raw.shapes)) {
    if (shape.exception) continue;
    lines.push(declaration(names.get(name)!, shape, ref));
  }
  return lines.join('\n');
}

function declaration(ts: string, shape: RawShape, ref: (s: string) => string): string {
  switch (shape.type) {
    case 'structure': {
      if (shape.document) return `export type ${ts} = unknown;`;
      const required = new Set(shape.required ?? []);
      const members = Object.entries(shape.members ?? {}).map(
        ([m, r]) => `${propertyKey(m)}${required.has(m) ? '' : '?'}: ${ref(r.shape)};`,
      );
      return members.length === 0 ? `export type ${ts} = Record<string, never>;` : `export interface ${ts} { ${members.join(' ')} }`;
    }
    case 'list': return `export type ${ts} = ${ref(shape.member!.shape)}[];`;
    case 'map': return `export type ${ts} = Record<string, ${ref(shape.value!.shape)}>;`;
    case 'string': return `export type ${ts} = ${shape.enum && shape.enum.length > 0 ? shape.enum.map(quote).join(' | ') : 'string'};`;
    case 'blob': return `export type ${ts} = Uint8Array;`;
    case 'timestamp': return `export type ${ts} = Date;`;
    case 'boolean': return `export type ${ts} = boolean;`;
    default:
      if (NUMBER_TYPES.has(shape.type)) return `export type ${ts} = number;`;
      throw new Error(`unknown shape type ${shape.type}`);
  }
}

export function emitOperations(raw: RawModel, names: ReadonlyMap<string, string>): string {
  const none = 'Record<string, never>';
  const lines = Object.entries(raw.operations).map(([name, op]) => {
    const input = op.input ? names.get(op.input.shape)! : none;
    const output = op.output ? names.get(op.output.shape)! : none;
    return `  ${propertyKey(name)}: { input: ${input}; output: ${output} };`;
  });
  return [
    '/** Operation name → input and output types. A type alias (not an interface) so that it satisfies OperationTypes. */',
    `export type Operations = {\n${lines.join('\n')}\n};`,
    'export type OperationName = keyof Operations;',
  ].join('\n');
}

/**
 * The wire code: for query and ec2 protocols `error.code` when the model gives one (IAM's
 * NoSuchEntityException answers NoSuchEntity), otherwise, and for every other protocol, the shape
 * name. Status: `error.httpStatusCode`, else 500 for faults and 400 for client errors.
 */
export function emitErrors(raw: RawModel, names: ReadonlyMap<string, string>): string {
  const protocol = String(raw.metadata.protocol);
  const lines: string[] = [];
  for (const [name, shape] of Object.entries(raw.shapes)) {
    if (!shape.exception) continue;
    const code = (protocol === 'query' || protocol === 'ec2') && shape.error?.code ? shape.error.code : name;
    const status = shape.error?.httpStatusCode ?? (shape.fault ? 500 : 400);
    const base = shape.fault ? 'ServerFault' : 'AwsError';
    lines.push(`export class ${names.get(name)!} extends ${base} { readonly code = ${quote(code)}; override readonly httpStatus = ${status}; }`);
  }
  return lines.join('\n');
}
