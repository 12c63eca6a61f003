import { timeOrderedUuid } from '../core/ids.js';
import { randomUUID } from 'node:crypto';
import { buildEvent, buildEvents, type AuditResource } from '../audit/event.js';
import { auditParameters } from '../audit/redact.js';
import { checkSessionToken, expiredTokenError, type CredentialResolver } from '../auth/credentials.js';
import { s3PayloadHash, s3PayloadMismatch, s3RequestBody, s3StreamingBody, s3UploadTooLarge } from '../auth/s3-payload.js';
import { parseAuth, verifySignature } from '../auth/sigv4.js';
import type { Config } from '../config/config.js';
import type { Clock } from '../core/clock.js';
import { AwsError, ProtocolError, WardenBug } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { AuthzRequest, Ctx, ExtraAuditEvent, JsonObject, Operation, RequestBodyStream, SealingBarrier, ServiceDefinition } from '../core/operation.js';
import type { Principal } from '../core/principal.js';
import { accessDeniedMessage, type Authorizer, type RequestEnvironment } from '../iam/authorizer.js';
import { encodeAuthorizationMessage } from '../iam/authorization-message.js';
import { contextValues } from '../iam/context.js';
import { resourceAccountOf } from '../iam/engine.js';
import { validateInput, validationMessage } from '../model/validate.js';
import { header, type HttpRequest, type HttpResponse, type ProtocolCodec } from '../protocol/codec.js';
import { queryCodec } from '../protocol/query.js';
import { s3HostId } from '../protocol/rest-xml.js';
import type { AuditRecord, ReadTx, Store, WriteTx } from '../store/store.js';
import { authProblemError, unknownAccessKeyError } from './auth-errors.js';
import { Router, Unrouted, scopeService, type Route } from './router.js';

export interface PipelineDeps {
  readonly config: Config;
  readonly store: Store;
  readonly services: readonly ServiceDefinition[];
  readonly credentials: CredentialResolver;
  readonly authorizer: Authorizer;
  readonly clock: Clock;
  readonly log: Logger;
  /** Handed to handlers as ctx.barrier. */
  readonly barrier: SealingBarrier;
}

/** Facts about the connection a request came over. */
export interface RequestMeta {
  readonly sourceIp: string;
  /** The request came over TLS: aws:SecureTransport. */
  readonly secure: boolean;
  /** CloudTrail's tlsDetails of a TLS request. */
  readonly tls?: { readonly tlsVersion: string; readonly cipherSuite: string; readonly clientProvidedHostHeader: string };
}

/** What one request has become known as, step by step; the audit event is written from it. */
interface Trace {
  readonly requestId: string;
  readonly startMs: number;
  route?: Route;
  accessKeyId?: string;
  region?: string;
  principal?: Principal;
  operation?: string;
  op?: Operation<never, unknown>;
  input?: Record<string, unknown>;
  decisions: JsonObject[];
  resources: AuditResource[];
  additional: JsonObject;
  /** Events the handler emitted besides the request's own (ctx.audit.emitEvent). */
  extra: ExtraAuditEvent[];
  /** The HTTP request (for steps that need it before decoding). */
  request?: HttpRequest;
  /** An unsigned request to an operation declared `anonymous`. */
  anonymous?: boolean;
  /** Headers the handler added to the response (ctx.http), on success and on error. */
  responseHeaders?: Record<string, string>;
  /** The body of an operation declaring `streamingBody`, read by its handler. */
  requestBody?: RequestBodyStream;
}

const INTERNAL_MESSAGE = 'We encountered an internal error. Please try again.';

/**
 * The one path every request takes: identify → authenticate → decode/validate → execute →
 * commit → audit → encode. No answer leaves before its audit event is durable.
 */
export class Pipeline {
  private readonly router: Router;

  constructor(private readonly deps: PipelineDeps) {
    this.router = new Router(deps.services);
  }

  /**
   * Whether the request goes to an operation that reads its body as it arrives (`streamingBody`):
   * the server then hands the body to `handle` unread instead of buffering it. Looks only at the
   * method, path, query and headers.
   */
  async streamsBody(req: HttpRequest): Promise<boolean> {
    let route: Route;
    try {
      route = this.router.route(req);
    } catch {
      return false;
    }
    if (route.codec.protocol !== 'rest-xml') return false;
    let name: string;
    try {
      name = route.codec.operationName(route.service.model, req);
    } catch {
      return false;
    }
    return (await route.service.loadOperations())[name]?.streamingBody === true;
  }

  /** `body`: the unread body of a request `streamsBody` accepted (`req.body` is then empty). */
  async handle(req: HttpRequest, meta: RequestMeta, body?: AsyncIterable<Uint8Array>): Promise<HttpResponse> {
    const t = this.trace();
    let codec: ProtocolCodec | undefined;
    try {
      t.route = this.router.route(req);
      t.request = req;
      codec = t.route.codec;
      if (body !== undefined) {
        // S3 refuses an upload declared over its single-request maximum before reading anything.
        const tooLarge = s3UploadTooLarge(req);
        if (tooLarge !== null) throw tooLarge;
      }
      // S3's aws-chunked bodies come back decoded: the operation reads the payload.
      const authenticated = (await this.authenticate(req, t, body)) ?? req;
      return await this.run(authenticated, meta, t);
    } catch (err) {
      if (err instanceof Unrouted) codec = err.codec;
      return this.fail(req, meta, t, codec, err);
    }
  }

  /** Answers a request refused before the pipeline could read it (body too large, bad framing). */
  async reject(req: HttpRequest, meta: RequestMeta, error: ProtocolError): Promise<HttpResponse> {
    const t = this.trace();
    let codec: ProtocolCodec | undefined;
    try {
      t.route = this.router.route(req);
      codec = t.route.codec;
    } catch (err) {
      if (err instanceof Unrouted) codec = err.codec;
    }
    return this.fail(req, meta, t, codec, error);
  }

  private trace(): Trace {
    return { requestId: timeOrderedUuid(), startMs: this.deps.clock.now(), decisions: [], resources: [], additional: {}, extra: [] };
  }

  private async authenticate(req: HttpRequest, t: Trace, body?: AsyncIterable<Uint8Array>): Promise<HttpRequest | undefined> {
    const route = t.route!;
    const wire = route.codec.protocol;
    const auth = parseAuth(req);
    if ('kind' in auth) {
      if (auth.kind === 'MissingAuthenticationToken' && (await this.anonymousOperation(t))) return;
      throw authProblemError(wire, auth);
    }
    t.accessKeyId = auth.credential.accessKeyId;
    t.region = auth.credential.region;
    const resolved = await this.deps.store.read((tx) => this.deps.credentials.resolve(tx, auth.credential.accessKeyId));
    if (resolved === undefined) throw unknownAccessKeyError(wire);
    const token = checkSessionToken(resolved, auth.securityToken, this.deps.clock.now());
    if (token === 'invalid') throw unknownAccessKeyError(wire);
    if (token === 'expired') throw expiredTokenError(wire);
    // S3 signs the x-amz-content-sha256 value as the payload hash and checks the body against it.
    const s3 = wire === 'rest-xml' ? s3PayloadHash(req, auth) : undefined;
    if (s3 instanceof ProtocolError) throw s3;
    if (resolved.secretAccessKey === undefined) {
      t.additional['warden'] = { signature: 'unverified: access key unknown to Warden, taken as root (development profile)' };
    } else {
      const problem = verifySignature(req, auth, resolved.secretAccessKey, this.deps.clock.now(), {
        expectedService: route.service.model.metadata.signingName,
        ...(s3?.payloadHash !== undefined ? { payloadHash: s3.payloadHash } : {}),
      });
      if (problem !== null) throw authProblemError(wire, problem);
    }
    let decoded: HttpRequest | undefined;
    if (body !== undefined) {
      // Streamed: the body is checked as the operation reads it (after it authorized the caller).
      if (s3 === undefined) throw new WardenBug(`a ${wire} request was handed a streamed body`);
      const streamed = s3RequestBody(req, body, s3, auth, resolved.secretAccessKey);
      if (streamed instanceof ProtocolError) throw streamed;
      t.requestBody = streamed.body;
      decoded = streamed.request;
    } else if (s3?.streaming === true) {
      const body = s3StreamingBody(req, auth, resolved.secretAccessKey);
      if (body instanceof ProtocolError) throw body;
      decoded = body;
    }
    if (s3 !== undefined) {
      const mismatch = body === undefined ? s3PayloadMismatch(req, s3.payloadHash) : null;
      if (mismatch !== null) throw mismatch;
      // S3 records how each request was signed (cloudtrail-logging-understanding-s3-entries).
      Object.assign(t.additional, { SignatureVersion: 'SigV4', AuthenticationMethod: auth.presigned ? 'QueryString' : 'AuthHeader', 'x-amz-id-2': s3HostId(t.requestId) });
    }
    t.principal = resolved.principal;
    if (route.service.name === 'iam' && withoutMfaFromGetSessionToken(resolved.principal)) {
      // "You cannot call any IAM API operations unless MFA authentication information is included"
      // (GetSessionToken API reference); AWS answers as if the token were invalid.
      throw unknownAccessKeyError(wire);
    }
    return decoded;
  }

  /**
   * An unsigned request is let through only to an operation that declares `anonymous` (fail-closed:
   * an unroutable or unknown operation, or any other, keeps the authentication error). The request
   * then has no principal until the operation proves one (AuthzRequest.asPrincipal).
   */
  private async anonymousOperation(t: Trace): Promise<boolean> {
    const { service, codec } = t.route!;
    let name: string;
    try {
      name = codec.operationName(service.model, t.request!);
    } catch {
      return false;
    }
    const op = (await service.loadOperations())[name];
    if (op?.anonymous === undefined) return false;
    t.anonymous = true;
    return true;
  }

  private async run(req: HttpRequest, meta: RequestMeta, t: Trace): Promise<HttpResponse> {
    const { service, codec } = t.route!;
    const model = service.model;
    t.operation = codec.operationName(model, req);
    const op = (await service.loadOperations())[t.operation];
    if (op === undefined) {
      throw new ProtocolError('NotImplemented', `Warden does not implement ${model.metadata.endpointPrefix}:${t.operation} yet.`, 501);
    }
    t.op = op;
    const input = codec.decode(model, t.operation, req);
    t.input = input;
    const inputShape = model.operations[t.operation]?.input?.shape;
    if (inputShape !== undefined) {
      // S3 reads enum members as open strings and answers its own errors for values it does not know.
      const violations = validateInput(model, inputShape, input).filter((v) => codec.protocol !== 'rest-xml' || !v.constraint.startsWith('Member must satisfy enum'));
      if (violations.length > 0) throw new ProtocolError(codec.validationErrorCode, validationMessage(violations), 400);
    }
    if (t.requestBody !== undefined && op.streamingBody !== true) throw new WardenBug(`${op.name} was handed a streamed body`);
    if (op.readOnly && op.writesState !== true) {
      const output = await this.deps.store.read((tx) => this.execute(op, input, readOnlyTx(tx, op.name), req, meta, t));
      const response = withHeaders(codec.encodeOutput(model, t.operation, output, t.requestId), t);
      try {
        for (const e of [...this.extraEvents(req, meta, t), ...this.event(req, meta, t, output)]) await this.deps.store.audit.append(e);
      } catch (err) {
        await response.stream?.cancel(); // no answer without its audit event: release what the body holds
        throw err;
      }
      return response;
    }
    return this.deps.store.write(async (tx) => {
      t.decisions.length = 0;
      t.resources.length = 0;
      t.extra.length = 0;
      delete t.responseHeaders;
      const output = await this.execute(op, input, tx, req, meta, t);
      const response = withHeaders(codec.encodeOutput(model, t.operation!, output, t.requestId), t);
      for (const e of [...this.extraEvents(req, meta, t), ...this.event(req, meta, t, output)]) tx.appendAudit(e);
      return response;
    });
  }

  private async execute(op: Operation<never, unknown>, input: unknown, tx: WriteTx, req: HttpRequest, meta: RequestMeta, t: Trace): Promise<unknown> {
    const { service } = t.route!;
    if (t.anonymous === true && op.anonymous === undefined) throw new WardenBug(`${op.name} was reached unsigned but is not anonymous`);
    const principal = t.principal ?? ANONYMOUS;
    // An unsigned request has no credential scope: the default region.
    const region = t.region ?? this.deps.config.region;
    const env: RequestEnvironment = {
      sourceIp: meta.sourceIp,
      secureTransport: meta.secure,
      currentTimeMs: this.deps.clock.now(),
      requestedRegion: region,
      userAgent: header(req, 'user-agent') ?? '',
    };
    const ctx: Ctx = {
      requestId: t.requestId,
      principal,
      account: principal.account,
      region,
      tx,
      clock: this.deps.clock,
      sourceIp: meta.sourceIp,
      userAgent: env.userAgent,
      secureTransport: meta.secure,
      authorize: async (r: AuthzRequest) => {
        if (!op.actions.includes(r.action)) throw new WardenBug(`${op.name} authorized ${r.action}, which is not in its actions`);
        if (r.asPrincipal !== undefined && op.anonymous === undefined) throw new WardenBug(`${op.name} authorized as another principal but is not anonymous`);
        const who = r.asPrincipal ?? principal;
        // The proven identity is the request's from now on (its audit event's userIdentity).
        if (r.asPrincipal !== undefined) t.principal = r.asPrincipal;
        const d = await this.deps.authorizer.decide(who, r, env, tx);
        const allowedBy = !d.allowed && !d.explicitDeny && r.implicitDenyFallback ? await r.implicitDenyFallback() : undefined;
        const denied = !d.allowed && allowedBy === undefined;
        t.decisions.push({
          action: r.action,
          resource: r.resource,
          allowed: d.allowed,
          decision: d.decision,
          decidedBy: d.decidedBy,
          ...(d.decidingStatement !== undefined ? { statement: { ...d.decidingStatement } } : {}),
          ...(d.missingContextKeys.length > 0 ? { missingContextKeys: [...d.missingContextKeys] } : {}),
          explanation: d.explanation,
          ...(allowedBy !== undefined ? { allowedBy, allowed: true } : {}),
          // For sts:DecodeAuthorizationMessage (src/iam/authorization-message.ts).
          ...(denied ? { encodedMessage: encodeAuthorizationMessage(this.deps.barrier, d, who, contextValues({ principal: who, request: r, env, resourceAccount: resourceAccountOf(who, r) })) } : {}),
        });
        if (denied) throw service.accessDenied(accessDeniedMessage(who, r, d));
      },
      audit: {
        addResource: (arn, type, accountId) => {
          t.resources.push({ ARN: arn, accountId: accountId ?? principal.account, ...(type !== undefined ? { type } : {}) });
        },
        additionalEventData: (data) => Object.assign(t.additional, data),
        emitEvent: (e) => t.extra.push(e),
      },
      barrier: this.deps.barrier,
      config: this.deps.config,
      ...(this.deps.config.inMemory ? {} : { dataDir: this.deps.config.dataDir }),
      http: {
        method: req.method,
        header: (name) => header(req, name.toLowerCase()),
        setResponseHeader: (name, value) => {
          (t.responseHeaders ??= {})[name] = value;
        },
      },
      ...(t.requestBody !== undefined ? { requestBody: t.requestBody } : {}),
    };
    const output = await op.handler(input as never, ctx);
    if (t.decisions.length === 0 && op.noAuthorization === undefined) {
      throw new WardenBug(`${op.name} returned without calling ctx.authorize`);
    }
    return output;
  }

  private async fail(req: HttpRequest, meta: RequestMeta, t: Trace, codec: ProtocolCodec | undefined, err: unknown): Promise<HttpResponse> {
    const service = t.route?.service;
    let error: AwsError;
    if (err instanceof Unrouted) error = err.error;
    else if (err instanceof AwsError) error = err;
    else {
      this.deps.log.error('internal error', { requestId: t.requestId, operation: t.operation, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      error = internalFailure(service);
    }
    const c = codec ?? queryCodec;
    const response = withHeaders(c.encodeError(service?.model, error, t.requestId), t);
    try {
      // Calls made on the caller's behalf before the failure happened all the same (AWS logs them).
      for (const e of [...this.extraEvents(req, meta, t), ...this.event(req, meta, t, undefined, error)]) await this.deps.store.audit.append(e);
    } catch (auditErr) {
      this.deps.log.error('audit write failed; refusing to answer', { requestId: t.requestId, error: String(auditErr) });
      return c.encodeError(service?.model, internalFailure(service), t.requestId);
    }
    return response;
  }

  /** The events the handler emitted: the caller's identity, the request's account and Region, their own request ids. */
  private extraEvents(req: HttpRequest, meta: RequestMeta, t: Trace): AuditRecord[] {
    if (t.extra.length === 0) return [];
    const service = t.route?.service;
    const region = service?.global ? 'us-east-1' : (t.region ?? this.deps.config.region);
    return t.extra.map((e) =>
      buildEvent({
        requestId: timeOrderedUuid(),
        timeMs: this.deps.clock.now(),
        eventSource: e.eventSource,
        eventName: e.eventName,
        region,
        sourceIp: e.invokedBy ?? meta.sourceIp,
        userAgent: e.invokedBy ?? header(req, 'user-agent') ?? '',
        ...(t.principal !== undefined ? { principal: t.principal } : {}),
        ...(t.accessKeyId !== undefined ? { accessKeyId: t.accessKeyId } : {}),
        ...(e.invokedBy !== undefined ? { invokedBy: e.invokedBy } : {}),
        recipientAccount: this.deps.config.accountId,
        readOnly: e.readOnly,
        eventCategory: e.eventCategory ?? 'Management',
        requestParameters: e.requestParameters,
        responseElements: e.responseElements ?? null,
        ...(e.additionalEventData !== undefined ? { additionalEventData: e.additionalEventData } : {}),
        resources: e.resources,
        ...(e.error !== undefined ? { error: e.error } : {}),
      }),
    );
  }

  /** The request's audit records: one, plus one per other account whose resource it used (audit/event.ts). */
  private event(req: HttpRequest, meta: RequestMeta, t: Trace, output: unknown, error?: AwsError): AuditRecord[] {
    const service = t.route?.service;
    const model = service?.model;
    const op = t.op;
    const inputShape = model && t.operation ? model.operations[t.operation]?.input?.shape : undefined;
    let requestParameters: JsonObject | null = null;
    if (op !== undefined && t.input !== undefined && model !== undefined) {
      requestParameters = op.audit?.request ? op.audit.request(t.input as never) : auditParameters(model, inputShape, t.input);
    }
    const responseElements = op !== undefined && error === undefined && op.audit?.response ? op.audit.response(output as never) : null;
    const additional: JsonObject = { ...t.additional };
    if (t.decisions.length > 0) {
      const warden = (additional['warden'] as JsonObject | undefined) ?? {};
      additional['warden'] = { ...warden, authorization: t.decisions };
    }
    const signing = service?.model.metadata.endpointPrefix ?? scopeService(req) ?? 'unknown';
    return buildEvents({
      requestId: t.requestId,
      timeMs: this.deps.clock.now(),
      eventSource: service?.eventSource ?? `${signing}.amazonaws.com`,
      eventName: op?.eventName ?? t.operation ?? 'Unknown',
      region: service?.global ? 'us-east-1' : (t.region ?? this.deps.config.region),
      sourceIp: meta.sourceIp,
      userAgent: header(req, 'user-agent') ?? '',
      ...(t.principal !== undefined ? { principal: t.principal } : {}),
      ...(t.accessKeyId !== undefined ? { accessKeyId: t.accessKeyId } : {}),
      recipientAccount: this.deps.config.accountId,
      ...(op !== undefined ? { readOnly: op.readOnly } : {}),
      eventCategory: op?.eventCategory ?? 'Management',
      requestParameters,
      responseElements,
      ...(Object.keys(additional).length > 0 ? { additionalEventData: additional } : {}),
      resources: t.resources,
      ...(error !== undefined ? { error: { code: error.code, message: error.message } } : {}),
      ...(meta.tls !== undefined ? { tls: meta.tls } : {}),
    });
  }
}

// unverified: the wording of AWS's generic InternalFailure message.
const internalFailure = (service: ServiceDefinition | undefined): AwsError =>
  service ? service.internalFailure(INTERNAL_MESSAGE) : new ProtocolError('InternalFailure', INTERNAL_MESSAGE, 500);

/** Session credentials from GetSessionToken called without an MFA code. */
const withoutMfaFromGetSessionToken = (p: Principal): boolean => p.sessionData?.issuedBy === 'GetSessionToken' && p.session?.mfaAuthenticated !== true;

/** The response with the headers the handler added (ctx.http.setResponseHeader). */
function withHeaders(response: HttpResponse, t: Trace): HttpResponse {
  if (t.responseHeaders !== undefined) Object.assign(response.headers, t.responseHeaders);
  return response;
}

/** Who an unsigned request is until its operation proves an identity: nobody, in no account. */
const ANONYMOUS: Principal = { type: 'Anonymous', account: '', arn: '', principalId: '', accessKeyId: '' };

/** A read-only operation's transaction: any write is a defect. */
function readOnlyTx(tx: ReadTx, operation: string): WriteTx {
  const refuse = (): never => {
    throw new WardenBug(`${operation} is read-only but tried to write`);
  };
  return { get: (k) => tx.get(k), scan: (p, page) => tx.scan(p, page), queryAudit: (q) => tx.queryAudit(q), put: refuse, delete: refuse, appendAudit: refuse };
}
