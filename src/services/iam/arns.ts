/**
 * IAM's ARNs (IAM UG, reference_identifiers): `arn:aws:iam::<account>:<kind><path><name>`, AWS
 * managed policies under the account `aws`.
 */
export type ArnKind = 'user' | 'group' | 'role' | 'policy';

export const entityArn = (account: string, kind: ArnKind, path: string, name: string): string =>
  `arn:aws:iam::${account}:${kind}${path}${name}`;

export const AWS_ACCOUNT = 'aws';

export interface PolicyArn {
  /** 12 digits, or `aws` for AWS managed policies. */
  readonly account: string;
  readonly path: string;
  readonly name: string;
}

const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy(\/(?:[^/]+\/)*)([\w+=,.@-]+)$/;

export function parsePolicyArn(arn: string): PolicyArn | undefined {
  const m = POLICY_ARN.exec(arn);
  return m === null ? undefined : { account: m[1]!, path: m[2]!, name: m[3]! };
}

/**
 * The resource List* operations are authorized on: the kind's ARN with the path prefix, as AWS
 * names it in its AccessDenied texts ("… iam:ListUsers on resource: arn:aws:iam::<acct>:user/",
 * "… iam:ListRoles on resource: arn:aws:iam::<acct>:role/aws-service-role/…/" — user reports).
 */
export const listResource = (account: string, kind: 'user' | 'group' | 'role', pathPrefix: string | undefined): string =>
  `arn:aws:iam::${account}:${kind}${pathPrefix ?? '/'}`;

/** ListPolicies names no ARN: "… iam:ListPolicies on resource: policy path /" (user reports). */
export const policyListResource = (pathPrefix: string | undefined): string => `policy path ${pathPrefix ?? '/'}`;
