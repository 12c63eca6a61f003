/**
 * IAM's stored records and their storage keys (built here only). IAM is global: one per account.
 *
 *   iam/<account>/global/user/<lower-cased name>     UserRecord
 *   iam/<account>/global/group/<lower-cased name>    GroupRecord
 *   iam/<account>/global/role/<lower-cased name>     RoleRecord
 *   iam/<account>/global/policy/<lower-cased name>   PolicyRecord (customer managed, with its versions)
 *   iam/<account>/global/aws-policy/<name>           AwsPolicyUsage: this account's attachments of an AWS managed policy
 *   iam/<account>/global/mfa/<lower-cased name>      MfaRecord (virtual MFA device; its seed sealed by the barrier)
 *   iam/<account>/global/login-profile/<lower-cased user name>  LoginProfileRecord (scrypt hash only)
 *   iam/<account>/global/instance-profile/<lower-cased name>    InstanceProfileRecord
 *   iam/<account>/global/account/alias               AliasRecord
 *   iam/<account>/global/account/password-policy     PasswordPolicyRecord
 *   iam/<account>/global/account/credential-report   CredentialReportRecord
 *   iam/<account>/global/access-advisor-job/<job id>  AccessAdvisorJob (access-advisor.ts)
 *   iam/global/global/account-alias/<alias>          AliasOwner: aliases are unique across accounts
 *
 * Names are unique per account regardless of case (IAM UG, reference_iam-quotas), so the lower-cased
 * name is the row's id; the record keeps the name as given and its AIDA/AGPA/AROA/ANPA id. Records
 * refer to each other by name (group members, a user's groups, a policy's attachments); renames
 * (UpdateUser, UpdateGroup) rewrite those references. Access keys live where credential resolution
 * reads them (auth/credentials.ts), each user record listing its key ids.
 *
 * Decoded records are cached per storage key and checked against the stored bytes, so a changed
 * row is decoded afresh and a cache shared by several Warden instances in one process stays right.
 */
import { WardenBug } from '../../core/errors.js';
import type { SealingBarrier } from '../../core/operation.js';
import type { ReadTx, WriteTx } from '../../store/store.js';
import type { PasswordPolicy, Tag } from './model.gen.js';

const V = 1;

export interface InlinePolicy {
  readonly name: string;
  readonly document: string;
}

/** Who uses a managed policy, by entity name: as a permissions policy, or as a permissions boundary. */
export interface Usage {
  readonly users: readonly string[];
  readonly groups: readonly string[];
  readonly roles: readonly string[];
  readonly boundaryUsers: readonly string[];
  readonly boundaryRoles: readonly string[];
}
export const NO_USAGE: Usage = { users: [], groups: [], roles: [], boundaryUsers: [], boundaryRoles: [] };

/** What every pathed IAM resource has: a unique id, a name under a path, and its ARN. */
interface Named {
  readonly v: typeof V;
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly createdMs: number;
}

interface Entity extends Named {
  readonly inline: readonly InlinePolicy[];
  /** Attached managed policy ARNs, in attachment order. */
  readonly attached: readonly string[];
}

export interface UserRecord extends Entity {
  readonly tags: readonly Tag[];
  readonly boundary?: string;
  readonly groups: readonly string[];
  readonly accessKeys: readonly string[];
}

export interface GroupRecord extends Entity {
  readonly members: readonly string[];
}

export interface RoleRecord extends Entity {
  /** The trust (assume-role) policy as submitted. */
  readonly trust: string;
  readonly description?: string;
  readonly maxSessionDuration: number;
  readonly boundary?: string;
  readonly tags: readonly Tag[];
}

export interface PolicyVersionRecord {
  readonly id: string;
  readonly document: string;
  readonly createdMs: number;
}

export interface PolicyRecord extends Named {
  readonly updatedMs: number;
  readonly description?: string;
  readonly tags: readonly Tag[];
  readonly defaultVersion: string;
  /** The number the next CreatePolicyVersion takes (versions are never renumbered). */
  readonly nextVersion: number;
  readonly versions: readonly PolicyVersionRecord[];
  readonly usage: Usage;
}

export interface AwsPolicyUsage {
  readonly v: typeof V;
  readonly usage: Usage;
}

export interface AliasRecord {
  readonly v: typeof V;
  readonly alias: string;
  readonly createdMs: number;
}

interface AliasOwner {
  readonly v: typeof V;
  readonly account: string;
}

/** A virtual MFA device. Its serial number is its ARN (`arn:aws:iam::<account>:mfa<path><name>`). */
export interface MfaRecord {
  readonly v: typeof V;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly createdMs: number;
  /** The base32 seed, sealed by the barrier under this row's storage key (base64). */
  readonly seed: string;
  readonly tags: readonly Tag[];
  /** Set while the device is enabled for (assigned to) a user. */
  readonly user?: string;
  readonly enabledMs?: number;
  /** The device's clock offset in steps, learnt by EnableMFADevice and ResyncMFADevice. */
  readonly drift: number;
  /** The latest step whose code was accepted: a code is good once. */
  readonly lastStep: number;
}

/** A user's console password: only its salted scrypt hash. `name` is the user's name. */
export interface LoginProfileRecord {
  readonly v: typeof V;
  readonly name: string;
  readonly createdMs: number;
  readonly hash: string;
  readonly resetRequired: boolean;
  readonly changedMs: number;
  /** Hashes of earlier passwords, newest first (PasswordReusePrevention). */
  readonly previous: readonly string[];
}

export interface InstanceProfileRecord extends Named {
  /** Role names (at most one). */
  readonly roles: readonly string[];
  readonly tags: readonly Tag[];
}

export interface PasswordPolicyRecord {
  readonly v: typeof V;
  readonly policy: PasswordPolicy;
}

export interface CredentialReportRecord {
  readonly v: typeof V;
  readonly generatedMs: number;
  readonly csv: string;
  /** When the account's first report was generated (the root row's user_creation_time). */
  readonly firstMs: number;
}

export interface Records {
  user: UserRecord;
  group: GroupRecord;
  role: RoleRecord;
  policy: PolicyRecord;
  mfa: MfaRecord;
  'login-profile': LoginProfileRecord;
  'instance-profile': InstanceProfileRecord;
}
export type Kind = keyof Records;

const accountPrefix = (account: string) => `iam/${account}/global/`;
const rowKey = (account: string, kind: string, id: string) => `${accountPrefix(account)}${kind}/${id}`;
const aliasOwnerKey = (alias: string) => `iam/global/global/account-alias/${alias}`;

const CACHE_MAX = 4096;
const decoded = new Map<string, { bytes: Uint8Array; value: unknown }>();

function decode<T>(key: string, bytes: Uint8Array): T {
  const hit = decoded.get(key);
  if (hit !== undefined && Buffer.from(hit.bytes).equals(Buffer.from(bytes))) return hit.value as T;
  const value = JSON.parse(Buffer.from(bytes).toString('utf8')) as { v?: number };
  if (value.v !== V) throw new WardenBug(`${key}: unknown record version ${String(value.v)}`);
  if (decoded.size >= CACHE_MAX) decoded.clear();
  decoded.set(key, { bytes, value });
  return value as T;
}

const encode = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value), 'utf8');

/** IAM's typed view of a transaction: reads. The policy engine's source reads through this too. */
export class IamReader {
  constructor(
    protected readonly tx: ReadTx,
    readonly account: string,
  ) {}

  protected async row<T>(key: string): Promise<T | undefined> {
    const e = await this.tx.get(key);
    return e === undefined ? undefined : decode<T>(key, e.value);
  }

  get<K extends Kind>(kind: K, name: string): Promise<Records[K] | undefined> {
    return this.row<Records[K]>(rowKey(this.account, kind, name.toLowerCase()));
  }

  /** Every record of a kind, ordered by lower-cased name. */
  async list<K extends Kind>(kind: K): Promise<Records[K][]> {
    const prefix = `${accountPrefix(this.account)}${kind}/`;
    return (await this.tx.scan(prefix)).map((e) => decode<Records[K]>(e.key, e.value));
  }

  async count(kind: Kind): Promise<number> {
    return (await this.tx.scan(`${accountPrefix(this.account)}${kind}/`)).length;
  }

  awsUsage(name: string): Promise<AwsPolicyUsage | undefined> {
    return this.row<AwsPolicyUsage>(rowKey(this.account, 'aws-policy', name));
  }

  alias(): Promise<AliasRecord | undefined> {
    return this.row<AliasRecord>(rowKey(this.account, 'account', 'alias'));
  }

  async aliasOwner(alias: string): Promise<string | undefined> {
    return (await this.row<AliasOwner>(aliasOwnerKey(alias)))?.account;
  }

  passwordPolicy(): Promise<PasswordPolicyRecord | undefined> {
    return this.row<PasswordPolicyRecord>(rowKey(this.account, 'account', 'password-policy'));
  }

  credentialReport(): Promise<CredentialReportRecord | undefined> {
    return this.row<CredentialReportRecord>(rowKey(this.account, 'account', 'credential-report'));
  }

  accessAdvisorJob<T>(jobId: string): Promise<T | undefined> {
    return this.row<T>(rowKey(this.account, 'access-advisor-job', jobId));
  }

  /** A virtual MFA device's base32 seed (AAD: the device's row). */
  openMfaSeed(barrier: SealingBarrier, rec: MfaRecord): string {
    return Buffer.from(barrier.unseal(rowKey(this.account, 'mfa', rec.name.toLowerCase()), Buffer.from(rec.seed, 'base64'))).toString('utf8');
  }
}

/** IAM's typed view of a write transaction. */
export class IamState extends IamReader {
  constructor(
    private readonly wtx: WriteTx,
    account: string,
  ) {
    super(wtx, account);
  }

  /** `create`: the row must not exist yet (another request creating the same name conflicts). */
  put<K extends Kind>(kind: K, rec: Records[K], create = false): void {
    this.wtx.put(rowKey(this.account, kind, rec.name.toLowerCase()), encode(rec), create ? 0 : undefined);
  }

  remove(kind: Kind, name: string): void {
    this.wtx.delete(rowKey(this.account, kind, name.toLowerCase()));
  }

  putAwsUsage(name: string, usage: Usage): void {
    const key = rowKey(this.account, 'aws-policy', name);
    const empty = Object.values(usage).every((l: readonly string[]) => l.length === 0);
    if (empty) this.wtx.delete(key);
    else this.wtx.put(key, encode({ v: V, usage } satisfies AwsPolicyUsage));
  }

  putAlias(alias: string, createdMs: number): void {
    this.wtx.put(rowKey(this.account, 'account', 'alias'), encode({ v: V, alias, createdMs } satisfies AliasRecord));
    this.wtx.put(aliasOwnerKey(alias), encode({ v: V, account: this.account } satisfies AliasOwner));
  }

  /** The sealed form of a new device's seed, for its MfaRecord. */
  sealMfaSeed(barrier: SealingBarrier, deviceName: string, seed: string): string {
    return Buffer.from(barrier.seal(rowKey(this.account, 'mfa', deviceName.toLowerCase()), Buffer.from(seed, 'utf8'))).toString('base64');
  }

  putPasswordPolicy(policy: PasswordPolicy): void {
    this.wtx.put(rowKey(this.account, 'account', 'password-policy'), encode({ v: V, policy } satisfies PasswordPolicyRecord));
  }

  removePasswordPolicy(): void {
    this.wtx.delete(rowKey(this.account, 'account', 'password-policy'));
  }

  putCredentialReport(generatedMs: number, csv: string, firstMs: number): void {
    this.wtx.put(rowKey(this.account, 'account', 'credential-report'), encode({ v: V, generatedMs, csv, firstMs } satisfies CredentialReportRecord));
  }

  putAccessAdvisorJob(jobId: string, job: object): void {
    this.wtx.put(rowKey(this.account, 'access-advisor-job', jobId), encode({ v: V, ...job }), 0);
  }

  removeAlias(alias: string): void {
    this.wtx.delete(rowKey(this.account, 'account', 'alias'));
    this.wtx.delete(aliasOwnerKey(alias));
  }
}

export const iamState = (tx: WriteTx, account: string): IamState => new IamState(tx, account);
export const iamReader = (tx: ReadTx, account: string): IamReader => new IamReader(tx, account);
