import { ProtocolError } from '../core/errors.js';
import type { ServiceDefinition } from '../core/operation.js';
import { header, type HttpRequest, type ProtocolCodec } from '../protocol/codec.js';
import { jsonCodec } from '../protocol/json.js';
import { queryCodec } from '../protocol/query.js';
import { restXmlCodec, virtualHostBucket } from '../protocol/rest-xml.js';

export interface Route {
  readonly service: ServiceDefinition;
  readonly codec: ProtocolCodec;
}

/** A request no service answers, with the codec whose error shape the client most likely reads. */
export class Unrouted extends Error {
  constructor(
    readonly codec: ProtocolCodec,
    readonly error: ProtocolError,
    readonly signingService: string | undefined,
  ) {
    super(error.message);
  }
}

/** The service named by a SigV4 credential scope, from the header or a presigned query. */
export function scopeService(req: HttpRequest): string | undefined {
  const auth = header(req, 'authorization');
  const m = auth !== undefined ? /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(auth) : /X-Amz-Credential=[^&/]+(?:%2F|\/)\d{8}(?:%2F|\/)[^&%/]+(?:%2F|\/)([^&%/]+)/i.exec(req.rawQuery);
  return m?.[1];
}

/**
 * Identify, step one of the pipeline: which service a request is for. awsJson requests name it by
 * their X-Amz-Target prefix; awsQuery requests by the signing name in the credential scope (IAM
 * and STS share the protocol), falling back to the form's Version.
 */
export class Router {
  private readonly byTarget = new Map<string, ServiceDefinition>();
  private readonly querySigning = new Map<string, ServiceDefinition>();
  private readonly queryVersion = new Map<string, ServiceDefinition>();
  private restXml: ServiceDefinition | undefined;
  private s3control: ServiceDefinition | undefined;

  constructor(services: readonly ServiceDefinition[]) {
    for (const s of services) {
      const m = s.model.metadata;
      if (m.protocol === 'json' && m.targetPrefix) {
        this.byTarget.set(m.targetPrefix, s);
        // The SDK v3 sends only the last segment of a dotted prefix (json.ts targetPrefixMatches).
        const short = m.targetPrefix.slice(m.targetPrefix.lastIndexOf('.') + 1);
        if (!this.byTarget.has(short)) this.byTarget.set(short, s);
      }
      if (m.protocol === 'rest-xml') {
        if (m.endpointPrefix === 's3-control') this.s3control = s;
        else this.restXml = s;
      }
      if (m.protocol === 'query') {
        this.querySigning.set(m.signingName, s);
        this.queryVersion.set(m.apiVersion, s);
      }
    }
  }

  route(req: HttpRequest): Route {
    const target = header(req, 'x-amz-target');
    if (target !== undefined) {
      const dot = target.lastIndexOf('.');
      const service = dot > 0 ? this.byTarget.get(target.slice(0, dot)) : undefined;
      if (service === undefined) {
        throw new Unrouted(jsonCodec, new ProtocolError('UnknownOperationException', '', 400), scopeService(req));
      }
      return { service, codec: jsonCodec };
    }
    const signing = scopeService(req);
    if (this.s3control !== undefined && isS3ControlRequest(req, signing)) return { service: this.s3control, codec: restXmlCodec };
    if (this.restXml !== undefined && isS3Request(req, signing)) return { service: this.restXml, codec: restXmlCodec };
    const bySigning = signing !== undefined ? this.querySigning.get(signing) : undefined;
    if (bySigning !== undefined) return { service: bySigning, codec: queryCodec };
    const version = formValue(req, 'Version');
    const byVersion = version !== undefined ? this.queryVersion.get(version) : undefined;
    if (byVersion !== undefined && (signing === undefined || signing === byVersion.model.metadata.signingName)) {
      return { service: byVersion, codec: queryCodec };
    }
    const what = signing ?? 'unknown';
    const ctype = header(req, 'content-type') ?? '';
    const codec = ctype.includes('json') ? jsonCodec : queryCodec;
    const code = codec === jsonCodec ? 'UnknownOperationException' : 'InvalidAction';
    throw new Unrouted(codec, new ProtocolError(code, `Warden does not serve the service '${what}' (yet).`, 400), signing);
  }
}

function formValue(req: HttpRequest, name: string): string | undefined {
  const fromQuery = new URLSearchParams(req.rawQuery).get(name);
  if (fromQuery !== null) return fromQuery;
  const ctype = header(req, 'content-type') ?? '';
  if (!ctype.startsWith('application/x-www-form-urlencoded')) return undefined;
  return new URLSearchParams(Buffer.from(req.body).toString('utf8')).get(name) ?? undefined;
}

/**
 * S3 Control: signed for `s3` (or unsigned), under `/v20180820/`, and naming an account — the
 * `x-amz-account-id` header every operation sends, or the `<account>.` host prefix the SDKs put in
 * front of the endpoint. Both are needed to tell it from a path-style S3 request to a bucket
 * named `v20180820`.
 */
function isS3ControlRequest(req: HttpRequest, signing: string | undefined): boolean {
  if (signing !== undefined && signing !== 's3') return false;
  if (!req.rawPath.startsWith('/v20180820/')) return false;
  if (header(req, 'x-amz-account-id') !== undefined) return true;
  // A 12-digit virtual-hosted bucket (`123456789012.s3.localhost`) is S3's.
  return /^\d{12}\./.test(header(req, 'host') ?? '') && virtualHostBucket(req) === undefined;
}

/**
 * S3: signed for `s3`, addressed to `*.s3.localhost`, or — unsigned — a request no RPC protocol
 * could mean (anything but POST, without an Action parameter).
 */
function isS3Request(req: HttpRequest, signing: string | undefined): boolean {
  if (signing === 's3') return true;
  if (signing !== undefined) return false;
  if (virtualHostBucket(req) !== undefined || /^s3\.localhost(?::\d+)?$/i.test(header(req, 'host') ?? '')) return true;
  return req.method !== 'POST' && !/(?:^|&)Action=/.test(req.rawQuery);
}
