/**
 * S3 Control's stored records and their storage keys (built here only). The account-level Block
 * Public Access configuration applies to every bucket of the account in every Region, so it lives
 * once per account:
 *
 *   s3control/<account>/global/public-access-block    AccountBlockRecord
 *
 * S3 reads it (through the reader the registry installs, s3/account-block.ts) to OR it with each
 * bucket's own settings.
 */
import { WardenBug } from '../../core/errors.js';
import type { ReadTx, WriteTx } from '../../store/store.js';
import type { PublicAccessBlockConfiguration } from './model.gen.js';

const CODEC_VERSION = 1;

export interface AccountBlockRecord {
  readonly v: typeof CODEC_VERSION;
  readonly account: string;
  /** All four settings, those a request left out stored as false. */
  readonly configuration: Required<PublicAccessBlockConfiguration>;
  readonly updatedMs: number;
}

const blockKey = (account: string): string => `s3control/${account}/global/public-access-block`;

export async function readAccountBlock(tx: ReadTx, account: string): Promise<AccountBlockRecord | undefined> {
  const e = await tx.get(blockKey(account));
  if (e === undefined) return undefined;
  const rec = JSON.parse(Buffer.from(e.value).toString('utf8')) as AccountBlockRecord;
  if (rec.v !== CODEC_VERSION) throw new WardenBug(`unknown account block record version ${String(rec.v)}`);
  return rec;
}

export function writeAccountBlock(tx: WriteTx, rec: Omit<AccountBlockRecord, 'v'>): void {
  tx.put(blockKey(rec.account), Buffer.from(JSON.stringify({ v: CODEC_VERSION, ...rec })));
}

export function deleteAccountBlock(tx: WriteTx, account: string): void {
  tx.delete(blockKey(account));
}

/** The account's settings as S3 applies them to its buckets; undefined when none are set. */
export async function accountPublicAccessBlock(tx: ReadTx, account: string): Promise<Required<PublicAccessBlockConfiguration> | undefined> {
  return (await readAccountBlock(tx, account))?.configuration;
}
