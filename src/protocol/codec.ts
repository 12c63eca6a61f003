/**
 * The contract between the pipeline and a wire protocol. A codec turns an HTTP request into an
 * operation name and a typed input, and an output or an AwsError into an HTTP response, driven
 * only by the service's botocore model (src/model/types.ts).
 */
import type { AwsError } from '../core/errors.js';
import type { ServiceModel } from '../model/types.js';

export interface HttpRequest {
  readonly method: string;
  readonly rawPath: string;
  /** The query string without the leading `?`, still percent-encoded. */
  readonly rawQuery: string;
  /** Node's `IncomingMessage.headers`: names lower-case. Other casings are found too, more slowly. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
  /** A body sent as it is produced instead of `body` (S3 GetObject); the server streams it. */
  stream?: StreamingPayload;
}

/**
 * A blob payload of `length` bytes produced as it is sent (an S3 object decrypted segment by
 * segment). A handler returns it as the payload member; the rest-xml codec moves it to
 * HttpResponse.stream. Whoever drops a response unsent must `cancel` it (it may hold a file and a key).
 */
export class StreamingPayload {
  constructor(
    readonly length: number,
    private readonly source: AsyncGenerator<Uint8Array>,
    /** Releases what `source` holds even if it never started (a generator not started ignores `return`). */
    private readonly release?: () => Promise<void>,
  ) {}

  chunks(): AsyncIterable<Uint8Array> {
    return this.source;
  }

  async cancel(): Promise<void> {
    await this.source.return(undefined);
    await this.release?.();
  }
}

export interface ProtocolCodec {
  readonly protocol: 'json' | 'query' | 'rest-xml';
  /** The operation name the request asks for, or throws ProtocolError (UnknownOperationException / InvalidAction / MissingAction). */
  operationName(model: ServiceModel, req: HttpRequest): string;
  /**
   * Decodes the request into the operation's input: blobs → Uint8Array, timestamps → Date,
   * integers/longs/floats/doubles → number, booleans → boolean, documents → plain JSON.
   * A value of the wrong type → ProtocolError with AWS's code and message. Unknown members are
   * ignored, as AWS does. Does NOT check required/length/pattern/enum/range constraints.
   */
  decode(model: ServiceModel, operation: string, req: HttpRequest): Record<string, unknown>;
  encodeOutput(model: ServiceModel, operation: string, output: unknown, requestId: string): HttpResponse;
  /** `model` is undefined when the service is not known (the error is rendered with protocol defaults). */
  encodeError(model: ServiceModel | undefined, err: AwsError, requestId: string): HttpResponse;
  /** The code a model-validation failure is reported under: ValidationException (json) / ValidationError (query). */
  readonly validationErrorCode: string;
}

/** The response header carrying the request id, on every awsJson and awsQuery response. */
export const REQUEST_ID_HEADER = 'x-amzn-RequestId';

/** A request header by name; `name` must be lower-case. Arrays (repeated headers) give their first value. */
export function header(req: HttpRequest, name: string): string | undefined {
  let v = req.headers[name];
  if (v === undefined) {
    for (const k in req.headers) {
      if (k.length === name.length && k.toLowerCase() === name) {
        v = req.headers[k];
        break;
      }
    }
  }
  return Array.isArray(v) ? v[0] : v;
}
