import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ListKeysCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms ListKeys', () => {
  const t = useWarden();

  it('pages with Limit and Marker through every key of the account and Region', async () => {
    const made = new Set<string>();
    for (let i = 0; i < 5; i++) made.add((await createKey(t.kms)).KeyId);
    const seen: string[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const out = await t.kms.send(new ListKeysCommand({ Limit: 2, ...(Marker ? { Marker } : {}) }));
      pages++;
      for (const k of out.Keys!) {
        assert.equal(k.KeyArn, `arn:aws:kms:us-east-1:${ACCOUNT}:key/${k.KeyId}`);
        seen.push(k.KeyId!);
      }
      assert.equal(out.Truncated, out.NextMarker !== undefined);
      Marker = out.NextMarker;
    } while (Marker);
    assert.equal(pages, 3);
    assert.deepEqual(new Set(seen), made);
  });

  it("lists only the caller's own account", async () => {
    await createKey(t.kms);
    assert.deepEqual((await t.other.send(new ListKeysCommand({}))).Keys, []);
  });

  it('audits a read-only event and validates Limit', async () => {
    const out = await t.kms.send(new ListKeysCommand({ Limit: 10 }));
    const ev = await t.w.eventFor(out.$metadata.requestId!);
    assertKmsEvent(ev, 'ListKeys', true);
    assert.deepEqual(ev['requestParameters'], { limit: 10 });
    await rejects(t.kms.send(new ListKeysCommand({ Limit: 0 })), 'ValidationException', "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
    await rejects(t.kms.send(new ListKeysCommand({ Limit: 1001 })), 'ValidationException', "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000");
  });
});
