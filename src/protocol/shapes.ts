/**
 * Per-model lookups the codecs need on every request, computed once per shape and cached
 * (a WeakMap keyed by the model object), so no request walks the model.
 */
import { WardenBug } from '../core/errors.js';
import type { ListShape, MemberRef, ServiceModel, Shape, StructureShape } from '../model/types.js';

export interface MemberPlan {
  /** The member name handlers see (botocore's member name). */
  readonly name: string;
  /** The name on the wire: the member's `locationName`, else its name (botocore `serialization.name`). */
  readonly wire: string;
  /**
   * The XML element / query key for awsQuery: as `wire`, except a flattened list whose member has a
   * `locationName` takes that name (botocore `BaseXMLResponseParser._member_key_name`,
   * `QuerySerializer._serialize_type_list`).
   */
  readonly xmlName: string;
  readonly flattened: boolean;
  readonly ref: MemberRef;
  readonly shape: Shape;
}

interface ModelIndex {
  readonly structs: Map<string, readonly MemberPlan[]>;
  errors?: Map<string, ErrorShape>;
}

export interface ErrorShape {
  readonly name: string;
  readonly shape: StructureShape;
}

const INDEX = new WeakMap<ServiceModel, ModelIndex>();

function indexOf(model: ServiceModel): ModelIndex {
  let ix = INDEX.get(model);
  if (ix === undefined) {
    ix = { structs: new Map() };
    INDEX.set(model, ix);
  }
  return ix;
}

/** The shape a member reference targets. A dangling reference is a defect in the (generated) model. */
export function shapeOf(model: ServiceModel, ref: MemberRef): Shape {
  const s = model.shapes[ref.shape];
  if (s === undefined) throw new WardenBug(`model ${model.metadata.serviceId}: no shape ${ref.shape}`);
  return s;
}

export function structureOf(model: ServiceModel, name: string): StructureShape {
  const s = model.shapes[name];
  if (s === undefined || s.type !== 'structure') throw new WardenBug(`model ${model.metadata.serviceId}: ${name} is not a structure`);
  return s;
}

/** The members of structure `name`, in model order, with their wire names resolved. */
export function membersOf(model: ServiceModel, name: string, shape: StructureShape): readonly MemberPlan[] {
  const ix = indexOf(model);
  let plan = ix.structs.get(name);
  if (plan === undefined) {
    plan = Object.entries(shape.members).map(([memberName, ref]): MemberPlan => {
      const target = shapeOf(model, ref);
      const wire = ref.locationName ?? memberName;
      const flattened = ref.flattened === true || ((target.type === 'list' || target.type === 'map') && target.flattened === true);
      const listItemName = target.type === 'list' ? (target as ListShape).member.locationName : undefined;
      const xmlName = flattened && listItemName !== undefined ? listItemName : wire;
      return { name: memberName, wire, xmlName, flattened, ref, shape: target };
    });
    ix.structs.set(name, plan);
  }
  return plan;
}

/**
 * The error shape AWS renders under `code`: the shape whose `error.code` is `code` (awsQuery:
 * `NoSuchEntityException` has code `NoSuchEntity`), else the exception shape named `code` (awsJson).
 */
export function errorShapeOf(model: ServiceModel, code: string): ErrorShape | undefined {
  const ix = indexOf(model);
  if (ix.errors === undefined) {
    const errors = new Map<string, ErrorShape>();
    for (const [name, shape] of Object.entries(model.shapes)) {
      if (shape.type === 'structure' && shape.exception === true) errors.set(name, { name, shape });
    }
    for (const [name, shape] of Object.entries(model.shapes)) {
      if (shape.type === 'structure' && shape.exception === true && shape.error?.code !== undefined) errors.set(shape.error.code, { name, shape });
    }
    ix.errors = errors;
  }
  return ix.errors.get(code);
}

/** The key of `value` in `obj` as an own property, safe for `__proto__` (map keys are caller data). */
export function setEntry(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
