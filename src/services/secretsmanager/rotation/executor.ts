/**
 * Where a rotation step runs. AWS invokes the secret's rotation Lambda with
 * {"Step", "SecretId", "ClientRequestToken", "RotationToken"}; Warden maps the RotationLambdaARN to
 * an executor (docs/ARCHITECTURE.md, "Secrets Manager rotation"):
 *
 * - a function named `warden-random-password` (any account or Region): the built-in executor,
 *   which rotates a generic secret to a new random password (builtin.ts);
 * - a function named (or ARN'd) in `--rotation-endpoint NAME=URL`: the HTTP executor, which POSTs
 *   the Lambda event to URL (http.ts); the code there calls back into Warden like a Lambda would;
 * - anything else: no executor; the rotation fails as AWS's does when it cannot invoke the function.
 *
 * A Lambda-compatible executor (Warden running Lambda functions) implements the same interface.
 */
import type { JobEnv } from '../../../core/operation.js';
import type { RotationStepName } from '../state.js';
import { builtinExecutor } from './builtin.js';
import { httpExecutor } from './http.js';

/** The event AWS sends the rotation function for each step. */
export interface RotationEvent {
  readonly Step: RotationStepName;
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly RotationToken?: string;
}

/** Where the secret lives, for executors that work on it in process. */
export interface RotationTarget {
  readonly account: string;
  readonly region: string;
  readonly name: string;
}

export interface RotationExecutor {
  /** For logs and audit: `builtin`, `http <url>`. */
  readonly description: string;
  /** Runs one step; resolves when it succeeded, rejects with the reason it failed. */
  invoke(event: RotationEvent, target: RotationTarget, env: JobEnv): Promise<void>;
}

export const BUILTIN_FUNCTION = 'warden-random-password';

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+)(:[A-Za-z0-9$_-]+)?$/;

/** The function name of a RotationLambdaARN (or the text itself when it is not a Lambda ARN). */
export const functionName = (arn: string): string => LAMBDA_ARN.exec(arn)?.[1] ?? arn;

export function resolveExecutor(lambdaArn: string, endpoints: Readonly<Record<string, string>>): RotationExecutor | undefined {
  const url = endpoints[lambdaArn] ?? endpoints[functionName(lambdaArn)];
  if (url !== undefined) return httpExecutor(url);
  if (functionName(lambdaArn) === BUILTIN_FUNCTION) return builtinExecutor;
  return undefined;
}
