import { inflateSync } from 'node:zlib';
import { CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, type IAMClient } from '@aws-sdk/client-iam';
import { Secret, TOTP } from 'otpauth';
import { ManualClock } from '../../../src/core/clock.js';
import type { Running } from '../../harness.js';
import { startIam } from './helpers.js';

/** A Warden on a manual clock (TOTP steps are stepped through by hand) and its root IAM client. */
export async function startIamWithClock(): Promise<{ w: Running; clock: ManualClock; iam: IAMClient }> {
  const clock = new ManualClock(Date.now());
  return { clock, ...(await startIam([], { clock })) };
}

/** The 6-digit code a device with this base32 seed shows at `ms` — computed by otpauth, an independent RFC 6238 implementation. */
export const totp = (seed: string, ms: number): string =>
  TOTP.generate({ secret: Secret.fromBase32(seed), algorithm: 'SHA1', digits: 6, period: 30, timestamp: ms });

/** Root creates a virtual MFA device and enables it for `userName` with two consecutive codes; the clock then moves to the next step. */
export async function enabledDevice(iam: IAMClient, clock: ManualClock, userName: string, deviceName = userName): Promise<{ serial: string; seed: string }> {
  const { VirtualMFADevice: d } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: deviceName }));
  const seed = Buffer.from(d!.Base32StringSeed!).toString('ascii');
  const now = clock.now();
  await iam.send(new EnableMFADeviceCommand({ UserName: userName, SerialNumber: d!.SerialNumber!, AuthenticationCode1: totp(seed, now - 30_000), AuthenticationCode2: totp(seed, now) }));
  clock.advance(30_000); // a code is good once: sign-ins use the next step
  return { serial: d!.SerialNumber!, seed };
}

/** A 1-bit greyscale PNG's pixels (true = dark), read with the PNG spec, not with Warden's encoder. */
export function readPng(png: Uint8Array): { width: number; height: number; dark(x: number, y: number): boolean } {
  const buf = Buffer.from(png);
  if (!buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  let off = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 1 || data[9] !== 0) throw new Error('expected 1-bit greyscale');
    }
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = Math.ceil(width / 8) + 1;
  return {
    width,
    height,
    dark: (x, y) => {
      if (raw[y * stride] !== 0) throw new Error('unexpected filter');
      return ((raw[y * stride + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1) === 0;
    },
  };
}
