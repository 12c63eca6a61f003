/**
 * Micro-benchmark: parseAuth + verifySignature on SDK-signed requests, as Warden's server receives them.
 * Each case runs for about 1 s, 7 times; the median µs/op is reported (one core, one process).
 *   npm run build && node dist/bench/sigv4.js
 */
import { parseAuth, verifySignature, type SignedRequest } from '../src/auth/sigv4.js';
import { CaptureServer } from '../test/unit/auth/sigv4-helpers.js';

const CREDS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const RUNS = 7;
const RUN_MS = 1000;

function once(req: SignedRequest, nowMs: number, service: string): void {
  const auth = parseAuth(req);
  if ('kind' in auth) throw new Error(auth.message);
  const problem = verifySignature(req, auth, CREDS.secretAccessKey, nowMs, { expectedService: service });
  if (problem !== null) throw new Error(problem.message);
}

function measure(name: string, req: SignedRequest, nowMs: number, service: string): void {
  for (let i = 0; i < 20_000; i++) once(req, nowMs, service); // warm up (JIT, signing-key cache)
  const results: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let ops = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(RUN_MS) * 1_000_000n;
    let now = start;
    while (now < end) {
      for (let i = 0; i < 1000; i++) once(req, nowMs, service);
      ops += 1000;
      now = process.hrtime.bigint();
    }
    results.push(Number(now - start) / 1000 / ops);
  }
  results.sort((a, b) => a - b);
  const median = results[Math.floor(results.length / 2)]!;
  console.log(`${name.padEnd(52)} ${median.toFixed(2).padStart(6)} µs/op  (${Math.round(1e6 / median).toLocaleString('en')} ops/s; runs ${results.map((x) => x.toFixed(2)).join(' ')})`);
}

const server = new CaptureServer();
await server.start();
try {
  const date = new Date();
  const kms = await server.signAndSend({
    service: 'kms', region: 'us-east-1', creds: CREDS, date, method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'TrentService.Encrypt',
      'x-amz-user-agent': 'aws-sdk-js/3.1164.0',
      'user-agent': 'aws-sdk-js/3.1164.0 ua/2.1 os/linux lang/js md/nodejs#20.20.2 api/kms#3.1164.0 m/N,E,e',
      'amz-sdk-invocation-id': '6f1c0e2a-9d2b-4f7e-8a44-0b5c2b3c1d10',
      'amz-sdk-request': 'attempt=1; max=3',
    },
    body: JSON.stringify({ KeyId: 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab', Plaintext: Buffer.alloc(160, 7).toString('base64'), EncryptionContext: { purpose: 'bench', tenant: 'ünïcode' } }),
  });
  const kmsSdk = await server.kmsEncrypt(CREDS);
  const sts = await server.stsGetCallerIdentity(CREDS);
  const signedAt = (req: SignedRequest): number => (parseAuth(req) as { timeMs: number }).timeMs;
  const presigned = await server.presignAndSend({
    service: 'sts', region: 'us-east-1', creds: CREDS, date, expiresIn: 900, query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
  });
  console.log(`node ${process.version}, ${process.arch}`);
  measure(`KMS Encrypt from @aws-sdk/client-kms (${kmsSdk.body.length} B body)`, kmsSdk, signedAt(kmsSdk), 'kms');
  measure(`KMS Encrypt-shaped, Smithy-signed (${kms.body.length} B body)`, kms, date.getTime(), 'kms');
  measure('STS GetCallerIdentity from @aws-sdk/client-sts', sts, signedAt(sts), 'sts');
  measure('STS GetCallerIdentity, presigned URL', presigned, date.getTime(), 'sts');
} finally {
  await server.stop();
}
