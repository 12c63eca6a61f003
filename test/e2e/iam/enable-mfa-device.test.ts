import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  GetLoginProfileCommand,
  UpdateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetMFADeviceCommand,
  type IAMClient,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import type { ManualClock } from '../../../src/core/clock.js';
import type { Running } from '../../harness.js';
import { ACCOUNT, eventOf, rejects, unique, userWithKey } from './helpers.js';
import { enabledDevice, startIamWithClock, totp } from './mfa-helpers.js';

describe('iam EnableMFADevice, ListMFADevices, ListVirtualMFADevices, GetMFADevice, DeactivateMFADevice, DeleteVirtualMFADevice', () => {
  let w: Running;
  let clock: ManualClock;
  let iam: IAMClient;

  before(async () => ({ w, clock, iam } = await startIamWithClock()));
  after(() => w.stop());

  it('EnableMFADevice needs two consecutive codes; wrong codes leave the device unassigned', async () => {
    const user = unique('mfa-user');
    await iam.send(new CreateUserCommand({ UserName: user }));
    const { VirtualMFADevice: d } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: user }));
    const seed = Buffer.from(d!.Base32StringSeed!).toString('ascii');
    const serial = d!.SerialNumber!;
    const now = clock.now();
    const enable = (c1: string, c2: string) => iam.send(new EnableMFADeviceCommand({ UserName: user, SerialNumber: serial, AuthenticationCode1: c1, AuthenticationCode2: c2 }));
    const e = await rejects(enable(totp(seed, now), totp(seed, now - 30_000)), 'InvalidAuthenticationCode', 403, 'Authentication code for device is not valid.');
    const failed = await w.eventFor(e.$metadata.requestId);
    assert.equal(failed['errorCode'], 'InvalidAuthenticationCode');
    assert.deepEqual(failed['requestParameters'], { userName: user, serialNumber: serial });
    await rejects(enable('000000', '000000'), 'InvalidAuthenticationCode', 403);
    const unassigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }));
    assert.ok(unassigned.VirtualMFADevices!.some((v) => v.SerialNumber === serial && v.User === undefined));
    await rejects(iam.send(new EnableMFADeviceCommand({ UserName: 'nobody', SerialNumber: serial, AuthenticationCode1: '123456', AuthenticationCode2: '654321' })), 'NoSuchEntity', 404);
    await rejects(iam.send(new EnableMFADeviceCommand({ UserName: user, SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/none`, AuthenticationCode1: '123456', AuthenticationCode2: '654321' })), 'NoSuchEntity', 404);

    const ok = await enable(totp(seed, now - 30_000), totp(seed, now));
    const ev = await eventOf(w, ok);
    assert.ok(!JSON.stringify(ev).includes(totp(seed, now)));
    const listed = await iam.send(new ListMFADevicesCommand({ UserName: user }));
    assert.equal(listed.MFADevices!.length, 1);
    assert.equal(listed.MFADevices![0]!.SerialNumber, serial);
    assert.equal(listed.MFADevices![0]!.UserName, user);
    assert.equal(listed.MFADevices![0]!.EnableDate!.getTime(), now);
    const assigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    const mine = assigned.VirtualMFADevices!.find((v) => v.SerialNumber === serial)!;
    assert.equal(mine.User!.UserName, user);
    assert.equal(mine.Base32StringSeed, undefined);
    const all = await iam.send(new ListVirtualMFADevicesCommand({}));
    assert.ok(all.VirtualMFADevices!.some((v) => v.SerialNumber === serial));
    const got = await iam.send(new GetMFADeviceCommand({ SerialNumber: serial, UserName: user }));
    assert.equal(got.UserName, user);
    await rejects(enable(totp(seed, now - 30_000), totp(seed, now)), 'EntityAlreadyExists', 409);

    // An enabled device cannot be deleted, nor can its user.
    await rejects(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })), 'DeleteConflict', 409);
    await rejects(iam.send(new DeleteUserCommand({ UserName: user })), 'DeleteConflict', 409, 'Cannot delete entity, must delete MFA device first.');
    await iam.send(new DeactivateMFADeviceCommand({ UserName: user, SerialNumber: serial }));
    assert.deepEqual((await iam.send(new ListMFADevicesCommand({ UserName: user }))).MFADevices, []);
    await rejects(iam.send(new GetMFADeviceCommand({ SerialNumber: serial, UserName: user })), 'NoSuchEntity', 404);
    await rejects(iam.send(new DeactivateMFADeviceCommand({ UserName: user, SerialNumber: serial })), 'NoSuchEntity', 404);
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    await rejects(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })), 'NoSuchEntity', 404);
    await iam.send(new DeleteUserCommand({ UserName: user }));
  });

  it('a renamed user keeps its MFA device and login profile; sign-in codes follow the device to the new name', async () => {
    const u = await userWithKey(iam, unique('before'));
    const { serial, seed } = await enabledDevice(iam, clock, u.userName);
    await iam.send(new CreateLoginProfileCommand({ UserName: u.userName, Password: 'Renamed-pass-1' }));
    const after = unique('after');
    await iam.send(new UpdateUserCommand({ UserName: u.userName, NewUserName: after }));
    assert.deepEqual((await iam.send(new ListMFADevicesCommand({ UserName: after }))).MFADevices!.map((d) => [d.UserName, d.SerialNumber]), [[after, serial]]);
    assert.equal((await iam.send(new GetLoginProfileCommand({ UserName: after }))).LoginProfile!.UserName, after);
    const out = await w.client(STSClient, { credentials: u.credentials }).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: totp(seed, clock.now()) }));
    assert.match(out.Credentials!.AccessKeyId!, /^ASIA/);
  });
});
