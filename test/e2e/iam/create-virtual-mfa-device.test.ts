import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateVirtualMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  type IAMClient,
  ListMFADevicesCommand,
  ListMFADeviceTagsCommand,
  ListVirtualMFADevicesCommand,
  PutUserPolicyCommand,
  TagMFADeviceCommand,
  UntagMFADeviceCommand,
} from '@aws-sdk/client-iam';
import qrcode from 'qrcode-generator';
import type { ManualClock } from '../../../src/core/clock.js';
import type { Running } from '../../harness.js';
import { ACCOUNT, allow, asUser, doc, eventOf, rejects, unique, userWithKey } from './helpers.js';
import { readPng, startIamWithClock, totp } from './mfa-helpers.js';

describe('iam CreateVirtualMFADevice and MFA device tags', () => {
  let w: Running;
  let clock: ManualClock;
  let iam: IAMClient;

  before(async () => ({ w, clock, iam } = await startIamWithClock()));
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
