import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { CreateKeyCommand, KMSClient, type CreateKeyCommandInput, type KeyMetadata } from '@aws-sdk/client-kms';
import { startTestWarden, type Running } from '../../harness.js';

export const OTHER_ACCOUNT = '111122223333';
export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

/** A client signing as the root of another account (development profile: a 12-digit key). */
export const otherAccount = (w: Running): KMSClient => w.client(KMSClient, { credentials: { accessKeyId: OTHER_ACCOUNT, secretAccessKey: 'x' } });

export async function createKey(kms: KMSClient, input: CreateKeyCommandInput = {}): Promise<KeyMetadata & { KeyId: string; Arn: string }> {
  const out = await kms.send(new CreateKeyCommand(input));
  return out.KeyMetadata as KeyMetadata & { KeyId: string; Arn: string };
}

export { rejects } from '../../sdk-errors.js';

/** The event never contains these bytes, raw or base64. */
export function assertNoSecrets(ev: unknown, ...secrets: Uint8Array[]): void {
  const json = JSON.stringify(ev);
  for (const s of secrets) {
    const b = Buffer.from(s);
    assert.ok(!json.includes(b.toString('base64')), 'base64 secret in the audit event');
    if (b.length >= 4) assert.ok(!json.includes(b.toString('hex')), 'hex secret in the audit event');
  }
}

/** The common shape of a KMS CloudTrail event. */
export function assertKmsEvent(ev: Record<string, any>, eventName: string, readOnly: boolean, keyArn?: string): void {
  assert.equal(ev['eventSource'], 'kms.amazonaws.com');
  assert.equal(ev['eventName'], eventName);
  assert.equal(ev['readOnly'], readOnly);
  assert.equal(ev['eventCategory'], 'Management');
  if (keyArn !== undefined) assert.deepEqual(ev['resources'], [{ ARN: keyArn, accountId: keyArn.split(':')[4], type: 'AWS::KMS::Key' }]);
}

/** One in-memory Warden per test file: registers before/after hooks and hands out its clients. */
export function useWarden(args: readonly string[] = [], opts: Parameters<typeof startTestWarden>[1] = {}): { readonly w: Running; readonly kms: KMSClient; readonly other: KMSClient } {
  const state: { w?: Running; kms?: KMSClient; other?: KMSClient } = {};
  before(async () => {
    state.w = await startTestWarden(args, opts);
    state.kms = state.w.client(KMSClient);
    state.other = otherAccount(state.w);
  });
  after(() => state.w?.stop());
  return {
    get w() { return state.w!; },
    get kms() { return state.kms!; },
    get other() { return state.other!; },
  };
}

/** GetKeyPolicy's answer for a key created without a policy (key-policy-default.html). */
export const defaultPolicy = (account: string = ACCOUNT): string => `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::${account}:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`;

/** A client signing as a new IAM user of the default account, with an inline policy if given. */
export async function userClient(w: Running, name: string, policy?: object): Promise<KMSClient> {
  const { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } = await import('@aws-sdk/client-iam');
  const iam = w.client(IAMClient);
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (policy !== undefined) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'kms', PolicyDocument: JSON.stringify(policy) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return w.client(KMSClient, { credentials: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } });
}

/** A clock tests move forward (rotation, expiry); the SDK needs `late()` clients once it moved. */
export class OffsetClock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
}

/** A client whose signing clock follows an OffsetClock (the SDK re-syncs to the server's real Date header). */
export const lateClient = (w: Running, clock: OffsetClock): KMSClient =>
  ({ send: (cmd: unknown) => w.client(KMSClient, { systemClockOffset: clock.offset }).send(cmd as never) as Promise<any> }) as KMSClient;
