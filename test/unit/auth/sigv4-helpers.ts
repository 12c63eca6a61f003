/**
 * Test helpers: a capture server that records requests exactly as Warden's node:http server sees them,
 * and signing with @smithy/signature-v4 (the AWS SDK's signer) and the real STS client.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import type { SignedRequest } from '../../../src/auth/sigv4.js';

type Data = string | ArrayBuffer | ArrayBufferView;
const toBuf = (d: Data): Buffer =>
  typeof d === 'string' ? Buffer.from(d, 'utf8') : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);

/** SHA-256 / HMAC-SHA256 in the shape Smithy's signer wants, on node:crypto. */
export class NodeSha256 {
  private h: Hash | Hmac;
  constructor(private readonly secret?: Data) {
    this.h = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuf(this.secret));
  }
  update(data: Data): void {
    this.h.update(toBuf(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {
    this.h = this.fresh();
  }
}

export interface Creds { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

export function signer(service: string, region: string, credentials: Creds): SignatureV4 {
  // S3 signs the wire path as is (its client encodes keys once); every other service encodes it again.
  return new SignatureV4({ service, region, credentials, sha256: NodeSha256, uriEscapePath: service !== 's3' });
}

/** Smithy's query serialisation (what the SDK's node handler puts on the wire). */
export const escape = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
export function buildQuery(query: Record<string, string | string[] | null>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    for (const one of Array.isArray(v) ? v : [v]) parts.push(one === null ? escape(k) : `${escape(k)}=${escape(one)}`);
  }
  return parts.join('&');
}

export class CaptureServer {
  private server: Server | undefined;
  private captured: SignedRequest[] = [];
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = req.url ?? '/';
        const q = url.indexOf('?');
        this.captured.push({
          method: req.method ?? 'GET',
          rawPath: q === -1 ? url : url.slice(0, q),
          rawQuery: q === -1 ? '' : url.slice(q + 1),
          headers: req.headers,
          body: Buffer.concat(chunks),
        });
        const body = Buffer.concat(chunks).toString('utf8');
        if (body.includes('Action=GetCallerIdentity')) {
          res.writeHead(200, { 'content-type': 'text/xml' });
          res.end(
            '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
              '<Arn>arn:aws:iam::000000000000:root</Arn><UserId>000000000000</UserId><Account>000000000000</Account>' +
              '</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
          );
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{}');
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  last(): SignedRequest {
    const r = this.captured.at(-1);
    if (r === undefined) throw new Error('nothing captured');
    return r;
  }

  /** Sends one request over a real socket and returns what the server received. */
  async send(method: string, pathAndQuery: string, headers: Record<string, string>, body?: string | Uint8Array): Promise<SignedRequest> {
    const before = this.captured.length;
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: this.port, method, path: pathAndQuery, headers }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    });
    if (this.captured.length !== before + 1) throw new Error('request not captured');
    return this.last();
  }

  /** Signs with Smithy's SignatureV4 (header auth) and sends it. */
  async signAndSend(opts: {
    service: string; region: string; creds: Creds; date: Date; method?: string; path?: string;
    query?: Record<string, string | string[]>; headers?: Record<string, string>; body?: string;
  }): Promise<SignedRequest> {
    const body = opts.body;
    const headers: Record<string, string> = { host: this.host, ...(opts.headers ?? {}) };
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const signed = await signer(opts.service, opts.region, opts.creds).sign(
      { method: opts.method ?? 'POST', protocol: 'http:', hostname: '127.0.0.1', port: this.port, path: opts.path ?? '/', query: opts.query ?? {}, headers, body },
      { signingDate: opts.date },
    );
    const qs = buildQuery(signed.query as Record<string, string | string[]>);
    return this.send(signed.method, signed.path + (qs === '' ? '' : `?${qs}`), signed.headers, body);
  }

  /** Presigns with Smithy's SignatureV4 and sends the URL as a GET. */
  async presignAndSend(opts: {
    service: string; region: string; creds: Creds; date: Date; expiresIn: number; path?: string;
    query?: Record<string, string | string[]>; headers?: Record<string, string>;
  }): Promise<SignedRequest> {
    const headers: Record<string, string> = { host: this.host, ...(opts.headers ?? {}) };
    const signed = await signer(opts.service, opts.region, opts.creds).presign(
      { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port: this.port, path: opts.path ?? '/', query: opts.query ?? {}, headers },
      { signingDate: opts.date, expiresIn: opts.expiresIn },
    );
    const qs = buildQuery(signed.query as Record<string, string | string[]>);
    return this.send('GET', `${signed.path}?${qs}`, signed.headers);
  }

  /** A real STS GetCallerIdentity from @aws-sdk/client-sts, as received on the wire. */
  async stsGetCallerIdentity(creds: Creds, region = 'us-east-1'): Promise<SignedRequest> {
    const client = new STSClient({ region, endpoint: `http://${this.host}`, credentials: creds, maxAttempts: 1 });
    try {
      await client.send(new GetCallerIdentityCommand({}));
    } finally {
      client.destroy();
    }
    return this.last();
  }

  /** A real KMS Encrypt from @aws-sdk/client-kms, as received on the wire. */
  async kmsEncrypt(creds: Creds, region = 'us-east-1'): Promise<SignedRequest> {
    const client = new KMSClient({ region, endpoint: `http://${this.host}`, credentials: creds, maxAttempts: 1 });
    try {
      await client.send(new EncryptCommand({
        KeyId: 'alias/app',
        Plaintext: Buffer.alloc(160, 7),
        EncryptionContext: { purpose: 'tëst ☃', 'a b': 'c=d' },
      }));
    } finally {
      client.destroy();
    }
    return this.last();
  }
}

export const sha256b64 = (s: string): string => createHash('sha256').update(s).digest('base64');
