// S3 object throughput: PutObject and GetObject of 1 KB and 1 MB objects under SSE-S3 and SSE-KMS
// through the full pipeline (SigV4 with a signed payload hash, authorization, streamed and
// segment-sealed bodies fsynced on a SQLite data dir, durable audit) at 1 and 32 keep-alive
// connections. PUTs go to one key per connection (no write conflicts between them).
// Usage: npm run build && node dist/bench/s3.js [--seconds 8]. Results go to docs/PERFORMANCE.md by hand.
import { createHash, randomBytes } from 'node:crypto';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../test/signing.js';
import { CREDENTIALS, row, runLoad, startBenchWarden, TABLE_HEAD, type LoadResult, type PreparedRequest } from './load.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1] || 8);
const S3_CONNECTIONS = [1, 32] as const;
const BUCKET = 'bench';

/** One S3 request with its payload hash signed (as the SDK sends a PutObject of a buffer), replayed. */
async function signedS3(url: string, method: 'PUT' | 'GET', key: string, body: Buffer, headers: Record<string, string> = {}): Promise<PreparedRequest> {
  const u = new URL(url);
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: CREDENTIALS, sha256: Sha256, uriEscapePath: false });
  const path = `/${BUCKET}/${key}`;
  const signed = await signer.sign({
    method, protocol: 'http:', hostname: u.hostname, port: Number(u.port), path, query: {},
    headers: {
      host: u.host, 'user-agent': 'warden-bench', 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
      ...(method === 'PUT' ? { 'content-length': String(body.length), 'content-type': 'application/octet-stream' } : {}),
      ...headers,
    },
  });
  return { url: `${url}${path}`, method, headers: signed.headers as Record<string, string>, body };
}

const mbps = (r: LoadResult, size: number): string => ((r.rps * size) / 1e6).toFixed(1);

async function main(): Promise<void> {
  const lines = [`${TABLE_HEAD[0]} MB/s |`, `${TABLE_HEAD[1]}---:|`];
  const w = await startBenchWarden('s3');
  try {
    const s3 = new S3Client({ endpoint: w.url, region: 'us-east-1', credentials: CREDENTIALS, forcePathStyle: true });
    const kms = new KMSClient({ endpoint: w.url, region: 'us-east-1', credentials: CREDENTIALS });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const sses: [string, Record<string, string>][] = [
      ['SSE-S3', { 'x-amz-server-side-encryption': 'AES256' }],
      ['SSE-KMS', { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': keyId }],
    ];
    for (const [label, size] of [['1 KB', 1000], ['1 MB', 1_000_000]] as const) {
      const body = randomBytes(size);
      for (const [sse, headers] of sses) {
        const stem = `${sse}-${size}`;
        const puts = await Promise.all(Array.from({ length: Math.max(...S3_CONNECTIONS) }, (_, i) => signedS3(w.url, 'PUT', `${stem}/put-${i}`, body, headers)));
        for (const c of S3_CONNECTIONS) {
          const r = await runLoad(puts.slice(0, c), c, 500, seconds * 1000);
          lines.push(`${row(`Warden S3 PutObject ${label} ${sse}`, r)} ${mbps(r, size)} |`);
        }
        await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${stem}/get`, Body: body, ...(sse === 'SSE-KMS' ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId } : {}) }));
        const get = await signedS3(w.url, 'GET', `${stem}/get`, Buffer.alloc(0));
        for (const c of S3_CONNECTIONS) {
          const r = await runLoad(get, c, 500, seconds * 1000);
          lines.push(`${row(`Warden S3 GetObject ${label} ${sse}`, r)} ${mbps(r, size)} |`);
        }
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    w.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
