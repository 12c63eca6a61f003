/**
 * Virtual MFA devices: finding them by serial number (their ARN), the otpauth URI their QR code
 * carries, and the rules for accepting codes — shared by IAM's MFA operations and by STS
 * (GetSessionToken, AssumeRole with SerialNumber and TokenCode).
 *
 * A code is accepted within one step (30 s) either side of the device's clock (the server's step
 * plus the drift EnableMFADevice/ResyncMFADevice learnt), and only once: its step must be later
 * than the last accepted one (RFC 6238 §5.2 asks verifiers not to accept a code twice).
 */
import type { Ctx, SealingBarrier } from '../../core/operation.js';
import { base32Decode, matchConsecutive, matchStep, stepAt } from './totp.js';
import type { IamReader, IamState, MfaRecord } from './state.js';

const SERIAL = /^arn:aws:iam::(\d{12}):mfa(\/(?:[^/]+\/)*)([\w+=,.@-]+)$/;

/** Steps either side accepted when signing in; EnableMFADevice looks a little further, ResyncMFADevice much further. */
const SIGN_IN_WINDOW = 1;
const ENABLE_WINDOW = 2;
// Differs from AWS: how far ResyncMFADevice searches is not published; Warden looks 20 minutes either side.
const RESYNC_WINDOW = 40;

export const mfaArn = (account: string, path: string, name: string): string => `arn:aws:iam::${account}:mfa${path}${name}`;

/**
 * The URI the QR code encodes: `otpauth://totp/$virtualMFADeviceName@$AccountName?secret=$Base32String`
 * (API_VirtualMFADevice, QRCodePNG), AccountName being the account id until a user is set.
 */
export const otpauthUri = (deviceName: string, accountName: string, seed: string): string =>
  `otpauth://totp/${encodeURIComponent(deviceName)}@${encodeURIComponent(accountName)}?secret=${seed}`;

/** The virtual MFA device a serial number names in `s`'s account, if there is one. */
export async function findDevice(s: IamReader, serial: string): Promise<MfaRecord | undefined> {
  const m = SERIAL.exec(serial);
  if (m === null || m[1] !== s.account) return undefined;
  const rec = await s.get('mfa', m[3]!);
  return rec !== undefined && rec.arn === serial ? rec : undefined;
}

/** The devices enabled for a user, by serial number. */
export async function devicesOf(s: IamReader, userName: string): Promise<MfaRecord[]> {
  const lower = userName.toLowerCase();
  return (await s.list('mfa')).filter((d) => d.user !== undefined && d.user.toLowerCase() === lower);
}

const secretOf = (barrier: SealingBarrier, s: IamReader, rec: MfaRecord): Buffer => base32Decode(s.openMfaSeed(barrier, rec));

/** The step a sign-in code stands for, or undefined when it is wrong or already used. */
export function acceptCode(barrier: SealingBarrier, s: IamReader, rec: MfaRecord, code: string, nowMs: number): number | undefined {
  const step = matchStep(secretOf(barrier, s, rec), code, stepAt(nowMs) + rec.drift, SIGN_IN_WINDOW, SIGN_IN_WINDOW);
  return step !== undefined && step > rec.lastStep ? step : undefined;
}

/** EnableMFADevice / ResyncMFADevice: the step of the second of two consecutive codes, or undefined. */
export function acceptPair(barrier: SealingBarrier, s: IamReader, rec: MfaRecord, code1: string, code2: string, nowMs: number, resync: boolean): number | undefined {
  const center = stepAt(nowMs) + (resync ? 0 : rec.drift);
  return matchConsecutive(secretOf(barrier, s, rec), code1, code2, center, resync ? RESYNC_WINDOW : ENABLE_WINDOW);
}

/** The device after a pair was accepted at `step`: its drift and last used step follow. */
export const synced = (rec: MfaRecord, step: number, nowMs: number): MfaRecord => ({ ...rec, drift: step - stepAt(nowMs), lastStep: step });

export type MfaCheck = { ok: true; authenticatedMs: number } | { ok: false; reason: 'no-device' | 'bad-code' };

/**
 * STS: the caller's code for the device `serial` enabled for IAM user `userName` (undefined for
 * callers that are no IAM user, who have no devices Warden knows). On success the step is
 * recorded in the request's transaction, so the code cannot be used again.
 */
export async function checkSignInCode(ctx: Ctx, s: IamState, userName: string | undefined, serial: string, code: string): Promise<MfaCheck> {
  const rec = await findDevice(s, serial);
  if (rec === undefined || userName === undefined || rec.user?.toLowerCase() !== userName.toLowerCase()) return { ok: false, reason: 'no-device' };
  const now = ctx.clock.now();
  const step = acceptCode(ctx.barrier, s, rec, code, now);
  if (step === undefined) return { ok: false, reason: 'bad-code' };
  s.put('mfa', { ...rec, lastStep: step });
  return { ok: true, authenticatedMs: now };
}
