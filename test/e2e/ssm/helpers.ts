import { after, before } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { SSMClient } from '@aws-sdk/client-ssm';
import { startTestWarden, type Running } from '../../harness.js';

export const ACCOUNT = '000000000000';
export const OTHER_ACCOUNT = '111122223333';

export { rejects } from '../../sdk-errors.js';

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
