/**
 * TypeScript names for AWS shape names. A shape whose name is a JS/TS global, keyword, built-in
 * type or a name the generated module itself declares gets the suffix `Shape` (String →
 * StringShape, Date → DateShape, Error → ErrorShape). The list is fixed here, not read from the
 * running Node, so the output does not depend on the Node version.
 */
const RESERVED = new Set([
  // ECMAScript and TypeScript keywords and type keywords
  ...'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with implements interface let package private protected public static yield any boolean number string symbol bigint object never unknown undefined type declare namespace module readonly keyof infer is asserts satisfies as async await of get set abstract override accessor out constructor require global'.split(' '),
  // ES2023 globals
  ...'Array ArrayBuffer Atomics BigInt BigInt64Array BigUint64Array Boolean DataView Date Error EvalError FinalizationRegistry Float32Array Float64Array Function Infinity Int8Array Int16Array Int32Array Intl JSON Map Math NaN Number Object Promise Proxy RangeError ReferenceError Reflect RegExp Set SharedArrayBuffer String Symbol SyntaxError TypeError URIError Uint8Array Uint8ClampedArray Uint16Array Uint32Array WeakMap WeakRef WeakSet AggregateError Iterator globalThis eval isFinite isNaN parseFloat parseInt encodeURI decodeURI encodeURIComponent decodeURIComponent escape unescape'.split(' '),
  // TypeScript built-in types
  ...'Record Partial Required Readonly Pick Omit Exclude Extract NonNullable Parameters ConstructorParameters ReturnType InstanceType ThisParameterType OmitThisParameter ThisType Awaited Uppercase Lowercase Capitalize Uncapitalize NoInfer PropertyKey PropertyDescriptor PropertyDescriptorMap PromiseLike ArrayLike Iterable IterableIterator AsyncIterable AsyncIterator AsyncIterableIterator Generator AsyncGenerator ReadonlyArray ReadonlyMap ReadonlySet TemplateStringsArray TypedPropertyDescriptor ClassDecorator MethodDecorator PropertyDecorator ParameterDecorator ArrayBufferLike ArrayBufferView Disposable AsyncDisposable'.split(' '),
  // Node.js and web globals
  ...'Buffer process console setTimeout setInterval setImmediate clearTimeout clearInterval clearImmediate queueMicrotask structuredClone URL URLSearchParams TextEncoder TextDecoder AbortController AbortSignal Event EventTarget MessageChannel MessagePort MessageEvent BroadcastChannel Blob File FormData Headers Request Response fetch WebAssembly crypto performance atob btoa exports Crypto CryptoKey CustomEvent DOMException ReadableStream WritableStream TransformStream WebSocket Navigator navigator'.split(' '),
  // declared by the generated module
  'model', 'Operations', 'OperationName', 'AwsError', 'ServerFault', 'ServiceModel',
]);

export const RENAME_SUFFIX = 'Shape';

/** Maps every shape name of one model to a unique TypeScript identifier. */
export function typeNames(shapeNames: readonly string[]): ReadonlyMap<string, string> {
  const taken = new Set(shapeNames);
  const out = new Map<string, string>();
  for (const name of shapeNames) {
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) throw new Error(`shape name ${name} is not an identifier`);
    if (!RESERVED.has(name)) { out.set(name, name); continue; }
    const renamed = `${name}${RENAME_SUFFIX}`;
    if (taken.has(renamed) || RESERVED.has(renamed)) throw new Error(`cannot rename shape ${name}: ${renamed} exists`);
    taken.add(renamed);
    out.set(name, renamed);
  }
  return out;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as written in an object literal or interface. */
export const propertyKey = (key: string): string => (IDENTIFIER.test(key) ? key : quote(key));

/** A single-quoted TypeScript string literal. */
export function quote(s: string): string {
  return `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}
