// Secrets Manager GetSecretValue and SSM GetParameter (SecureString, WithDecryption) through the
// full pipeline (SigV4, IAM, KMS on the caller's behalf with its data-key cache, durable audit on
// a SQLite data dir) at 1/32/64 keep-alive connections, beside a bare node:http echo server.
// Usage: npm run build && node dist/bench/secrets.js [--seconds 8] [--fresh] [--workers N]. Results go to
// docs/PERFORMANCE.md by hand. --fresh: a Warden on a fresh data dir for each scenario (see kms.ts).
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CONNECTIONS, CREDENTIALS, echoRows, row, runLoad, signedJson, startBenchWarden, TABLE_HEAD, type PreparedRequest } from './load.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1] || 8);
const fresh = process.argv.includes('--fresh');

async function main(): Promise<void> {
  const lines = [...TABLE_HEAD];
  lines.push(...(await echoRows('application/x-amz-json-1.1', '{"SecretId":"bench/secret"}', seconds)));
  const names = ['Secrets Manager GetSecretValue', 'SSM GetParameter SecureString WithDecryption'];
  for (const group of fresh ? names.map((n) => [n]) : [names]) {
    const w = await startBenchWarden('secrets');
    try {
      const scenarios = await prepare(w.url);
      for (const name of group) {
        for (const c of CONNECTIONS) lines.push(row(`Warden ${name}`, await runLoad(scenarios.get(name)!, c, 1000, seconds * 1000)));
      }
    } finally {
      w.stop();
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** A secret, a SecureString parameter, and each scenario's request signed once. */
async function prepare(url: string): Promise<Map<string, PreparedRequest>> {
  const opts = { endpoint: url, region: 'us-east-1', credentials: CREDENTIALS };
  await new SecretsManagerClient(opts).send(new CreateSecretCommand({ Name: 'bench/secret', SecretString: '{"password":"p4ssw0rd"}' }));
  await new SSMClient(opts).send(new PutParameterCommand({ Name: '/bench/param', Value: 'p4ssw0rd', Type: 'SecureString' }));
  return new Map([
    ['Secrets Manager GetSecretValue', await signedJson(url, 'secretsmanager', 'secretsmanager.GetSecretValue', { SecretId: 'bench/secret' })],
    ['SSM GetParameter SecureString WithDecryption', await signedJson(url, 'ssm', 'AmazonSSM.GetParameter', { Name: '/bench/param', WithDecryption: true })],
  ]);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
