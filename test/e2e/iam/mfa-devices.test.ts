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

describe('iam virtual MFA devices', () => {
  let w: Running;
  let clock: ManualClock;
  let iam: IAMClient;

  before(async () => {
    clock = new ManualClock(Date.now());
    w = await startTestWarden([], { clock });
    iam = w.client(IAMClient);
  });
  after(() => w.stop());

  it('CreateVirtualMFADevice returns the serial number, a base32 seed and a QR code PNG of the otpauth URI; the audit keeps neither', async () => {
    const name = unique('phone');
    const out = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name, Path: '/team/', Tags: [{ Key: 'owner', Value: 'ops' }] }));
    const d = out.VirtualMFADevice!;
    assert.equal(d.SerialNumber, `arn:aws:iam::${ACCOUNT}:mfa/team/${name}`);
    const seed = Buffer.from(d.Base32StringSeed!).toString('ascii');
    assert.match(seed, /^[A-Z2-7]{64}$/);
    assert.deepEqual(d.Tags, [{ Key: 'owner', Value: 'ops' }]);
    // The PNG shows exactly the QR code of AWS's documented URI.
    const qr = qrcode(0, 'M');
    qr.addData(`otpauth://totp/${name}@${ACCOUNT}?secret=${seed}`, 'Byte');
    qr.make();
    const n = qr.getModuleCount();
    const png = readPng(d.QRCodePNG!);
    assert.equal(png.width, png.height);
    const scale = png.width / (n + 8);
    assert.ok(Number.isInteger(scale) && scale >= 2, `scale ${scale}`);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) assert.equal(png.dark((c + 4) * scale + 1, (r + 4) * scale + 1), qr.isDark(r, c), `module ${r},${c}`);
    assert.equal(png.dark(0, 0), false); // quiet zone
    const ev = await eventOf(w, out);
    assert.equal(ev['eventName'], 'CreateVirtualMFADevice');
    assert.equal(ev['requestParameters'].virtualMFADeviceName, name);
    assert.equal(ev['responseElements'].virtualMFADevice.serialNumber, d.SerialNumber);
    const text = JSON.stringify(ev);
    assert.ok(!text.includes(seed) && !text.includes(Buffer.from(seed).toString('base64')), 'seed in the audit event');
    assert.ok(!text.includes(Buffer.from(d.QRCodePNG!).toString('base64').slice(0, 40)), 'QR code in the audit event');
    // The seed is sealed at rest.
    const rows = await w.warden.store.read((tx) => tx.scan('iam/'));
    assert.ok(rows.every((r) => !Buffer.from(r.value).toString('utf8').includes(seed)));
    await rejects(iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name })), 'EntityAlreadyExists', 409, 'MFADevice entity at the same path and name already exists.');
    await rejects(iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bad name' })), 'ValidationError', 400, /virtualMFADeviceName/);
  });

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

  it('tags devices; users without permission are denied', async () => {
    const name = unique('tagged');
    const { VirtualMFADevice: d } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }));
    const serial = d!.SerialNumber!;
    await iam.send(new TagMFADeviceCommand({ SerialNumber: serial, Tags: [{ Key: 'b', Value: '2' }, { Key: 'a', Value: '1' }] }));
    assert.deepEqual((await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: serial }))).Tags, [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }]);
    await iam.send(new UntagMFADeviceCommand({ SerialNumber: serial, TagKeys: ['a'] }));
    assert.deepEqual((await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: serial }))).Tags, [{ Key: 'b', Value: '2' }]);
    await rejects(iam.send(new ListMFADeviceTagsCommand({ SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/absent` })), 'NoSuchEntity', 404);

    const bob = await userWithKey(iam, unique('bob'));
    const asBob = asUser(w, bob);
    const denied = await rejects(asBob.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: unique('x') })), 'AccessDenied', 403, /iam:CreateVirtualMFADevice/);
    assert.equal((await w.eventFor(denied.$metadata.requestId))['errorCode'], 'AccessDenied');
    await rejects(asBob.send(new ListVirtualMFADevicesCommand({})), 'AccessDenied', 403, /iam:ListVirtualMFADevices/);
    await rejects(asBob.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })), 'AccessDenied', 403);
    // The self-service idiom: a user manages the device named after them.
    await iam.send(
      new PutUserPolicyCommand({
        UserName: bob.userName,
        PolicyName: 'own-mfa',
        PolicyDocument: doc(allow(['iam:CreateVirtualMFADevice'], `arn:aws:iam::${ACCOUNT}:mfa/\${aws:username}`), allow(['iam:EnableMFADevice', 'iam:ListMFADevices'], `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`)),
      }),
    );
    const own = await asBob.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: bob.userName }));
    const seed = Buffer.from(own.VirtualMFADevice!.Base32StringSeed!).toString('ascii');
    await rejects(asBob.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'someone-else' })), 'AccessDenied', 403);
    const now = clock.now();
    await asBob.send(new EnableMFADeviceCommand({ UserName: bob.userName, SerialNumber: own.VirtualMFADevice!.SerialNumber!, AuthenticationCode1: totp(seed, now - 30_000), AuthenticationCode2: totp(seed, now) }));
    assert.equal((await asBob.send(new ListMFADevicesCommand({}))).MFADevices!.length, 1);
  });
});
