// LookupEvents at scale. Fills a SQLite data dir with N CloudTrail events straight through the
// store (one write() per 5,000 events, built by the real event builder), then starts Warden on it
// and times LookupEvents pages through the full pipeline (SigV4, IAM, durable audit) with the
// SDK v3 client. Numbers go to docs/PERFORMANCE.md by hand; nothing is asserted.
//
//   npm run build && node dist/bench/lookup.js [events=1000000] [data-dir]
//
// A data dir given as the second argument is kept and reused (filled only when empty).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CloudTrailClient, LookupEventsCommand, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { buildEvent } from '../src/audit/event.js';
import { parseConfig } from '../src/config/config.js';
import { silentLogger } from '../src/core/log.js';
import type { Principal } from '../src/core/principal.js';
import { startWarden } from '../src/main.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const keep = process.argv[3];
const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'warden-lookup-'));
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const SPAN_MS = 80 * 24 * 3600 * 1000; // inside the 90 days LookupEvents keeps

// 40 operations over 4 sources; "rare" names occur once in 10,000 events.
const NAMES = Array.from({ length: 39 }, (_, i) => [`Op${i}`, ['kms', 'iam', 'sts', 'secretsmanager'][i % 4]!] as const);
const RARE = ['RareOperation', 'cloudtrail'] as const;
const users: Principal[] = Array.from({ length: 50 }, (_, i) => ({
  type: 'IAMUser',
  account: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:user/user${i}`,
  principalId: `AIDA${String(i).padStart(17, '0')}`,
  accessKeyId: `AKIA${String(i).padStart(16, '0')}`,
  userName: `user${i}`,
}));

async function fill(): Promise<void> {
  const store = openSqliteStore({ dataDir });
  const have = (await store.audit.query({ limit: 1 })).length;
  if (have > 0) {
    console.log(`reusing ${dataDir}`);
    await store.close();
    return;
  }
  const start = Date.now() - SPAN_MS;
  const t0 = performance.now();
  const BATCH = 5000;
  for (let done = 0; done < TOTAL; done += BATCH) {
    await store.write(async (tx) => {
      for (let i = done; i < Math.min(TOTAL, done + BATCH); i++) {
        const [name, source] = i % 10_000 === 7 ? RARE : NAMES[i % NAMES.length]!;
        const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${String(i % 1000).padStart(8, '0')}-0000-4000-8000-000000000000`;
        tx.appendAudit(
          buildEvent({
            requestId: `req-${i}`,
            timeMs: start + Math.floor((i / TOTAL) * SPAN_MS),
            eventSource: `${source}.amazonaws.com`,
            eventName: name,
            region: REGION,
            sourceIp: '192.0.2.1',
            userAgent: 'bench',
            principal: users[i % users.length]!,
            recipientAccount: ACCOUNT,
            readOnly: i % 3 !== 0,
            eventCategory: 'Management',
            requestParameters: { keyId: key },
            responseElements: null,
            resources: [{ ARN: key, accountId: ACCOUNT, type: 'AWS::KMS::Key' }],
          }),
        );
      }
    });
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`filled ${TOTAL.toLocaleString('en-US')} events in ${s.toFixed(1)} s (${((s * 1e6) / TOTAL).toFixed(1)} µs/event)`);
  await store.close();
}

async function time(ct: CloudTrailClient, label: string, input: LookupEventsCommandInput, runs = 20): Promise<void> {
  const ms: number[] = [];
  let events = 0;
  let pages = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const out = await ct.send(new LookupEventsCommand(input));
    ms.push(performance.now() - t0);
    events = out.Events?.length ?? 0;
    // The second page, through NextToken, is timed as its own case below.
    if (r === 0 && out.NextToken !== undefined) pages++;
  }
  ms.sort((a, b) => a - b);
  const q = (p: number): string => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(1);
  console.log(`${label.padEnd(52)} ${String(events).padStart(3)} events  p50 ${q(0.5).padStart(6)} ms  max ${q(1).padStart(6)} ms${pages ? '  (more pages)' : ''}`);
}

async function main(): Promise<void> {
  await fill();
  const warden = await startWarden(parseConfig(['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir]), { log: silentLogger });
  try {
    const ct = new CloudTrailClient({ endpoint: warden.url.replace('localhost', '127.0.0.1'), region: REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    const attr = (AttributeKey: string, AttributeValue: string): LookupEventsCommandInput => ({
      LookupAttributes: [{ AttributeKey: AttributeKey as never, AttributeValue }],
      MaxResults: 50,
    });
    await ct.send(new LookupEventsCommand({ MaxResults: 1 })); // warm-up: loads the operations
    await time(ct, 'no filter, 50 newest', { MaxResults: 50 });
    await time(ct, 'EventName (1 in 40)', attr('EventName', 'Op5'));
    await time(ct, 'EventName (1 in 10,000)', attr('EventName', 'RareOperation'));
    const first = await ct.send(new LookupEventsCommand(attr('EventName', 'Op5')));
    await time(ct, 'EventName (1 in 40), page 2 via NextToken', { ...attr('EventName', 'Op5'), NextToken: first.NextToken! });
    const mid = new Date(Date.now() - SPAN_MS / 2);
    await time(ct, 'EventName (1 in 40), EndTime 40 days ago', { ...attr('EventName', 'Op5'), EndTime: mid });
    await time(ct, 'EventSource', attr('EventSource', 'cloudtrail.amazonaws.com'));
    await time(ct, 'Username', attr('Username', 'user7'));
    await time(ct, 'AccessKeyId', attr('AccessKeyId', 'AKIA0000000000000007'));
    await time(ct, 'ReadOnly=false', attr('ReadOnly', 'false'));
    await time(ct, 'ResourceName (1 in 1,000)', attr('ResourceName', `arn:aws:kms:${REGION}:${ACCOUNT}:key/00000042-0000-4000-8000-000000000000`));
    await time(ct, 'ResourceType', attr('ResourceType', 'AWS::KMS::Key'));
    const ev = first.Events![0]!;
    await time(ct, 'EventId', attr('EventId', ev.EventId!));
    ct.destroy();
    // The store query alone (no HTTP, SigV4, IAM or audit write): what the index costs.
    const scope = { account: ACCOUNT, region: REGION, startTime: '2000-01-01T00:00:00Z', limit: 51 };
    for (const [label, q] of [
      ['store: EventName (1 in 40)', { eventName: 'Op5' }],
      ['store: EventName (1 in 10,000)', { eventName: 'RareOperation' }],
      ['store: Username', { attribute: { key: 'Username', value: 'user7' } }],
    ] as const) {
      const ms: number[] = [];
      for (let r = 0; r < 50; r++) {
        const t0 = performance.now();
        await warden.store.audit.query({ ...scope, ...q });
        ms.push(performance.now() - t0);
      }
      ms.sort((a, b) => a - b);
      console.log(`${label.padEnd(52)} p50 ${ms[25]!.toFixed(2).padStart(6)} ms  max ${ms[49]!.toFixed(2).padStart(6)} ms`);
    }
  } finally {
    await warden.stop();
    if (keep === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
