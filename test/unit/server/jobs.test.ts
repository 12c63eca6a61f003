import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../../src/config/config.js';
import { systemClock } from '../../../src/core/clock.js';
import type { BackgroundJob, JobEnv, ServiceDefinition } from '../../../src/core/operation.js';
import { startJobs } from '../../../src/server/jobs.js';
import { createMemoryStore } from '../../../src/store/memory.js';

const env = (errors: string[]): JobEnv => ({
  store: createMemoryStore(),
  clock: systemClock,
  barrier: { seal: (_k, b) => b, unseal: (_k, b) => b },
  config: parseConfig(['--in-memory'], {}),
  log: { warn() {}, error: (msg) => errors.push(msg) },
});
const serviceWith = (jobs: BackgroundJob[]): ServiceDefinition => ({ name: 'test', backgroundJobs: jobs }) as unknown as ServiceDefinition;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('jobs run on their interval, never overlap, survive a failing run, and stop', async () => {
  const errors: string[] = [];
  let runs = 0;
  let concurrent = 0;
  let maxConcurrent = 0;
  const slow: BackgroundJob = {
    name: 'slow',
    intervalMs: () => 10,
    async run() {
      runs++;
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await sleep(35);
      concurrent--;
      if (runs === 1) throw new Error('first run fails');
    },
  };
  const jobs = startJobs([serviceWith([slow])], env(errors));
  await sleep(200);
  await jobs.stop();
  const after = runs;
  await sleep(50);
  assert.ok(after >= 2, `ran ${after} times`);
  assert.equal(runs, after, 'no run after stop');
  assert.equal(maxConcurrent, 1);
  assert.equal(concurrent, 0, 'stop waited for the run in progress');
  assert.deepEqual(errors, ['background job test/slow failed']);
});
