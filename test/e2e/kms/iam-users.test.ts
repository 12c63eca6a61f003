import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, DecryptCommand, EncryptCommand, GenerateRandomCommand, KMSClient, ListAliasesCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, createKey, rejects, useWarden } from './helpers.js';

/** KMS with IAM users of the same account: the default key policy delegates to IAM policies. */
describe('kms with IAM users', () => {
  const t = useWarden();

  async function userClient(name: string, policy?: object): Promise<KMSClient> {
    const iam = t.w.client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: name }));
    if (policy !== undefined) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'kms', PolicyDocument: JSON.stringify(policy) }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    return t.w.client(KMSClient, { credentials: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } });
  }

  it('refuses a user without policies on the operations authorized on "*"', async () => {
    const nobody = await userClient('nobody');
    const arn = `arn:aws:iam::${ACCOUNT}:user/nobody`;
    await rejects(nobody.send(new CreateKeyCommand({})), 'AccessDeniedException', `User: ${arn} is not authorized to perform: kms:CreateKey because no identity-based policy allows the kms:CreateKey action`);
    await rejects(nobody.send(new ListKeysCommand({})), 'AccessDeniedException', /kms:ListKeys because no identity-based policy allows/);
    await rejects(nobody.send(new ListAliasesCommand({})), 'AccessDeniedException', /kms:ListAliases because no identity-based policy allows/);
    await rejects(nobody.send(new GenerateRandomCommand({ NumberOfBytes: 8 })), 'AccessDeniedException', /kms:GenerateRandom because no identity-based policy allows/);
  });

  it('lets an IAM policy grant use of a key whose default key policy delegates to IAM, with encryption-context conditions', async () => {
    const k = await createKey(t.kms);
    const app = await userClient('app', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: k.Arn, Condition: { StringEquals: { 'kms:EncryptionContext:team': 'billing' } } }],
    });
    const enc = await app.send(new EncryptCommand({ KeyId: k.Arn, Plaintext: Buffer.from('x'), EncryptionContext: { team: 'billing' } }));
    const dec = await app.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { team: 'billing' } }));
    assert.equal(Buffer.from(dec.Plaintext!).toString(), 'x');
    await rejects(app.send(new EncryptCommand({ KeyId: k.Arn, Plaintext: Buffer.from('x'), EncryptionContext: { team: 'other' } })), 'AccessDeniedException', /kms:Encrypt on resource/);
    await rejects(app.send(new EncryptCommand({ KeyId: k.Arn, Plaintext: Buffer.from('x') })), 'AccessDeniedException');
    const other = await createKey(t.kms);
    await rejects(app.send(new EncryptCommand({ KeyId: other.Arn, Plaintext: Buffer.from('x'), EncryptionContext: { team: 'billing' } })), 'AccessDeniedException');
  });
});
