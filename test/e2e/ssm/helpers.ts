import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { SSMClient } from '@aws-sdk/client-ssm';
import { startTestWarden, type Running } from '../../harness.js';

export const ACCOUNT = '000000000000';
export const OTHER_ACCOUNT = '111122223333';

/** Awaits an SDK rejection and checks its code, HTTP status and (if given) exact message. */
export async function rejects(p: Promise<unknown>, name: string, message?: string | RegExp, status = 400): Promise<any> {
  const err: any = await p.then(
    () => assert.fail(`expected ${name}`),
    (e: unknown) => e,
  );
  assert.equal(err.name, name, `${err.name}: ${err.message}`);
  assert.equal(err.$metadata?.httpStatusCode, status);
  if (typeof message === 'string') assert.equal(err.message, message);
  else if (message instanceof RegExp) assert.match(err.message, message);
  return err;
}

/** One in-memory Warden per test file, its SSM client and one for another account's root. */
export function useWarden(args: readonly string[] = [], opts: Parameters<typeof startTestWarden>[1] = {}): { readonly w: Running; readonly ssm: SSMClient; readonly other: SSMClient } {
  const state: { w?: Running; ssm?: SSMClient; other?: SSMClient } = {};
  before(async () => {
    state.w = await startTestWarden(args, opts);
    state.ssm = state.w.client(SSMClient);
    state.other = state.w.client(SSMClient, { credentials: { accessKeyId: OTHER_ACCOUNT, secretAccessKey: 'x' } });
  });
  after(() => state.w?.stop());
  return {
    get w() { return state.w!; },
    get ssm() { return state.ssm!; },
    get other() { return state.other!; },
  };
}

/** An IAM user of the default account with one inline policy, as an SSM client. */
export async function userClient(w: Running, name: string, policy: object): Promise<SSMClient> {
  const iam = w.client(IAMClient);
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: JSON.stringify(policy) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return w.client(SSMClient, { credentials: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } });
}
