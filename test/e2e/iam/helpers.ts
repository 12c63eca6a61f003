import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { startTestWarden, type Running } from '../../harness.js';

export const ACCOUNT = '000000000000';

/** The error a promise rejects with (fails the test if it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<any> {
  return p.then(
    () => assert.fail('expected an error'),
    (e: unknown) => e,
  );
}

/** Asserts an AWS error's wire code (query: <Code>; the SDK names modeled ones `…Exception`), HTTP status and (when given) exact message. */
export async function rejects(p: Promise<unknown>, code: string, status: number, message?: string | RegExp): Promise<any> {
  const e = await errorOf(p);
  assert.equal(e.Code ?? e.name, code, `${e.name}: ${e.message}`);
  assert.equal(e.$metadata.httpStatusCode, status);
  if (typeof message === 'string') assert.equal(e.message, message);
  else if (message !== undefined) assert.match(e.message, message);
  return e;
}

export const doc = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
export const allow = (action: string | string[], resource: string | string[] = '*'): object => ({ Effect: 'Allow', Action: action, Resource: resource });
export const deny = (action: string | string[], resource: string | string[] = '*'): object => ({ Effect: 'Deny', Action: action, Resource: resource });

export const TRUST_EC2 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

let seq = 0;
/** A name unique within the test run. */
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${++seq}`;

export interface UserWithKey {
  readonly userName: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
}

/** Root creates an IAM user and one access key for it. */
export async function userWithKey(root: IAMClient, userName: string, extra: Partial<ConstructorParameters<typeof CreateUserCommand>[0]> = {}): Promise<UserWithKey> {
  await root.send(new CreateUserCommand({ UserName: userName, ...extra }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: userName }));
  const credentials = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  return { userName, accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, credentials };
}

/** A Warden for one suite and an IAM client signing as the account's root. */
export async function startIam(...args: Parameters<typeof startTestWarden>): Promise<{ w: Running; iam: IAMClient }> {
  const w = await startTestWarden(...args);
  return { w, iam: w.client(IAMClient) };
}

/** An IAM client signing with an IAM user's key. */
export const asUser = (w: Running, u: UserWithKey): IAMClient => w.client(IAMClient, { credentials: u.credentials });

/** The most recent event of one request. */
export const eventOf = (w: Running, out: { $metadata: { requestId?: string } }): Promise<Record<string, any>> => w.eventFor(out.$metadata.requestId!);
