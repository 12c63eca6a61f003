/**
 * Public parameters: owned by AWS (no account in their ARN), readable by every account with
 * GetParameter, GetParameters and GetParametersByPath, never writable (names under `/aws` are
 * reserved). Built from public-data.ts.
 */
import type { Parameter } from './model.gen.js';
import { REGIONS, SERVICES, SNAPSHOT_DATE } from './public-data.js';

export const PUBLIC_ROOT = '/aws/service/';
const BASE = '/aws/service/global-infrastructure';

const endpoint = (svc: string, region: string): string => `${svc}.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;

let catalogue: Map<string, string> | undefined;
let sortedNames: string[] | undefined;

function all(): Map<string, string> {
  if (catalogue !== undefined) return catalogue;
  const m = new Map<string, string>();
  for (const [r, longName] of Object.entries(REGIONS)) {
    m.set(`${BASE}/regions/${r}`, r);
    m.set(`${BASE}/regions/${r}/longName`, longName);
    for (const svc of Object.keys(SERVICES)) {
      m.set(`${BASE}/regions/${r}/services/${svc}`, svc);
      m.set(`${BASE}/regions/${r}/services/${svc}/endpoint`, endpoint(svc, r));
    }
  }
  for (const [svc, longName] of Object.entries(SERVICES)) {
    m.set(`${BASE}/services/${svc}`, svc);
    m.set(`${BASE}/services/${svc}/longName`, longName);
    for (const r of Object.keys(REGIONS)) m.set(`${BASE}/services/${svc}/regions/${r}`, r);
  }
  catalogue = m;
  sortedNames = [...m.keys()].sort();
  return m;
}

/** A public parameter's name from a name or an ARN without account (`arn:aws:ssm:<region>::parameter/aws/service/…`). */
export function publicName(id: string): string | undefined {
  const m = /^arn:aws:ssm:[^:]*::parameter(\/aws\/service\/.*)$/.exec(id);
  const name = m !== null ? m[1]! : id;
  return name.startsWith(PUBLIC_ROOT) ? name : undefined;
}

export const publicArn = (region: string, name: string): string => `arn:aws:ssm:${region}::parameter${name}`;

/** The parameter, or undefined when AWS publishes no such name (in this snapshot). */
export function publicParameter(region: string, name: string): Parameter | undefined {
  const value = all().get(name);
  if (value === undefined) return undefined;
  return { Name: name, Type: 'String', Value: value, Version: 1, LastModifiedDate: new Date(SNAPSHOT_DATE), ARN: publicArn(region, name), DataType: 'text' };
}

/** Names under a path (one level, or every level when recursive), in name order. */
export function publicNamesUnder(path: string, recursive: boolean): string[] {
  all();
  const prefix = path.endsWith('/') ? path : `${path}/`;
  return sortedNames!.filter((n) => n.startsWith(prefix) && (recursive || !n.slice(prefix.length).includes('/')));
}
