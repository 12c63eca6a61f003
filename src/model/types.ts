/**
 * The runtime form of an AWS service model: botocore's `service-2.json` without documentation.
 * Generated into each service's `model.gen.ts`; read by the validator and the protocol codecs.
 * Field names follow botocore so a reader can check them against the source model.
 */
export type Protocol = 'json' | 'query' | 'rest-xml' | 'rest-json' | 'ec2' | 'smithy-rpc-v2-cbor';

export interface ServiceMetadata {
  readonly apiVersion: string;
  readonly endpointPrefix: string;
  readonly signingName: string;
  readonly serviceId: string;
  readonly protocol: Protocol;
  readonly jsonVersion?: string;
  readonly targetPrefix?: string;
  readonly xmlNamespace?: string;
  readonly globalEndpoint?: string;
}

export interface MemberRef {
  readonly shape: string;
  readonly location?: 'header' | 'headers' | 'querystring' | 'uri' | 'statusCode';
  readonly locationName?: string;
  readonly queryName?: string;
  readonly flattened?: boolean;
  readonly xmlAttribute?: boolean;
  readonly xmlNamespace?: { readonly uri: string; readonly prefix?: string };
  readonly idempotencyToken?: boolean;
  readonly jsonvalue?: boolean;
  readonly hostLabel?: boolean;
  readonly deprecated?: boolean;
  readonly timestampFormat?: string;
  readonly eventpayload?: boolean;
}

interface ShapeBase {
  readonly sensitive?: boolean;
  readonly locationName?: string;
  readonly xmlNamespace?: { readonly uri: string; readonly prefix?: string };
}

export interface StructureShape extends ShapeBase {
  readonly type: 'structure';
  readonly members: Readonly<Record<string, MemberRef>>;
  readonly required?: readonly string[];
  readonly payload?: string;
  readonly exception?: boolean;
  readonly fault?: boolean;
  readonly error?: { readonly code?: string; readonly httpStatusCode?: number; readonly senderFault?: boolean };
  readonly union?: boolean;
  readonly event?: boolean;
  readonly eventstream?: boolean;
  readonly document?: boolean;
}
export interface ListShape extends ShapeBase {
  readonly type: 'list';
  readonly member: MemberRef;
  readonly min?: number;
  readonly max?: number;
  readonly flattened?: boolean;
}
export interface MapShape extends ShapeBase {
  readonly type: 'map';
  readonly key: MemberRef;
  readonly value: MemberRef;
  readonly min?: number;
  readonly max?: number;
  readonly flattened?: boolean;
}
export interface StringShape extends ShapeBase {
  readonly type: 'string';
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}
export interface BlobShape extends ShapeBase {
  readonly type: 'blob';
  readonly min?: number;
  readonly max?: number;
  readonly streaming?: boolean;
}
export interface NumberShape extends ShapeBase {
  readonly type: 'integer' | 'long' | 'float' | 'double' | 'bigdecimal' | 'biginteger';
  readonly min?: number;
  readonly max?: number;
  readonly box?: boolean;
}
export interface BooleanShape extends ShapeBase {
  readonly type: 'boolean';
}
export interface TimestampShape extends ShapeBase {
  readonly type: 'timestamp';
  readonly timestampFormat?: 'iso8601' | 'rfc822' | 'unixTimestamp';
}
export type Shape = StructureShape | ListShape | MapShape | StringShape | BlobShape | NumberShape | BooleanShape | TimestampShape;

export interface OperationModel {
  readonly name: string;
  readonly http: { readonly method: string; readonly requestUri: string; readonly responseCode?: number };
  readonly input?: { readonly shape: string; readonly locationName?: string; readonly xmlNamespace?: { readonly uri: string } };
  readonly output?: { readonly shape: string; readonly resultWrapper?: string; readonly locationName?: string };
  readonly errors?: readonly string[];
  readonly deprecated?: boolean;
  readonly endpoint?: { readonly hostPrefix: string };
  readonly httpChecksum?: Readonly<Record<string, unknown>>;
}

export interface PaginatorModel {
  readonly input_token: string | readonly string[];
  readonly output_token: string | readonly string[];
  readonly limit_key?: string;
  readonly more_results?: string;
  readonly result_key?: string | readonly string[];
}

export interface ServiceModel {
  readonly metadata: ServiceMetadata;
  readonly operations: Readonly<Record<string, OperationModel>>;
  readonly shapes: Readonly<Record<string, Shape>>;
  readonly paginators: Readonly<Record<string, PaginatorModel>>;
}
