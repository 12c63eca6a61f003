// Secrets Manager GetSecretValue and SSM GetParameter (SecureString, WithDecryption) through the
// full pipeline (SigV4, IAM, KMS on the caller's behalf with its data-key cache, durable audit on
// a SQLite data dir) at 1/32/64 keep-alive connections, beside a bare node:http echo server.
// Usage: npm run build && node dist/bench/secrets.js [--seconds 8]. Results go to docs/PERFORMANCE.md by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../test/signing.js';
import { runLoad, spawnServer, type LoadResult, type PreparedRequest } from './load.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1] || 8);
const CONNECTIONS = [1, 32, 64];
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** One awsJson request, SigV4-signed once and replayed (as wrk would). */
async function signedJson(url: string, service: string, target: string, input: object): Promise<PreparedRequest> {
  const u = new URL(url);
  const body = JSON.stringify(input);
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: CREDENTIALS, sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: '/',
    headers: { host: u.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, 'user-agent': 'warden-bench' },
    body,
  });
  return { url, method: 'POST', headers: signed.headers as Record<string, string>, body };
}

const row = (name: string, r: LoadResult) =>
  `| ${name} | ${r.connections} | ${Math.round(r.rps).toLocaleString('en-US')} | ${r.p50ms.toFixed(2)} | ${r.p99ms.toFixed(2)} | ${r.errors} |`;

async function main(): Promise<void> {
  const lines = ['| server | connections | req/s | p50 ms | p99 ms | errors |', '|---|---:|---:|---:|---:|---:|'];
  const echo = await spawnServer([join(here, 'echo.js')]);
  const echoReq = { url: echo.url, method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1' }, body: '{"SecretId":"bench/secret"}' };
  for (const c of CONNECTIONS) lines.push(row('node:http echo', await runLoad(echoReq, c, 1000, seconds * 1000)));
  echo.proc.kill();

  const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-secrets-'));
  const w = await spawnServer([join(here, '../src/cli/warden.js'), 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--log-level', 'warn']);
  try {
    const opts = { endpoint: w.url, region: 'us-east-1', credentials: CREDENTIALS };
    await new SecretsManagerClient(opts).send(new CreateSecretCommand({ Name: 'bench/secret', SecretString: '{"password":"p4ssw0rd"}' }));
    await new SSMClient(opts).send(new PutParameterCommand({ Name: '/bench/param', Value: 'p4ssw0rd', Type: 'SecureString' }));
    const scenarios: [string, PreparedRequest][] = [
      ['Secrets Manager GetSecretValue', await signedJson(w.url, 'secretsmanager', 'secretsmanager.GetSecretValue', { SecretId: 'bench/secret' })],
      ['SSM GetParameter SecureString WithDecryption', await signedJson(w.url, 'ssm', 'AmazonSSM.GetParameter', { Name: '/bench/param', WithDecryption: true })],
    ];
    for (const [name, req] of scenarios) {
      for (const c of CONNECTIONS) lines.push(row(`Warden ${name}`, await runLoad(req, c, 1000, seconds * 1000)));
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    w.proc.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
