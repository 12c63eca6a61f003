/**
 * The account-level Block Public Access settings (S3 Control's PutPublicAccessBlock), which S3
 * ORs with each bucket's own: "Amazon S3 applies the most restrictive combination of the
 * bucket-level and account-level settings" (access-control-block-public-access.html). S3 Control
 * keeps them; the registry installs the reader with `setAccountBlockSource`, so S3 does not import
 * that service. Reading them before it is installed is a bug (fail closed, never "no settings").
 */
import { WardenBug } from '../../core/errors.js';
import type { ReadTx } from '../../store/store.js';
import type { PublicAccessBlockConfiguration } from './model.gen.js';

export type AccountBlockSource = (tx: ReadTx, account: string) => Promise<PublicAccessBlockConfiguration | undefined>;

let source: AccountBlockSource | undefined;

/** Installs where the account-level settings are read (the registry: S3 Control's state). */
export function setAccountBlockSource(s: AccountBlockSource | undefined): void {
  source = s;
}

/** The account's Block Public Access settings, or undefined when it has none. */
export async function accountBlock(tx: ReadTx, account: string): Promise<PublicAccessBlockConfiguration | undefined> {
  if (source === undefined) throw new WardenBug('no account-level Block Public Access source installed (services/registry.ts)');
  return source(tx, account);
}
