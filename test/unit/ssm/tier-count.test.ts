import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enforcePolicies } from '../../../src/services/ssm/jobs.js';
import { countTierChange, PARAMETER_CODEC_VERSION, parameterArn, putParameterIn, readTierCount, type ParameterRecord } from '../../../src/services/ssm/state.js';
import { createMemoryStore } from '../../../src/store/memory.js';

const A = '000000000000';
const R = 'us-east-1';

function rec(name: string, tier: 'Standard' | 'Advanced', expiresAtMs?: number, account = A): ParameterRecord {
  return {
    v: PARAMETER_CODEC_VERSION,
    name,
    arn: parameterArn(account, R, name),
    account,
    region: R,
    versions: [
      {
        version: 1,
        type: 'String',
        tier,
        dataType: 'text',
        modifiedMs: 0,
        user: 'u',
        labels: [],
        value: 'v',
        ...(expiresAtMs !== undefined ? { policies: [{ text: '{}', type: 'Expiration' as const, status: 'Pending' as const, atMs: expiresAtMs }] } : {}),
      },
    ],
  };
}

describe('ssm tier count', () => {
  it('counts records stored before it existed once, then moves by deltas in the same transaction', async () => {
    const store = createMemoryStore();
    // Records written without the count (an older data directory).
    await store.write(async (tx) => {
      for (const n of ['/a', '/b', '/c']) putParameterIn(tx, rec(n, 'Standard'));
      putParameterIn(tx, rec('/d', 'Advanced'));
      putParameterIn(tx, rec('/x', 'Standard', undefined, '111122223333'));
    });
    assert.deepEqual(await store.read((tx) => readTierCount(tx, A, R)), { standard: 3, advanced: 1 });
    // Counted before the record is written, so the first scan does not see the new record twice.
    await store.write(async (tx) => {
      await countTierChange(tx, A, R, undefined, 'Standard');
      putParameterIn(tx, rec('/e', 'Standard'));
    });
    assert.deepEqual(await store.read((tx) => readTierCount(tx, A, R)), { standard: 4, advanced: 1 });
    await store.write((tx) => countTierChange(tx, A, R, 'Standard', 'Advanced'));
    await store.write((tx) => countTierChange(tx, A, R, 'Advanced', undefined));
    await store.write((tx) => countTierChange(tx, A, R, 'Standard', 'Standard'));
    assert.deepEqual(await store.read((tx) => readTierCount(tx, A, R)), { standard: 3, advanced: 1 });
    assert.deepEqual(await store.read((tx) => readTierCount(tx, '111122223333', R)), { standard: 1, advanced: 0 });
    await store.close();
  });

  it('the policy job takes an expired parameter off the count when it deletes it', async () => {
    const store = createMemoryStore();
    await store.write(async (tx) => {
      await countTierChange(tx, A, R, undefined, 'Advanced');
      putParameterIn(tx, rec('/exp', 'Advanced', 1_000));
      await countTierChange(tx, A, R, undefined, 'Advanced');
      putParameterIn(tx, rec('/keep', 'Advanced', 10_000));
    });
    await enforcePolicies({ store, clock: { now: () => 5_000 } } as Parameters<typeof enforcePolicies>[0]);
    assert.deepEqual(await store.read((tx) => readTierCount(tx, A, R)), { standard: 0, advanced: 1 });
    assert.equal(await store.read((tx) => tx.get('ssm/000000000000/us-east-1/parameter//exp')), undefined);
    await store.close();
  });
});
