import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type IAMClient, ResyncMFADeviceCommand } from '@aws-sdk/client-iam';
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import type { ManualClock } from '../../../src/core/clock.js';
import type { Running } from '../../harness.js';
import { rejects, unique, userWithKey } from './helpers.js';
import { enabledDevice, startIamWithClock, totp } from './mfa-helpers.js';

describe('iam ResyncMFADevice', () => {
  let w: Running;
  let clock: ManualClock;
  let iam: IAMClient;

  before(async () => ({ w, clock, iam } = await startIamWithClock()));
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
