import type { AwsError } from './errors.js';
import type { Config } from '../config/config.js';
import type { Clock } from './clock.js';
import type { Principal } from './principal.js';
import type { ServiceModel } from '../model/types.js';
import type { Store, WriteTx } from '../store/store.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

/** A value of a condition key in the request context. */
export type ConditionValue = string | readonly string[];

export interface AuthzRequest {
  /** `service:Action`, e.g. `kms:Encrypt`. Must be listed in the operation's `actions`. */
  readonly action: string;
  /** The resource ARN, or `*` for actions without a resource type. */
  readonly resource: string;
  /** A resource-based policy (key policy, secret policy, trust policy) as stored JSON. */
  readonly resourcePolicy?: string;
  /** Service condition keys the operation supplies (global keys come from the request). */
  readonly conditions?: Readonly<Record<string, ConditionValue>>;
  /**
   * Another source of permission the policy engine does not know, such as a KMS grant: consulted
   * only when the policies deny implicitly, never on an explicit deny. Returns what allowed the
   * request (recorded with the decision in the audit event), or undefined to keep the denial.
   */
  readonly implicitDenyFallback?: () => Promise<JsonObject | undefined>;
  /**
   * Only for operations declared `anonymous`: the identity the request is decided (and audited)
   * for, which the operation established itself (AssumeRoleWithWebIdentity: the token's subject).
   */
  readonly asPrincipal?: Principal;
}

/** What a handler adds to its CloudTrail event. */
export interface AuditFields {
  addResource(arn: string, type?: string, accountId?: string): void;
  /** Merged into `additionalEventData`. */
  additionalEventData(data: JsonObject): void;
  /**
   * A further CloudTrail event this request causes, committed with the request's own event (or
   * written with its failure): a call an AWS service makes to another on the caller's behalf,
   * such as the KMS GenerateDataKey behind a Secrets Manager CreateSecret.
   */
  emitEvent(event: ExtraAuditEvent): void;
}

/** An event a handler adds besides its own; the caller's identity, account and Region apply. */
export interface ExtraAuditEvent {
  readonly eventSource: string;
  readonly eventName: string;
  readonly readOnly: boolean;
  readonly eventCategory?: 'Management' | 'Data';
  /**
   * The service that made the call for the caller, e.g. `secretsmanager.amazonaws.com`: recorded
   * as userIdentity.invokedBy, sourceIPAddress and userAgent, as CloudTrail records such calls.
   */
  readonly invokedBy?: string;
  readonly requestParameters: JsonObject | null;
  readonly responseElements?: JsonObject | null;
  readonly additionalEventData?: JsonObject;
  readonly resources: readonly { readonly ARN: string; readonly accountId?: string; readonly type?: string }[];
  readonly error?: { readonly code: string; readonly message: string };
}

/** Everything a handler may use. Built by the pipeline for one request. */
export interface Ctx {
  readonly requestId: string;
  readonly principal: Principal;
  /** The account the request acts in: the caller's. */
  readonly account: string;
  /** From the SigV4 credential scope. */
  readonly region: string;
  readonly tx: WriteTx;
  readonly clock: Clock;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** The request came over TLS (aws:SecureTransport); S3 refuses SSE-C keys without it. */
  readonly secureTransport: boolean;
  /** Throws the service's access-denied error; records the decision for the audit event. */
  authorize(req: AuthzRequest): Promise<void>;
  readonly audit: AuditFields;
  /** The encryption barrier: seals secret bytes (AAD = the storage key they are stored under). */
  readonly barrier: SealingBarrier;
  /** The server's configuration (request quotas and the like). */
  readonly config: Config;
  /** The data directory for state kept beside the store (S3 object bodies); undefined in memory. */
  readonly dataDir?: string;
  /** Only for operations declaring `streamingBody`: the request body, read as it arrives. */
  readonly requestBody?: RequestBodyStream;
  /** The HTTP exchange, for the few behaviours that hang on raw headers (S3 CORS: Origin in, Access-Control-* out). */
  readonly http?: HttpExchange;
}

/** What a handler sees of the HTTP request and may add to the response (on success and on error). */
export interface HttpExchange {
  readonly method: string;
  /** A request header by name (any case). */
  header(name: string): string | undefined;
  setResponseHeader(name: string, value: string): void;
}

/**
 * A request body an operation reads as it arrives instead of from its input (which then has an
 * empty payload). The transport's checks run as it is read: aws-chunked chunk signatures and
 * framing, the signed x-amz-content-sha256, the declared length. A failed check throws the AWS
 * error from the iteration, mid-way or at its end, so nothing read may be committed before the
 * iteration completed.
 */
export interface RequestBodyStream {
  /** The payload length the client declared (Content-Length, or x-amz-decoded-content-length for aws-chunked). */
  readonly declaredLength: number | undefined;
  /** Names of the trailing headers the client declared (x-amz-trailer), lowercase. */
  readonly declaredTrailers: readonly string[];
  /** The payload bytes. Only once per request: a handler run again (write conflict) must keep what it needs. */
  chunks(): AsyncIterable<Uint8Array>;
  /** Whether chunks() was called. */
  readonly consumed: boolean;
  /** The trailing headers (aws-chunked trailer) by lowercase name, once chunks() has completed. */
  readonly trailers: Readonly<Record<string, string>>;
}

/** What handlers see of the barrier (crypto/barrier.ts): AES-256-GCM, AAD = `storageKey`. */
export interface SealingBarrier {
  seal(storageKey: string, bytes: Uint8Array): Uint8Array;
  unseal(storageKey: string, bytes: Uint8Array): Uint8Array;
}

export interface Operation<I, O> {
  /** The AWS operation name = CloudTrail eventName… */
  readonly name: string;
  /** …unless CloudTrail names it otherwise (S3's PutPublicAccessBlock is logged as PutBucketPublicAccessBlock). */
  readonly eventName?: string;
  /** Every IAM action the handler may authorize. */
  readonly actions: readonly string[];
  /** CloudTrail `readOnly`. Read-only operations get a transaction that refuses writes… */
  readonly readOnly: boolean;
  /** …unless they declare here that they write anyway (STS AssumeRole stores the session it issues). */
  readonly writesState?: boolean;
  readonly eventCategory?: 'Management' | 'Data';
  /**
   * Set only for the few operations AWS answers without any permission check (STS
   * GetCallerIdentity): the documented reason. Every other handler must call ctx.authorize.
   */
  readonly noAuthorization?: string;
  /**
   * Set only for the few operations AWS accepts unsigned (STS AssumeRoleWithWebIdentity and
   * AssumeRoleWithSAML, which carry their own proof of identity): the documented reason. An
   * unsigned request to any other operation is refused as before. The handler must still call
   * ctx.authorize, with `asPrincipal` naming whom it proved.
   */
  readonly anonymous?: string;
  /**
   * The request body is not buffered (nor bound by --max-body-bytes): the handler reads it from
   * ctx.requestBody, after authorizing. Only for rest-xml operations taking an object body
   * (S3 PutObject, UploadPart); the server asks the pipeline before it reads a body.
   */
  readonly streamingBody?: true;
  readonly audit?: {
    /** Default: the input minus the model's `sensitive` members. */
    request?(input: I): JsonObject | null;
    /** Default: null. */
    response?(output: O): JsonObject | null;
  };
  handler(input: I, ctx: Ctx): Promise<O>;
}

export const defineOperation = <I, O>(op: Operation<I, O>): Operation<I, O> => op;

/** Generated per service: operation name → its input and output types. */
export type OperationTypes = Record<string, { input: unknown; output: unknown }>;

/** The operations a service implements, typed by the generated operation list. */
export type OperationMap<T extends OperationTypes> = {
  readonly [K in keyof T]?: Operation<T[K]['input'], T[K]['output']>;
};

export type ServiceOperations = Readonly<Record<string, Operation<never, unknown> | undefined>>;

/** Memoizes a service's dynamic `import('./operations/index.js')`. */
export function lazyOperations(load: () => Promise<{ readonly operations: ServiceOperations }>): () => Promise<ServiceOperations> {
  let loaded: Promise<ServiceOperations> | undefined;
  return () => (loaded ??= load().then((m) => m.operations));
}

export interface ServiceDefinition {
  /** Folder and registry name, e.g. `sts`. */
  readonly name: string;
  readonly model: ServiceModel;
  /** CloudTrail eventSource, e.g. `sts.amazonaws.com`. */
  readonly eventSource: string;
  /** IAM, STS, Organizations: one per account, audited in us-east-1. */
  readonly global: boolean;
  /**
   * The operations, loaded on first use: a service's ~50–75 operation modules cost 30–70 ms to
   * import, which `warden start` need not pay before it answers (PERFORMANCE.md).
   */
  loadOperations(): Promise<ServiceOperations>;
  /** The service's own access-denied error (AccessDenied 403 for query, AccessDeniedException for most JSON). */
  accessDenied(message: string): AwsError;
  /** The service's internal-failure error (KMSInternalException, InternalFailure, …). */
  internalFailure(message: string): AwsError;
  /** Work the service does on its own, outside any request: rotation, delivery, expiry. */
  readonly backgroundJobs?: readonly BackgroundJob[];
}

/**
 * A periodic task run by `warden start` (server/jobs.ts). Runs never overlap; a failing run is
 * logged and retried at the next tick. A job writes through `env.store` like a handler does, and
 * audits what it does itself (an event per action it takes, as the AWS service would).
 */
export interface BackgroundJob {
  readonly name: string;
  /** How often to run. Read once at start. */
  intervalMs(env: JobEnv): number;
  run(env: JobEnv): Promise<void>;
}

/** What a background job may use. */
export interface JobEnv {
  readonly store: Store;
  readonly clock: Clock;
  readonly barrier: SealingBarrier;
  readonly config: Config;
  readonly log: { warn(msg: string, fields?: Record<string, unknown>): void; error(msg: string, fields?: Record<string, unknown>): void };
}
