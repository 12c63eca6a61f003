/**
 * The credential report (IAM UG, id_credentials_getting-report): a CSV with one row for the
 * account's root user and one per IAM user, in AWS's documented columns. Dates are ISO 8601 as the
 * report writes them (`2024-01-02T03:04:05+00:00`); `N/A` where a credential does not exist,
 * `not_supported` for what the root user cannot have, `no_information` for a password never used.
 */
import { readLastUse, readUserAccessKey } from '../../auth/credentials.js';
import { rootArn } from '../../core/arn.js';
import type { ReadTx } from '../../store/store.js';
import { devicesOf } from './mfa.js';
import type { IamReader } from './state.js';

export const COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

/** "IAM generates a new report only if the existing one is more than four hours old" (IAM UG); older reports have expired. */
export const REPORT_TTL_MS = 4 * 3600_000;

const date = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
const NA = 'N/A';
const DAY_MS = 86_400_000;

interface KeyColumns {
  active: string;
  rotated: string;
  usedDate: string;
  usedRegion: string;
  usedService: string;
}
const NO_KEY: KeyColumns = { active: 'false', rotated: NA, usedDate: NA, usedRegion: NA, usedService: NA };

async function keyColumns(tx: ReadTx, id: string | undefined): Promise<KeyColumns> {
  const k = id === undefined ? undefined : await readUserAccessKey(tx, id);
  if (k === undefined) return NO_KEY;
  const use = await readLastUse(tx, k.accessKeyId);
  return {
    active: k.status === 'Active' ? 'true' : 'false',
    rotated: date(k.createdMs),
    usedDate: use === undefined ? NA : date(use.lastUsedMs),
    usedRegion: use === undefined ? NA : use.region,
    usedService: use === undefined ? NA : use.service,
  };
}

const keyCells = (k: KeyColumns): string[] => [k.active, k.rotated, k.usedDate, k.usedRegion, k.usedService];
const NO_CERTS = ['false', NA, 'false', NA];

// Differs from AWS: the root row's user_creation_time is the time of the report's first generation
// for the account (Warden keeps no creation time for accounts), and its keys and MFA are not shown.
export async function credentialReportCsv(tx: ReadTx, s: IamReader, nowMs: number, accountCreatedMs: number): Promise<string> {
  const policy = (await s.passwordPolicy())?.policy;
  const rows: string[][] = [[...COLUMNS]];
  rows.push(['<root_account>', rootArn(s.account), date(accountCreatedMs), 'not_supported', 'no_information', 'not_supported', 'not_supported', 'false', ...keyCells(NO_KEY), ...keyCells(NO_KEY), ...NO_CERTS]);
  for (const u of await s.list('user')) {
    const login = await s.get('login-profile', u.name);
    const rotation = login !== undefined && policy?.MaxPasswordAge !== undefined ? date(login.changedMs + policy.MaxPasswordAge * DAY_MS) : NA;
    const mfa = (await devicesOf(s, u.name)).length > 0;
    rows.push([
      u.name,
      u.arn,
      date(u.createdMs),
      login !== undefined ? 'true' : 'false',
      // Console sign-in does not exist in Warden: a password is never used.
      login !== undefined ? 'no_information' : NA,
      login !== undefined ? date(login.changedMs) : NA,
      rotation,
      mfa ? 'true' : 'false',
      ...keyCells(await keyColumns(tx, u.accessKeys[0])),
      ...keyCells(await keyColumns(tx, u.accessKeys[1])),
      ...NO_CERTS,
    ]);
  }
  return rows.map((r) => r.join(',')).join('\n');
}
