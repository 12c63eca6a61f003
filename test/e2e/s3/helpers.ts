import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { startTestWarden, type Running } from '../../harness.js';
import { Sha256 } from '../../signing.js';

export const ACCOUNT = '000000000000';
export const OTHER_ACCOUNT = '111122223333';

export function useWarden(args: readonly string[] = []): { readonly w: Running; readonly s3: S3Client; readonly other: S3Client } {
  const t = {} as { w: Running; s3: S3Client; other: S3Client };
  before(async () => {
    t.w = await startTestWarden(args);
    t.s3 = t.w.client(S3Client, { forcePathStyle: true });
    t.other = t.w.client(S3Client, { forcePathStyle: true, credentials: { accessKeyId: OTHER_ACCOUNT, secretAccessKey: 'x' } });
  });
  after(() => t.w.stop());
  return t;
}

/** Asserts an S3 error: SDK error name (= S3 code), message and HTTP status. */
export async function rejects(p: Promise<unknown>, name: string, message?: string | RegExp, status?: number): Promise<any> {
  let caught: any;
  try {
    await p;
  } catch (err) {
    caught = err;
  }
  assert.ok(caught !== undefined, `expected ${name}, but the call succeeded`);
  assert.equal(caught.name, name, `error name: ${caught.name} (${caught.message})`);
  if (message instanceof RegExp) assert.match(caught.message, message);
  else if (message !== undefined) assert.equal(caught.message, message);
  if (status !== undefined) assert.equal(caught.$metadata?.httpStatusCode, status);
  return caught;
}

/** An IAM user of the default account with an inline policy, and an S3 client signed with its key. */
export async function userClient(w: Running, name: string, policy?: object): Promise<{ s3: S3Client; arn: string; creds: { accessKeyId: string; secretAccessKey: string } }> {
  const iam = w.client(IAMClient);
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (policy !== undefined) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: JSON.stringify(policy) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  const creds = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  return { s3: w.client(S3Client, { forcePathStyle: true, credentials: creds }), arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, creds };
}

export interface RawS3Request {
  readonly method: string;
  readonly path: string;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** x-amz-content-sha256 to send; default: the body's SHA-256. */
  readonly contentSha256?: string;
}

/** A hand-built S3 request signed like the SDK signs it, for inputs no SDK would send. */
export async function rawS3(w: Running, r: RawS3Request): Promise<{ status: number; body: string; headers: Headers }> {
  const url = new URL(w.url);
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, sha256: Sha256, uriEscapePath: false, applyChecksum: true });
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body);
  const { createHash } = await import('node:crypto');
  const headers: Record<string, string> = {
    host: url.host,
    'x-amz-content-sha256': r.contentSha256 ?? createHash('sha256').update(body).digest('hex'),
    ...(r.headers ?? {}),
  };
  const signed = await signer.sign({ method: r.method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: r.path, query: r.query ?? {}, headers, body });
  const qs = new URLSearchParams(r.query ?? {}).toString();
  const res = await fetch(`${w.url}${r.path}${qs ? `?${qs}` : ''}`, { method: r.method, headers: signed.headers as Record<string, string>, ...(body.length > 0 ? { body } : {}) });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

/** A presigned URL (query authentication) for `method path`. */
export async function presign(w: Running, method: string, path: string, expiresIn = 300, signingDate = new Date()): Promise<string> {
  const url = new URL(w.url);
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, sha256: Sha256, uriEscapePath: false });
  // As @aws-sdk/s3-request-presigner does: the payload hash line is UNSIGNED-PAYLOAD; the header itself is neither signed nor sent.
  const unsent = new Set(['x-amz-content-sha256']);
  const req = await signer.presign({ method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path, query: {}, headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
    { expiresIn, signingDate, unsignableHeaders: unsent, unhoistableHeaders: unsent });
  const qs = new URLSearchParams(req.query as Record<string, string>).toString();
  return `${w.url}${path}?${qs}`;
}
