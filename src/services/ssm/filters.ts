/**
 * ParameterStringFilter for DescribeParameters and GetParametersByPath (API reference,
 * ParameterStringFilter): DescribeParameters takes every key but Label, options Equals and
 * BeginsWith (Name also Contains; Path Recursive or OneLevel); GetParametersByPath takes Type,
 * KeyId and Label, options Equals and BeginsWith (Label only Equals).
 */
import { InvalidFilterKey, InvalidFilterOption, InvalidFilterValue, ValidationException } from './model.gen.js';
import type { ParameterStringFilter, ParametersFilter } from './model.gen.js';
import { current, type ParameterRecord, type ParameterVersion } from './state.js';

const DESCRIBE_KEYS = ['Name', 'Type', 'KeyId', 'Path', 'Tier', 'DataType'];
const BY_PATH_KEYS = ['Type', 'KeyId', 'Label'];
const VALUES: Readonly<Record<string, readonly string[]>> = {
  Type: ['String', 'StringList', 'SecureString'],
  Tier: ['Standard', 'Advanced', 'Intelligent-Tiering'],
};

function optionsFor(key: string, forPath: boolean): readonly string[] {
  if (forPath) return key === 'Label' ? ['Equals'] : ['Equals', 'BeginsWith'];
  if (key === 'Path') return ['Recursive', 'OneLevel'];
  return key === 'Name' ? ['Equals', 'BeginsWith', 'Contains'] : ['Equals', 'BeginsWith'];
}

// The messages below are Warden's wording of AWS's rules. // unverified
function checkOne(f: ParameterStringFilter, forPath: boolean): void {
  const keys = forPath ? BY_PATH_KEYS : DESCRIBE_KEYS;
  if (!keys.includes(f.Key) && (forPath || !f.Key.startsWith('tag:'))) {
    throw new InvalidFilterKey(`The following filter key is not valid: ${f.Key}. Valid filter keys include: [${forPath ? keys.join(', ') : [...keys, 'tag:<key>'].join(', ')}].`);
  }
  const options = optionsFor(f.Key, forPath);
  if (f.Option !== undefined && !options.includes(f.Option)) {
    throw new InvalidFilterOption(`The following filter option is not valid: ${f.Option}. Valid options include: [${options.join(', ')}].`);
  }
  const values = f.Values ?? [];
  const allowed = VALUES[f.Key];
  const bad = allowed === undefined ? undefined : values.find((v) => !allowed.includes(v));
  if (bad !== undefined) throw new InvalidFilterValue(`The following filter value is not valid: ${bad}. Valid values include: [${allowed!.join(', ')}].`);
  if (f.Key === 'Path' && values.some((v) => !v.startsWith('/'))) {
    throw new InvalidFilterValue('The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/".');
  }
  if (f.Key !== 'Path' && !f.Key.startsWith('tag:') && values.length === 0) throw new InvalidFilterValue(`The following filter ${f.Key} requires at least one value.`);
}

export function checkFilters(filters: readonly ParameterStringFilter[], forPath: boolean): void {
  const seen = new Set<string>();
  for (const f of filters) {
    checkOne(f, forPath);
    // unverified text
    if (seen.has(f.Key)) throw new ValidationException(`The following filter is duplicated in the request: ${f.Key}. A request can contain only one occurrence of a specific filter.`);
    seen.add(f.Key);
  }
}

/** The legacy Filters (Name, Type, KeyId), as ParameterStringFilters: Name begins with, others equal. // unverified semantics */
export function legacyFilters(filters: readonly ParametersFilter[]): ParameterStringFilter[] {
  return filters.map((f) => ({ Key: f.Key, Option: f.Key === 'Name' ? 'BeginsWith' : 'Equals', Values: f.Values }));
}

function matchesPath(rec: ParameterRecord, f: ParameterStringFilter): boolean {
  return (f.Values ?? []).some((path) => {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    if (!rec.name.startsWith(prefix)) return false;
    return f.Option === 'Recursive' || !rec.name.slice(prefix.length).includes('/');
  });
}

function actualValues(rec: ParameterRecord, key: string): readonly string[] {
  const v = current(rec);
  if (key.startsWith('tag:')) return (rec.tags ?? []).filter((t) => t.Key === key.slice(4)).map((t) => t.Value);
  switch (key) {
    case 'Type': return [v.type];
    case 'KeyId': return [v.keyId, v.keyArn].filter((k): k is string => k !== undefined);
    case 'Label': return rec.versions.flatMap((x) => x.labels);
    case 'Tier': return [v.tier];
    case 'DataType': return [v.dataType];
    case 'Name': return [rec.name, rec.name.replace(/^\//, '')];
    default: return [];
  }
}

export function matchesFilter(rec: ParameterRecord, f: ParameterStringFilter): boolean {
  if (f.Key === 'Path') return matchesPath(rec, f);
  const actual = actualValues(rec, f.Key);
  const values = f.Values ?? [];
  // A tag filter without values matches every parameter that has the tag key.
  if (values.length === 0) return actual.length > 0;
  return values.some((want) => actual.some((a) => (f.Option === 'BeginsWith' ? a.startsWith(want) : f.Option === 'Contains' ? a.includes(want) : a === want)));
}

/**
 * The version GetParametersByPath returns for a parameter: with a Label filter, the version that
 * carries one of its labels (a label is on one version at most); otherwise the current one.
 * // unverified: that AWS answers the labelled version rather than the current one (AWS's API
 * reference only says Label filters the results).
 */
export function versionFor(rec: ParameterRecord, filters: readonly ParameterStringFilter[]): ParameterVersion {
  const labels = filters.find((f) => f.Key === 'Label')?.Values;
  if (labels === undefined) return current(rec);
  return rec.versions.find((v) => v.labels.some((l) => labels.includes(l))) ?? current(rec);
}
