/** Reads the vendored botocore models under models/<service>/<api-version>/. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** A botocore service-2.json, loosely typed: codegen whitelists what it copies. */
export interface RawModel {
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly operations: Readonly<Record<string, RawOperation>>;
  readonly shapes: Readonly<Record<string, RawShape>>;
}
export interface RawOperation {
  readonly name: string;
  readonly http: Readonly<Record<string, unknown>>;
  readonly input?: Readonly<Record<string, unknown>> & { readonly shape: string };
  readonly output?: Readonly<Record<string, unknown>> & { readonly shape: string };
  readonly errors?: readonly { readonly shape: string }[];
  readonly [key: string]: unknown;
}
export type RawMember = Readonly<Record<string, unknown>> & { readonly shape: string };
export interface RawShape {
  readonly type: string;
  readonly members?: Readonly<Record<string, RawMember>>;
  readonly required?: readonly string[];
  readonly member?: RawMember;
  readonly key?: RawMember;
  readonly value?: RawMember;
  readonly enum?: readonly string[];
  readonly exception?: boolean;
  readonly fault?: boolean;
  readonly document?: boolean;
  readonly error?: { readonly code?: string; readonly httpStatusCode?: number; readonly senderFault?: boolean };
  readonly [key: string]: unknown;
}

export interface VendoredService {
  /** Folder name under models/ and src/services/. */
  readonly name: string;
  readonly version: string;
  /** models/<name>/<version>, relative to the repository root. */
  readonly dir: string;
  readonly model: RawModel;
  readonly paginators: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** The repository root: this file runs as dist/scripts/codegen/*.js. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function loadServices(root = REPO_ROOT): VendoredService[] {
  const modelsDir = join(root, 'models');
  return readdirSync(modelsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const versions = readdirSync(join(modelsDir, name)).sort();
      const version = versions[versions.length - 1];
      if (version === undefined) throw new Error(`models/${name} has no API version folder`);
      const dir = `models/${name}/${version}`;
      const model = JSON.parse(gunzipSync(readFileSync(join(root, dir, 'service-2.json.gz'))).toString('utf8')) as RawModel;
      const pagFile = join(root, dir, 'paginators-1.json');
      const paginators = existsSync(pagFile)
        ? ((JSON.parse(readFileSync(pagFile, 'utf8')) as { pagination?: VendoredService['paginators'] }).pagination ?? {})
        : {};
      return { name, version, dir, model, paginators };
    });
}
