import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  CredentialResolver,
  deleteUserAccessKey,
  issueUserAccessKey,
  readUserAccessKey,
  rootAccessKeysPresent,
  createRootAccessKey,
  updateUserAccessKey,
} from '../../../src/auth/credentials.js';
import { Barrier } from '../../../src/crypto/barrier.js';
import { createMemoryStore } from '../../../src/store/memory.js';

const OWNER = { account: '123456789012', userName: 'alice', userId: 'AIDAAAAAAAAAAAAAAAAAA', userPath: '/ops/' };

describe('credential resolution of IAM users\' access keys', () => {
  it('resolves a user key to an IAMUser principal; Inactive and deleted keys to nothing, in both profiles', async () => {
    const store = createMemoryStore();
    const barrier = await Barrier.open(store, randomBytes(32));
    const key = await store.write(async (tx) => issueUserAccessKey(tx, barrier, OWNER, 1000));
    for (const profile of ['development', 'secure'] as const) {
      const r = new CredentialResolver(profile, '000000000000', barrier);
      await store.write((tx) => updateUserAccessKey(tx, key.accessKeyId, { status: 'Active' }));
      const got = await store.read((tx) => r.resolve(tx, key.accessKeyId));
      assert.equal(got!.secretAccessKey, key.secretAccessKey);
      assert.deepEqual(got!.principal, { type: 'IAMUser', account: OWNER.account, arn: 'arn:aws:iam::123456789012:user/ops/alice', principalId: OWNER.userId, accessKeyId: key.accessKeyId, userName: 'alice' });
      await store.write((tx) => updateUserAccessKey(tx, key.accessKeyId, { status: 'Inactive' }));
      assert.equal(await store.read((tx) => r.resolve(tx, key.accessKeyId)), undefined);
    }
    await store.write((tx) => updateUserAccessKey(tx, key.accessKeyId, { status: 'Active', userName: 'al', userPath: '/' }));
    const dev = new CredentialResolver('development', '000000000000', barrier);
    assert.equal((await store.read((tx) => dev.resolve(tx, key.accessKeyId)))!.principal.arn, 'arn:aws:iam::123456789012:user/al');
    await store.write((tx) => deleteUserAccessKey(tx, key.accessKeyId));
    assert.equal(await store.read((tx) => dev.resolve(tx, key.accessKeyId)), undefined);
    assert.equal(await store.read((tx) => readUserAccessKey(tx, key.accessKeyId)), undefined);
    const row = await store.read((tx) => tx.get(`auth/global/global/access-key/${key.accessKeyId}`));
    assert.ok(!Buffer.from(row!.value).toString().includes('"secret"')); // the tombstone holds no secret
  });

  it('keeps resolving root keys from warden init; counts them for the account summary', async () => {
    const store = createMemoryStore();
    const barrier = await Barrier.open(store, randomBytes(32));
    assert.equal(await store.read((tx) => rootAccessKeysPresent(tx, '000000000000')), false);
    const k = await createRootAccessKey(store, barrier, '000000000000', 1);
    const r = new CredentialResolver('secure', '000000000000', barrier);
    const got = await store.read((tx) => r.resolve(tx, k.accessKeyId));
    assert.equal(got!.principal.type, 'Root');
    assert.equal(await store.read((tx) => rootAccessKeysPresent(tx, '000000000000')), true);
    assert.equal(await store.read((tx) => readUserAccessKey(tx, k.accessKeyId)), undefined);
  });
});
