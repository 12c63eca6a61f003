import type { Principal } from '../../../../src/core/principal.js';
import type { DecidedBy, RequestEnvironment } from '../../../../src/iam/authorizer.js';
import type { PolicyDocumentRef } from '../../../../src/iam/sources.js';

/** One documented rule, checked against the engine. Account A is 111111111111, B is 222222222222. */
export interface EngineCase {
  readonly name: string;
  /** The AWS documentation rule the case checks (page, and the rule in a few words). */
  readonly rule: string;
  readonly principal: Principal;
  readonly action: string;
  readonly resource: string;
  readonly identity?: readonly Doc[];
  readonly boundary?: Doc;
  readonly session?: readonly Doc[];
  readonly resourcePolicy?: Doc;
  /** Organization path of the caller's account, root first. */
  readonly scps?: readonly (readonly Doc[])[];
  readonly rcps?: readonly (readonly Doc[])[];
  readonly conditions?: Readonly<Record<string, string | readonly string[]>>;
  readonly tags?: Readonly<Record<string, string>>;
  readonly env?: Partial<RequestEnvironment>;
  readonly expect: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  readonly decidedBy?: DecidedBy;
  /** The exact AccessDenied text, where the case pins it. */
  readonly message?: string;
  readonly missing?: readonly string[];
}

export type Doc = Record<string, unknown>;
export type Statement = Record<string, unknown>;

export const A = '111111111111';
export const B = '222222222222';
export const REGION = 'us-east-1';
export const KEY = `arn:aws:kms:${REGION}:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const KEY2 = `arn:aws:kms:${REGION}:${A}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;
export const KEY_B = `arn:aws:kms:${REGION}:${B}:key/bbbbbbbb-12ab-34cd-56ef-1234567890ab`;
export const SECRET = `arn:aws:secretsmanager:${REGION}:${A}:secret:db-pass-AbCdEf`;
export const SECRET_B = `arn:aws:secretsmanager:${REGION}:${B}:secret:shared-AbCdEf`;
export const BUCKET_OBJ = 'arn:aws:s3:::amzn-s3-demo-bucket/reports/q1.csv';

export const rootArn = (acct: string): string => `arn:aws:iam::${acct}:root`;

export function user(name: string, acct = A): Principal {
  return { type: 'IAMUser', account: acct, arn: `arn:aws:iam::${acct}:user/${name}`, principalId: `AIDA${name.toUpperCase().padEnd(17, 'X')}`, accessKeyId: 'AKIAEXAMPLE', userName: name };
}

export function root(acct = A): Principal {
  return { type: 'Root', account: acct, arn: rootArn(acct), principalId: acct, accessKeyId: 'AKIAROOT' };
}

export function session(role: string, name: string, acct = A, opts: { mfa?: boolean; issued?: string } = {}): Principal {
  const roleId = `AROA${role.toUpperCase().padEnd(17, 'X')}`;
  return {
    type: 'AssumedRole',
    account: acct,
    arn: `arn:aws:sts::${acct}:assumed-role/${role}/${name}`,
    principalId: `${roleId}:${name}`,
    accessKeyId: 'ASIAEXAMPLE',
    sessionIssuer: { type: 'Role', principalId: roleId, arn: `arn:aws:iam::${acct}:role/${role}`, account: acct, userName: role },
    session: { creationDate: opts.issued ?? '2026-06-01T11:00:00Z', mfaAuthenticated: opts.mfa ?? false },
  };
}

export function federated(name: string, issuer: string, acct = A): Principal {
  return {
    type: 'FederatedUser',
    account: acct,
    arn: `arn:aws:sts::${acct}:federated-user/${name}`,
    principalId: `${acct}:${name}`,
    accessKeyId: 'ASIAFED',
    sessionIssuer: { type: 'IAMUser', principalId: 'AIDAISSUER', arn: `arn:aws:iam::${acct}:user/${issuer}`, account: acct, userName: issuer },
    session: { creationDate: '2026-06-01T11:00:00Z', mfaAuthenticated: false },
  };
}

/** A 2012-10-17 policy of the given statements. */
export const doc = (...Statement: Statement[]): Doc => ({ Version: '2012-10-17', Statement });
export const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Statement = {}): Statement => ({ Effect: 'Allow', Action, Resource, ...extra });
export const deny = (Action: string | string[], Resource: string | string[] = '*', extra: Statement = {}): Statement => ({ Effect: 'Deny', Action, Resource, ...extra });
export const aws = (...ids: string[]): Statement => ({ Principal: { AWS: ids.length === 1 ? ids[0] : ids } });
export const when = (Condition: Record<string, Record<string, unknown>>): Statement => ({ Condition });

/** KMS's default key policy (KMS DG, key-policy-default): the account principal gets kms:*. */
export const defaultKeyPolicy = (acct = A): Doc => ({
  Version: '2012-10-17',
  Id: 'key-default-1',
  Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: rootArn(acct) }, Action: 'kms:*', Resource: '*' }],
});

/** The default key policy plus more statements. */
export const keyPolicyPlus = (...extra: Statement[]): Doc => {
  const base = defaultKeyPolicy();
  return { ...base, Statement: [...(base['Statement'] as Statement[]), ...extra] };
};

export const FULL_AWS_ACCESS = doc(allow('*', '*'));
/** AWS's RCPFullAWSAccess (Organizations UG, orgs_manage_policies_rcps). */
export const RCP_FULL_AWS_ACCESS = doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' });

export const ENV: RequestEnvironment = {
  sourceIp: '10.1.2.3',
  secureTransport: true,
  currentTimeMs: Date.parse('2026-06-01T12:00:00Z'),
  requestedRegion: REGION,
  userAgent: 'aws-cli/2.15.0',
};

export const refs = (docs: readonly Doc[] | undefined, prefix: string): PolicyDocumentRef[] =>
  (docs ?? []).map((d, i) => ({ id: `${prefix}${i}`, document: JSON.stringify(d) }));
