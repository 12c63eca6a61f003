import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { packAuditBatch, unpackAuditBatch } from '../../../src/store/sqlite-audit.js';
import type { AuditRecord } from '../../../src/store/store.js';

const record = (n: number, extra: Partial<AuditRecord> = {}): AuditRecord => ({
  eventId: `ev-${n}`,
  eventTime: '2026-11-23T18:00:00Z',
  account: '000000000000',
  region: 'us-east-1',
  eventSource: 'kms.amazonaws.com',
  eventName: 'Encrypt',
  requestId: `req-${n}`,
  json: JSON.stringify({ eventID: `ev-${n}`, note: 'nul \u0000 escaped, newline \n, unicode ✓' }),
  ...extra,
});

describe('audit thread batch packing', () => {
  it('round-trips records with and without attributes and categories', () => {
    const records = [
      record(1),
      record(2, { eventCategory: 'Data', attributes: [{ key: 'Username', value: 'alice' }, { key: 'ReadOnly', value: 'true' }] }),
      record(3, { attributes: [] }),
    ];
    const back = unpackAuditBatch(packAuditBatch(records));
    assert.equal(back.length, 3);
    for (const [i, r] of records.entries()) {
      assert.equal(back[i]!.json, r.json);
      assert.equal(back[i]!.eventId, r.eventId);
      assert.equal(back[i]!.eventCategory, r.eventCategory ?? 'Management');
      assert.deepEqual(back[i]!.attributes, r.attributes ?? []);
    }
  });

  it('an attribute value holding NUL is indexed with U+FFFD; the record JSON is untouched', () => {
    const [back] = unpackAuditBatch(packAuditBatch([record(1, { attributes: [{ key: 'ResourceName', value: 'arn:aws:s3:::b/a\u0000b' }] })]));
    assert.deepEqual(back!.attributes, [{ key: 'ResourceName', value: 'arn:aws:s3:::b/a\uFFFDb' }]);
  });

  it('refuses a truncated batch', () => {
    const packed = packAuditBatch([record(1), record(2)]);
    assert.throws(() => unpackAuditBatch(packed.slice(0, packed.lastIndexOf('\u0000'))), /truncated|malformed/);
  });
});
