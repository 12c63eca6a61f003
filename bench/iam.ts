/**
 * Micro-benchmark: one policy decision for a typical principal — an IAM user with 3 attached
 * policies × 5 statements (conditions, wildcards, a variable) — on a KMS key with a 3-statement
 * key policy, as the pipeline asks for it (KMS Encrypt with an encryption context). Documents are
 * compiled once (the cache); each decision builds the request context and walks the matchers.
 * Each case runs for about 1 s, 7 times; the median µs/op is reported (one core, one process).
 *   npm run build && node dist/bench/iam.js
 */
import type { AuthzRequest } from '../src/core/operation.js';
import type { Principal } from '../src/core/principal.js';
import { createEngineAuthorizer, PolicyEngine, type DecisionInput } from '../src/iam/engine.js';
import type { PrincipalPolicies } from '../src/iam/sources.js';
import type { ReadTx } from '../src/store/store.js';

const RUNS = 7;
const RUN_MS = 1000;
const ACCT = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const principal: Principal = { type: 'IAMUser', account: ACCT, arn: `arn:aws:iam::${ACCT}:user/alice`, principalId: 'AIDAEXAMPLEEXAMPLE1', accessKeyId: 'AKIAEXAMPLE', userName: 'alice' };

const policy = (n: number): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: `S3Read${n}`, Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::bucket-${n}`, `arn:aws:s3:::bucket-${n}/*`] },
      { Sid: `Home${n}`, Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::home-${n}/\${aws:username}/*` },
      { Sid: `Secrets${n}`, Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:app-${n}-*`, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } },
      { Sid: `Kms${n}`, Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'], Resource: `arn:aws:kms:*:${ACCT}:key/*`, Condition: { StringEquals: { 'kms:EncryptionContext:tenant': ['t1', 't2'] }, Bool: { 'aws:SecureTransport': 'true' } } },
      { Sid: `DenyOutside${n}`, Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } } },
    ],
  });

const keyPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'kms:*', Resource: '*' },
    { Sid: 'Allow use of the key', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:role/app` }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' },
    { Sid: 'Deny without context', Effect: 'Deny', Principal: '*', Action: 'kms:Encrypt', Resource: '*', Condition: { Null: { 'kms:EncryptionContext:tenant': 'true' } } },
  ],
});

const policies: PrincipalPolicies = { identity: [1, 2, 3].map((n) => ({ id: `arn:aws:iam::${ACCT}:policy/p${n}`, document: policy(n) })), session: [], tags: { team: 'blue' } };
const request: AuthzRequest = { action: 'kms:Encrypt', resource: KEY, resourcePolicy: keyPolicy, conditions: { 'kms:EncryptionContext:tenant': 't1', 'kms:EncryptionContextKeys': ['tenant'], 'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT', 'kms:CallerAccount': ACCT } };
const env = { sourceIp: '10.1.2.3', secureTransport: true, currentTimeMs: Date.now(), requestedRegion: 'us-east-1', userAgent: 'aws-sdk-js/3.1164.0' };
const input: DecisionInput = { principal, request, env, policies };

function report(name: string, results: number[]): void {
  results.sort((a, b) => a - b);
  const median = results[Math.floor(results.length / 2)]!;
  console.log(`${name.padEnd(58)} ${median.toFixed(2).padStart(6)} µs/op  (${Math.round(1e6 / median).toLocaleString('en')} ops/s; runs ${results.map((x) => x.toFixed(2)).join(' ')})`);
}

function measureSync(name: string, once: () => void): void {
  for (let i = 0; i < 50_000; i++) once();
  const results: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let ops = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(RUN_MS) * 1_000_000n;
    let now = start;
    while (now < end) {
      for (let i = 0; i < 1000; i++) once();
      ops += 1000;
      now = process.hrtime.bigint();
    }
    results.push(Number(now - start) / 1000 / ops);
  }
  report(name, results);
}

async function measureAsync(name: string, once: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 50_000; i++) await once();
  const results: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let ops = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(RUN_MS) * 1_000_000n;
    let now = start;
    while (now < end) {
      for (let i = 0; i < 1000; i++) await once();
      ops += 1000;
      now = process.hrtime.bigint();
    }
    results.push(Number(now - start) / 1000 / ops);
  }
  report(name, results);
}

const engine = new PolicyEngine();
const first = engine.decideWith(input);
if (!first.allowed) throw new Error(`bench request should be allowed: ${first.explanation}`);
measureSync('decideWith: user 3×5 statements + key policy (allowed)', () => engine.decideWith(input));
const denied: DecisionInput = { ...input, request: { ...request, conditions: { ...request.conditions, 'kms:EncryptionContext:tenant': 't9' } } };
if (engine.decideWith(denied).allowed) throw new Error('bench request should be denied');
measureSync('decideWith: same, implicitly denied (every statement tried)', () => engine.decideWith(denied));
const tx: ReadTx = { get: async () => undefined, scan: async () => [], queryAudit: async () => [] };
const authz = createEngineAuthorizer({ engine, policies: { policiesFor: async () => policies } });
await measureAsync('Authorizer.decide (async sources, no organization)', () => authz.decide(principal, request, env, tx));
