import type { PrincipalType } from '../../core/principal.js';
import type { Lookup } from './variables.js';

/** What matching a statement needs to know about the caller. */
export interface PrincipalFacts {
  readonly type: PrincipalType;
  readonly arn: string;
  readonly account: string;
  /** The account principal, `arn:aws:iam::<account>:root`. */
  readonly accountArn: string;
  /** For role sessions the role's ARN; for federated users the IAM user who federated. */
  readonly issuerArn?: string;
  /** WebIdentityUser: the identity provider's ARN, matched by `Principal: {"Federated": …}`. */
  readonly federatedArn?: string;
  /**
   * Set when an AWS service acts as itself (CloudTrail writing to a bucket): the service principal,
   * e.g. `cloudtrail.amazonaws.com`, matched by `"Principal": {"Service": …}` only.
   */
  readonly service?: string;
}

/** One request as compiled statements see it. Built once per decision by context.ts. */
export interface EvalContext {
  readonly actionLower: string;
  readonly resource: string;
  readonly principal: PrincipalFacts;
  /** Condition-key value by lower-case key name. */
  readonly lookup: Lookup;
  /** Records a condition key a statement asked for that the request did not carry. */
  noteMissing(key: string): void;
}
