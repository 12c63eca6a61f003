import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { timeOrderedUuid } from '../../../src/core/ids.js';

const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedUuid', () => {
  it('is a version-7 UUID (RFC 9562) carrying its milliseconds in the first 48 bits', () => {
    const ms = Date.UTC(2026, 10, 23, 19, 0, 0, 123);
    const id = timeOrderedUuid(ms);
    assert.match(id, UUID7);
    assert.equal(parseInt(id.slice(0, 8) + id.slice(9, 13), 16), ms);
  });

  it('sorts by time across milliseconds, and is unique within one', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => timeOrderedUuid(1_700_000_000_000 + Math.floor(i / 100)));
    assert.equal(new Set(ids).size, ids.length);
    for (let i = 100; i < ids.length; i += 100) assert.ok(ids[i]!.slice(0, 13) > ids[i - 1]!.slice(0, 13));
    for (const id of ids) assert.match(id, UUID7);
  });
});
