// Secrets Manager GetSecretValue and SSM GetParameter (SecureString, WithDecryption) through the
// full pipeline (SigV4, IAM, KMS on the caller's behalf with its data-key cache, durable audit on
// a SQLite data dir) at 1/32/64 keep-alive connections, beside a bare node:http echo server.
// Usage: npm run build && node dist/bench/secrets.js [--seconds 8]. Results go to docs/PERFORMANCE.md by hand.
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CONNECTIONS, CREDENTIALS, echoRows, row, runLoad, signedJson, startBenchWarden, TABLE_HEAD, type PreparedRequest } from './load.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1] || 8);

async function main(): Promise<void> {
  const lines = [...TABLE_HEAD];
  lines.push(...(await echoRows('application/x-amz-json-1.1', '{"SecretId":"bench/secret"}', seconds)));
  const w = await startBenchWarden('secrets');
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
    w.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
