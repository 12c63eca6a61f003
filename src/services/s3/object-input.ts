/** Object request details shared by the object operations. */
import { ProtocolError } from '../../core/errors.js';
import type { ObjectRecord } from './state.js';

/** Keys are at most 1,024 bytes of UTF-8 (UserGuide, object-keys). */
export function assertObjectKey(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > 1024) throw new ProtocolError('KeyTooLongError', 'Your key is too long', 400);
}

const STORED = ['CacheControl', 'ContentDisposition', 'ContentEncoding', 'ContentLanguage', 'Expires'] as const;

/** The standard headers S3 keeps with an object and returns on GET/HEAD. */
export function storedHeaders(input: Partial<Record<(typeof STORED)[number], string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of STORED) if (input[k] !== undefined) out[k] = input[k];
  return out;
}

/** The headers of a GET/HEAD answer describing the object. */
export function objectHeaders(rec: ObjectRecord): Record<string, unknown> {
  return { ...rec.headers };
}
