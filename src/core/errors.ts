export type Fault = 'client' | 'server';

/**
 * An error AWS clients understand. Only the protocol codec renders it; handlers throw it.
 * `code` is the wire code (`__type` for JSON, `<Code>` for query and rest-xml).
 */
export abstract class AwsError extends Error {
  abstract readonly code: string;
  readonly httpStatus: number = 400;
  readonly fault: Fault = 'client';
  constructor(
    message: string,
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export abstract class ServerFault extends AwsError {
  override readonly httpStatus: number = 500;
  override readonly fault: Fault = 'server';
}

/**
 * An AWS error whose code is only known at run time: framework errors shared by many services
 * (authentication, throttling, unknown operation) whose code differs per protocol.
 */
export class ProtocolError extends AwsError {
  override readonly httpStatus: number;
  override readonly fault: Fault;
  constructor(
    readonly code: string,
    message: string,
    httpStatus = 400,
    fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message, fields);
    this.httpStatus = httpStatus;
    this.fault = httpStatus >= 500 ? 'server' : 'client';
  }
}

/** Not an AWS error: a defect. Logged with the request id, answered as InternalFailure. */
export class WardenBug extends Error {}

export type AwsErrorClass = abstract new (message: string, fields?: Readonly<Record<string, unknown>>) => AwsError;
