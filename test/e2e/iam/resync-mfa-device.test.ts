import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetMFADeviceCommand,
  IAMClient,
  ListMFADevicesCommand,
  ListMFADeviceTagsCommand,
  ListVirtualMFADevicesCommand,
  PutUserPolicyCommand,
  ResyncMFADeviceCommand,
  TagMFADeviceCommand,
  UntagMFADeviceCommand,
} from '@aws-sdk/client-iam';
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import qrcode from 'qrcode-generator';
import { ManualClock } from '../../../src/core/clock.js';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, allow, asUser, doc, eventOf, rejects, unique, userWithKey } from './helpers.js';
import { enabledDevice, readPng, totp } from './mfa-helpers.js';

describe('iam ResyncMFADevice', () => {
  let w: Running;
  let clock: ManualClock;
  let iam: IAMClient;

  before(async () => {
    clock = new ManualClock(Date.now());
    w = await startTestWarden([], { clock });
    iam = w.client(IAMClient);
  });
  after(() => w.stop());

  it('ResyncMFADevice learns a drifting device clock, which sign-ins then follow', async () => {
    const user = await userWithKey(iam, unique('drift'));
    const { serial, seed } = await enabledDevice(iam, clock, user.userName);
    const sts = w.client(STSClient, { credentials: user.credentials });
    const drift = 6 * 60_000; // the phone runs six minutes fast
    const phone = () => clock.now() + drift;
    await rejects(sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: totp(seed, phone()) })), 'AccessDenied', 403);
    await rejects(
      iam.send(new ResyncMFADeviceCommand({ UserName: user.userName, SerialNumber: serial, AuthenticationCode1: '111111', AuthenticationCode2: '222222' })),
      'InvalidAuthenticationCode',
      403,
    );
    await iam.send(new ResyncMFADeviceCommand({ UserName: user.userName, SerialNumber: serial, AuthenticationCode1: totp(seed, phone() - 30_000), AuthenticationCode2: totp(seed, phone()) }));
    clock.advance(30_000);
    const out = await sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: totp(seed, phone()) }));
    assert.match(out.Credentials!.AccessKeyId!, /^ASIA/);
  });
});
