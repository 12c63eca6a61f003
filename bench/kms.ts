// KMS data-plane throughput: Encrypt, Decrypt and GenerateDataKey through the full pipeline
// (SigV4, key-policy authorization, durable audit on a SQLite data dir) at 1/32/64 keep-alive
// connections, beside a bare node:http echo server measured in the same run.
// Usage: npm run build && node dist/bench/kms.js [--seconds 8] [--fresh] [--workers N]. Results go to
// docs/PERFORMANCE.md by hand. By default the scenarios run one after the other on one Warden, so
// later rows run on a larger log (with background indexing past ~100,000 events); --fresh starts a
// Warden on a fresh data dir for each scenario.
import { CreateKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { CONNECTIONS, CREDENTIALS, echoRows, row, runLoad, signedJson, startBenchWarden, TABLE_HEAD, type PreparedRequest } from './load.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1] || 8);
const fresh = process.argv.includes('--fresh');

/** One KMS request, signed once and replayed. */
const signedKms = (url: string, operation: string, input: object): Promise<PreparedRequest> => signedJson(url, 'kms', `TrentService.${operation}`, input);

async function main(): Promise<void> {
  const lines = [...TABLE_HEAD];
  lines.push(...(await echoRows('application/x-amz-json-1.1', '{"KeyId":"x","Plaintext":"aGVsbG8="}', seconds)));
  const names = ['Encrypt (32 B, context)', 'Decrypt', 'GenerateDataKey AES_256', 'CreateKey (symmetric)'];
  const groups = fresh ? names.map((n) => [n]) : [names];
  for (const group of groups) {
    const w = await startBenchWarden('kms');
    try {
      const scenarios = await prepare(w.url);
      for (const name of group) {
        for (const c of CONNECTIONS) lines.push(row(`Warden KMS ${name}`, await runLoad(scenarios.get(name)!, c, 1000, seconds * 1000)));
      }
    } finally {
      w.stop();
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** A key, a ciphertext, and each scenario's request signed once. */
async function prepare(url: string): Promise<Map<string, PreparedRequest>> {
  const kms = new KMSClient({ endpoint: url, region: 'us-east-1', credentials: CREDENTIALS });
  const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
  const KeyId = KeyMetadata!.KeyId!;
  const context = { purpose: 'bench' };
  const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId, Plaintext: Buffer.alloc(32, 7), EncryptionContext: context }));
  return new Map([
    ['Encrypt (32 B, context)', await signedKms(url, 'Encrypt', { KeyId, Plaintext: Buffer.alloc(32, 7).toString('base64'), EncryptionContext: context })],
    ['Decrypt', await signedKms(url, 'Decrypt', { CiphertextBlob: Buffer.from(CiphertextBlob!).toString('base64'), EncryptionContext: context })],
    ['GenerateDataKey AES_256', await signedKms(url, 'GenerateDataKey', { KeyId, KeySpec: 'AES_256', EncryptionContext: context })],
    // CreateKey replayed: each request makes a new symmetric key (a write: state and audit in one commit).
    ['CreateKey (symmetric)', await signedKms(url, 'CreateKey', { Description: 'bench' })],
  ]);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
