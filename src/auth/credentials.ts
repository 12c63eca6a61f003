import type { Profile } from '../config/config.js';
import { rootArn } from '../core/arn.js';
import { awsId, secretAccessKey } from '../core/ids.js';
import type { Principal } from '../core/principal.js';
import type { Barrier } from '../crypto/barrier.js';
import type { ReadTx, Store } from '../store/store.js';

/** An access key resolved to who it belongs to. */
export interface ResolvedKey {
  readonly principal: Principal;
  /** Undefined when the key is unknown and the development profile takes it as root unverified. */
  readonly secretAccessKey: string | undefined;
}

/** Access keys Warden issued are stored globally so a request's key finds its account. */
const accessKeyPath = (accessKeyId: string) => `auth/global/global/access-key/${accessKeyId}`;

interface StoredAccessKey {
  readonly v: 1;
  readonly account: string;
  readonly owner: 'root';
  readonly createdMs: number;
  /** Sealed by the barrier under this row's storage key. */
  readonly secret: string;
}

/** The development profile's well-known key pair, as LocalStack and moto users have it. */
export const DEV_ACCESS_KEY_ID = 'test';
export const DEV_SECRET_ACCESS_KEY = 'test';

export function rootPrincipal(account: string, accessKeyId: string, unverified = false): Principal {
  return {
    type: 'Root',
    account,
    arn: rootArn(account),
    principalId: account,
    accessKeyId,
    ...(unverified ? { unverified: true } : {}),
  };
}

export class CredentialResolver {
  constructor(
    private readonly profile: Profile,
    private readonly defaultAccount: string,
    private readonly barrier: Barrier,
  ) {}

  async resolve(tx: ReadTx, accessKeyId: string): Promise<ResolvedKey | undefined> {
    if (this.profile === 'development' && accessKeyId === DEV_ACCESS_KEY_ID) {
      return { principal: rootPrincipal(this.defaultAccount, accessKeyId), secretAccessKey: DEV_SECRET_ACCESS_KEY };
    }
    const path = accessKeyPath(accessKeyId);
    const entry = await tx.get(path);
    if (entry !== undefined) {
      const rec = JSON.parse(Buffer.from(entry.value).toString('utf8')) as StoredAccessKey;
      const secret = Buffer.from(this.barrier.unseal(path, Buffer.from(rec.secret, 'base64'))).toString('utf8');
      return { principal: rootPrincipal(rec.account, accessKeyId), secretAccessKey: secret };
    }
    if (this.profile === 'secure') return undefined;
    // LocalStack's convention: a 12-digit access key id names the account, so a second account
    // for cross-account exercises is just AWS_ACCESS_KEY_ID=111122223333.
    const account = /^\d{12}$/.test(accessKeyId) ? accessKeyId : this.defaultAccount;
    return { principal: rootPrincipal(account, accessKeyId, true), secretAccessKey: undefined };
  }
}

/** Issues a root access key for `account` (used by `warden init`); the secret is returned once. */
export async function createRootAccessKey(store: Store, barrier: Barrier, account: string, nowMs: number): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const accessKeyId = awsId('AKIA', 20);
  const secret = secretAccessKey();
  const path = accessKeyPath(accessKeyId);
  const sealed = Buffer.from(barrier.seal(path, Buffer.from(secret, 'utf8'))).toString('base64');
  const rec: StoredAccessKey = { v: 1, account, owner: 'root', createdMs: nowMs, secret: sealed };
  await store.write(async (tx) => tx.put(path, Buffer.from(JSON.stringify(rec)), 0));
  return { accessKeyId, secretAccessKey: secret };
}
