/**
 * Event selectors: which events a trail logs. Validation (PutEventSelectors, PutInsightSelectors)
 * and matching (delivery). Pure.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutEventSelectors.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
 */
import { InvalidEventSelectorsException, InvalidInsightSelectorsException } from './errors.js';
import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector, InsightSelector } from './model.gen.js';

/** What a trail logs when no selectors were put: every management event, read and write. */
export const DEFAULT_EVENT_SELECTORS: readonly EventSelector[] = [
  { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
];

/** The fields AdvancedFieldSelector documents for trails. */
const ADVANCED_FIELDS = new Set([
  'eventCategory', 'eventSource', 'eventName', 'eventType', 'readOnly', 'resources.type', 'resources.ARN',
  'sessionCredentialFromConsole', 'userIdentity.arn', 'errorCode', 'vpcEndpointId',
]);
/** For management-event selectors AWS admits only these fields. */
const MANAGEMENT_FIELDS = new Set(['eventCategory', 'readOnly', 'eventSource']);
const OPERATORS = ['Equals', 'StartsWith', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith'] as const;

// The limits are AWS's (InvalidEventSelectorsException's documentation); the messages are
// Warden's own. // unverified: AWS's message texts.
export function validateEventSelectors(selectors: readonly EventSelector[]): void {
  if (selectors.length < 1 || selectors.length > 5) {
    throw new InvalidEventSelectorsException('A trail can have between 1 and 5 event selectors.');
  }
  let resources = 0;
  for (const s of selectors) {
    for (const d of s.DataResources ?? []) {
      if (d.Type === undefined || d.Type === '') throw new InvalidEventSelectorsException('Every data resource needs a Type.');
      resources += Math.max(1, d.Values?.length ?? 0);
    }
    for (const src of s.ExcludeManagementEventSources ?? []) {
      if (src !== 'kms.amazonaws.com' && src !== 'rdsdata.amazonaws.com') {
        throw new InvalidEventSelectorsException(`Value ${src} for ExcludeManagementEventSources is invalid.`);
      }
    }
  }
  if (resources > 250) throw new InvalidEventSelectorsException('A trail is limited to 250 data resources.');
}

export function validateAdvancedEventSelectors(selectors: readonly AdvancedEventSelector[]): void {
  if (selectors.length < 1) throw new InvalidEventSelectorsException('Specify at least one advanced event selector.');
  let values = 0;
  for (const s of selectors) {
    const fields = new Set<string>();
    for (const f of s.FieldSelectors) {
      if (!ADVANCED_FIELDS.has(f.Field)) throw new InvalidEventSelectorsException(`Invalid field name ${f.Field}.`);
      if (fields.has(f.Field)) throw new InvalidEventSelectorsException(`Field ${f.Field} is specified more than once in one advanced event selector.`);
      fields.add(f.Field);
      const ops = OPERATORS.filter((o) => f[o] !== undefined);
      if (ops.length === 0) throw new InvalidEventSelectorsException(`Field ${f.Field} needs at least one operator.`);
      for (const o of ops) values += f[o]!.length;
      if (f.Field === 'readOnly' && [...(f.Equals ?? []), ...(f.NotEquals ?? [])].some((v) => v !== 'true' && v !== 'false')) {
        throw new InvalidEventSelectorsException('Value for readOnly must be true or false.');
      }
    }
    const category = s.FieldSelectors.find((f) => f.Field === 'eventCategory');
    if (category?.Equals === undefined || category.Equals.length !== 1) {
      throw new InvalidEventSelectorsException('Each advanced event selector needs the field eventCategory with one Equals value.');
    }
    const cat = category.Equals[0]!;
    if (cat !== 'Management' && cat !== 'Data' && cat !== 'NetworkActivity') {
      throw new InvalidEventSelectorsException(`Invalid value ${cat} for eventCategory.`);
    }
    if (cat === 'Management') {
      for (const f of s.FieldSelectors) {
        if (!MANAGEMENT_FIELDS.has(f.Field)) throw new InvalidEventSelectorsException(`Field ${f.Field} is not supported for management events.`);
      }
    }
    if (cat === 'Data' && !fields.has('resources.type')) {
      throw new InvalidEventSelectorsException('An advanced event selector for data events needs the field resources.type.');
    }
  }
  if (values > 500) throw new InvalidEventSelectorsException('A trail can have at most 500 values for all conditions in all advanced event selectors.');
}

export function validateInsightSelectors(selectors: readonly InsightSelector[]): void {
  const seen = new Set<string>();
  for (const s of selectors) {
    // unverified: message text.
    if (s.InsightType === undefined || seen.has(s.InsightType)) throw new InvalidInsightSelectorsException('The insight selectors are not valid.');
    seen.add(s.InsightType);
  }
}

/** The parts of a CloudTrail record selectors look at. */
export interface SelectableRecord {
  readonly eventCategory?: string;
  readonly eventSource?: string;
  readonly eventName?: string;
  readonly eventType?: string;
  readonly readOnly?: boolean;
  readonly errorCode?: string;
  readonly vpcEndpointId?: string;
  readonly sessionCredentialFromConsole?: string;
  readonly userIdentity?: { readonly arn?: string };
  readonly resources?: readonly { readonly ARN?: string; readonly type?: string }[];
}

/** Whether basic event selectors log a record: any selector that matches. */
export function matchesEventSelectors(selectors: readonly EventSelector[], r: SelectableRecord): boolean {
  return selectors.some((s) => {
    const rw = s.ReadWriteType ?? 'All';
    if (rw === 'ReadOnly' && r.readOnly !== true) return false;
    if (rw === 'WriteOnly' && r.readOnly === true) return false;
    if ((r.eventCategory ?? 'Management') === 'Management') {
      return (s.IncludeManagementEvents ?? true) && !(s.ExcludeManagementEventSources ?? []).includes(r.eventSource ?? '');
    }
    if (r.eventCategory !== 'Data') return false;
    return (s.DataResources ?? []).some((d) =>
      (r.resources ?? []).some((res) => res.type === d.Type && (d.Values ?? []).some((v) => isAllResources(v, d.Type) || (res.ARN ?? '').startsWith(v))),
    );
  });
}

/** `arn:aws:s3` (all buckets) and `arn:aws:s3:::` (the same) select every resource of the type. */
function isAllResources(value: string, type: string | undefined): boolean {
  const service = type?.split('::')[1]?.toLowerCase();
  return service !== undefined && (value === `arn:aws:${service}` || value === `arn:aws:${service}:::`);
}

/** Whether advanced event selectors log a record: any selector whose every field matches. */
export function matchesAdvancedSelectors(selectors: readonly AdvancedEventSelector[], r: SelectableRecord): boolean {
  return selectors.some((s) => s.FieldSelectors.every((f) => fieldMatches(f, valuesOf(f.Field, r))));
}

function valuesOf(field: string, r: SelectableRecord): (string | undefined)[] {
  switch (field) {
    case 'eventCategory':
      return [r.eventCategory ?? 'Management'];
    case 'readOnly':
      return [r.readOnly === undefined ? undefined : String(r.readOnly)];
    case 'resources.type':
      return (r.resources ?? []).map((x) => x.type);
    case 'resources.ARN':
      return (r.resources ?? []).map((x) => x.ARN);
    case 'userIdentity.arn':
      return [r.userIdentity?.arn];
    case 'eventSource':
    case 'eventName':
    case 'eventType':
    case 'errorCode':
    case 'vpcEndpointId':
    case 'sessionCredentialFromConsole':
      return [r[field]];
    default:
      return [undefined];
  }
}

/** Positive operators are OR-ed, negative ones AND-ed; a multi-valued field matches if one value does. */
function fieldMatches(f: AdvancedFieldSelector, values: readonly (string | undefined)[]): boolean {
  return values.some((v) => {
    const s = v ?? '';
    const positive = f.Equals !== undefined || f.StartsWith !== undefined || f.EndsWith !== undefined;
    if (positive && !((f.Equals ?? []).includes(s) || (f.StartsWith ?? []).some((p) => s.startsWith(p)) || (f.EndsWith ?? []).some((p) => s.endsWith(p)))) {
      return false;
    }
    if ((f.NotEquals ?? []).includes(s)) return false;
    if ((f.NotStartsWith ?? []).some((p) => s.startsWith(p))) return false;
    return !(f.NotEndsWith ?? []).some((p) => s.endsWith(p));
  });
}
