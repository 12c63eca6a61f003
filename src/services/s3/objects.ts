/**
 * Writing and reading object bodies through their encryption: one path for PutObject,
 * CopyObject and the internal write API (internal.ts).
 */
import { createHash } from 'node:crypto';
import type { Ctx, RequestBodyStream } from '../../core/operation.js';
import type { ReadTx } from '../../store/store.js';
import { BodyIntegrityError, BodyWriter, findBody, openBodyReader, type StoredBody } from './bodies.js';
import { checksumHasher, checksumOf, md5Base64, md5Hex, CHECKSUM_ALGORITHMS, type ChecksumAlgorithm, type ChecksumHasher } from './checksums.js';
import { BadDigest, InternalError, InvalidDigest, InvalidRequest, MESSAGES } from './errors.js';
import { newDataKey, openDataKey, sseChoice, type CustomerKey, type SseInput } from './sse.js';
import type { WriteTx } from '../../store/store.js';
import type { Grant, Tag } from './model.gen.js';
import { bodyIdsOf, type BucketRecord, type ObjectRecord, type ObjectSse } from './state.js';
import { makeCurrent, versionIdFor } from './versions.js';

export interface NewObject {
  readonly key: string;
  /** All of it, or a request body read as it arrives (its checksums are then its own). */
  readonly body: Uint8Array | StreamedBody;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly checksums?: Readonly<Record<string, string>>;
  readonly tags?: readonly Tag[];
  readonly acl?: readonly Grant[];
}

/** Checksum headers as the model names them. */
export interface ChecksumInput {
  readonly ContentMD5?: string;
  readonly ChecksumCRC32?: string;
  readonly ChecksumCRC32C?: string;
  readonly ChecksumSHA1?: string;
  readonly ChecksumSHA256?: string;
  readonly ChecksumCRC64NVME?: string;
  readonly ChecksumSHA512?: string;
  readonly ChecksumMD5?: string;
  readonly ChecksumXXHASH64?: string;
  readonly ChecksumXXHASH3?: string;
  readonly ChecksumXXHASH128?: string;
}

const MEMBER: Readonly<Record<ChecksumAlgorithm, keyof ChecksumInput>> = { CRC32: 'ChecksumCRC32', CRC32C: 'ChecksumCRC32C', SHA1: 'ChecksumSHA1', SHA256: 'ChecksumSHA256' };
const UNSUPPORTED: readonly (keyof ChecksumInput)[] = ['ChecksumCRC64NVME', 'ChecksumSHA512', 'ChecksumMD5', 'ChecksumXXHASH64', 'ChecksumXXHASH3', 'ChecksumXXHASH128'];

const DIGEST_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = { CRC32: 4, CRC32C: 4, SHA1: 20, SHA256: 32 };

/**
 * Content-MD5 and x-amz-checksum-* as given, before anything is read or written (S3 User Guide,
 * checking-object-integrity): a value that is not base64 of the digest's length is InvalidDigest /
 * InvalidRequest. Returns the algorithms to compute.
 */
function checkChecksumInput(input: ChecksumInput): ChecksumAlgorithm[] {
  if (input.ContentMD5 !== undefined && Buffer.from(input.ContentMD5, 'base64').length !== 16) {
    throw new InvalidDigest(MESSAGES.invalidDigest, { 'Content-MD5': input.ContentMD5 });
  }
  for (const m of UNSUPPORTED) {
    // Differs from AWS: these algorithms are not computed by Warden yet.
    if (input[m] !== undefined) throw new InvalidRequest(`Warden does not verify ${m} yet; use CRC32, CRC32C, SHA1 or SHA256.`);
  }
  const algs: ChecksumAlgorithm[] = [];
  for (const alg of CHECKSUM_ALGORITHMS) {
    const given = input[MEMBER[alg]];
    if (given === undefined) continue;
    if (Buffer.from(given, 'base64').toString('base64') !== given || Buffer.from(given, 'base64').length !== DIGEST_BYTES[alg]) {
      throw new InvalidRequest(`Value for x-amz-checksum-${alg.toLowerCase()} header is invalid.`);
    }
    algs.push(alg);
  }
  // unverified wording
  if (algs.length > 1) throw new InvalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  return algs;
}

/** The given values against the computed ones: BadDigest on a mismatch; the verified checksums by algorithm. */
function compareChecksums(input: ChecksumInput, md5: string, actual: Readonly<Partial<Record<ChecksumAlgorithm, string>>>): Record<string, string> {
  if (input.ContentMD5 !== undefined && md5 !== input.ContentMD5) throw new BadDigest(MESSAGES.badDigest, { ExpectedDigest: input.ContentMD5, CalculatedDigest: md5 });
  const out: Record<string, string> = {};
  for (const alg of CHECKSUM_ALGORITHMS) {
    const given = input[MEMBER[alg]];
    if (given === undefined) continue;
    if (given !== actual[alg]) throw new BadDigest(`The ${alg} you specified did not match the calculated checksum.`);
    out[alg] = given;
  }
  return out;
}

/**
 * Content-MD5 and x-amz-checksum-* against the body, before anything is written: InvalidDigest /
 * InvalidRequest for a malformed value, BadDigest for a wrong one. Returns the verified checksums.
 */
export function verifyChecksums(input: ChecksumInput, body: Uint8Array): Record<string, string> {
  const algs = checkChecksumInput(input);
  return compareChecksums(input, md5Base64(body), Object.fromEntries(algs.map((a) => [a, checksumOf(a, body)])));
}

const TRAILER_MEMBER: Readonly<Record<string, keyof ChecksumInput>> = Object.fromEntries(CHECKSUM_ALGORITHMS.map((a) => [`x-amz-checksum-${a.toLowerCase()}`, MEMBER[a]]));
const ALL_TRAILER_MEMBERS: Readonly<Record<string, keyof ChecksumInput>> = {
  ...TRAILER_MEMBER,
  ...Object.fromEntries(UNSUPPORTED.map((m) => [`x-amz-checksum-${m.slice('Checksum'.length).toLowerCase()}`, m])),
};

/**
 * A request body (ctx.requestBody) on its way into a body file: MD5 (the ETag) and the checksums
 * the request names (headers or declared trailer) computed as it passes, compared once it is
 * complete. If the handler runs again (write conflict), the body is read back from the file the
 * first run wrote, under the key that run used.
 */
export class StreamedBody {
  private readonly md5 = createHash('md5');
  private readonly hashers = new Map<ChecksumAlgorithm, ChecksumHasher>();
  private result: { md5Hex: string; md5Base64: string; checksums: Record<string, string>; size: number } | undefined;
  private replay: { stored: StoredBody; dek: Buffer; bucket: string; key: string } | undefined;

  /** The request's body (the same object when a write conflict runs the handler again). */
  static of(request: RequestBodyStream, input: ChecksumInput): StreamedBody {
    let b = streamed.get(request);
    if (b === undefined) streamed.set(request, (b = new StreamedBody(request, input)));
    return b;
  }

  private constructor(private readonly request: RequestBodyStream, private readonly input: ChecksumInput) {
    for (const alg of checkChecksumInput(input)) this.hashers.set(alg, checksumHasher(alg));
    for (const name of request.declaredTrailers) {
      const member = ALL_TRAILER_MEMBERS[name];
      if (member === undefined) continue;
      // Differs from AWS: these algorithms are not computed by Warden yet.
      if (UNSUPPORTED.includes(member)) throw new InvalidRequest(`Warden does not verify ${member} yet; use CRC32, CRC32C, SHA1 or SHA256.`);
      const alg = CHECKSUM_ALGORITHMS.find((a) => MEMBER[a] === member)!;
      if (!this.hashers.has(alg)) this.hashers.set(alg, checksumHasher(alg));
    }
    // unverified wording
    if (this.hashers.size > 1) throw new InvalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  }

  /** The declared length, when the client declared one. */
  get declaredLength(): number | undefined {
    return this.request.declaredLength;
  }

  /** The payload; hashed on the first pass, read back from the first run's body on later ones. */
  async *chunks(): AsyncGenerator<Uint8Array> {
    if (this.replay !== undefined) {
      const { stored, dek, bucket, key } = this.replay;
      const reader = await openBodyReader(stored, dek, bucket, key);
      try {
        yield* reader.range(0, reader.size);
      } finally {
        await reader.close();
      }
      return;
    }
    if (this.request.consumed) throw new InvalidRequest('the request body was already read'); // a defect: replay is set after the first write
    let size = 0;
    for await (const c of this.request.chunks()) {
      this.md5.update(c);
      for (const h of this.hashers.values()) h.update(c);
      size += c.length;
      yield c;
    }
    const md5 = this.md5.digest();
    const given: Record<string, string | undefined> = { ...this.input };
    for (const [name, value] of Object.entries(this.request.trailers)) {
      const member = TRAILER_MEMBER[name];
      if (member === undefined) continue;
      const alg = CHECKSUM_ALGORITHMS.find((a) => MEMBER[a] === member)!;
      if (Buffer.from(value, 'base64').toString('base64') !== value || Buffer.from(value, 'base64').length !== DIGEST_BYTES[alg]) {
        throw new InvalidRequest(`Value for x-amz-checksum-${alg.toLowerCase()} header is invalid.`);
      }
      given[member] = value;
    }
    const actual = Object.fromEntries([...this.hashers].map(([a, h]) => [a, h.digest()]));
    this.result = { md5Hex: md5.toString('hex'), md5Base64: md5.toString('base64'), checksums: compareChecksums(given, md5.toString('base64'), actual), size };
  }

  /** After chunks() completed: what was verified. */
  get verified(): { md5Hex: string; checksums: Record<string, string>; size: number } {
    if (this.result === undefined) throw new InvalidRequest('the request body was not read'); // a defect
    return this.result;
  }

  /** The first run's body, to read back if the handler runs again. */
  remember(stored: StoredBody, dek: Uint8Array, bucket: string, key: string): void {
    this.replay ??= { stored, dek: Buffer.from(dek), bucket, key };
  }
}

const streamed = new WeakMap<RequestBodyStream, StreamedBody>();

/** A new body written from `source`: its id, size and MD5 (hex). */
export interface WrittenBody {
  readonly bodyId: string;
  readonly size: number;
  readonly md5Hex: string;
  readonly checksums?: Record<string, string>;
}

/**
 * Seals `source` into a new body under `dek`, durable and recorded in `ctx.tx` when this
 * returns. A failed check of a streamed body (signature, hash, checksum) removes the file.
 */
export async function writeBody(ctx: ObjectWriter & { readonly tx: WriteTx }, dek: Uint8Array, bucket: string, key: string, source: Uint8Array | StreamedBody): Promise<WrittenBody> {
  const w = await BodyWriter.create(ctx.dataDir, dek, bucket, key);
  try {
    if (source instanceof Uint8Array) {
      await w.write(source);
      await w.finish(ctx.tx);
      return { bodyId: w.bodyId, size: source.length, md5Hex: md5Hex(source) };
    }
    for await (const c of source.chunks()) await w.write(c);
    const v = source.verified;
    await w.finish(ctx.tx);
    source.remember(w.stored(), dek, bucket, key);
    return { bodyId: w.bodyId, size: v.size, md5Hex: v.md5Hex, checksums: v.checksums };
  } catch (err) {
    await w.abort();
    throw err;
  }
}

/**
 * Encrypts and stores a new object (replacing any object at the key). The caller has authorized
 * the write and validated the input; `choice` comes from sseChoice.
 */
export async function writeNewObject(ctx: Ctx, bucket: BucketRecord, o: NewObject, choice: ReturnType<typeof sseChoice>, sseInput: SseInput): Promise<ObjectRecord> {
  return storeObject(ctx, bucket, o, () => newDataKey(ctx, bucket, o.key, choice, sseInput));
}

/** What storing an object needs besides its data key: a request's ctx, or a service's own writer (internal.ts). */
export type ObjectWriter = Pick<Ctx, 'tx' | 'dataDir' | 'clock'>;

export async function storeObject(ctx: ObjectWriter & { readonly tx: WriteTx }, bucket: BucketRecord, o: NewObject, dataKey: () => Promise<{ dek: Buffer; sse: ObjectSse }>): Promise<ObjectRecord> {
  const { dek, sse } = await dataKey();
  let written: WrittenBody;
  try {
    written = await writeBody(ctx, dek, bucket.name, o.key, o.body);
  } finally {
    dek.fill(0);
  }
  const now = ctx.clock.now();
  const versionId = versionIdFor(bucket, now);
  const rec: Omit<ObjectRecord, 'v'> = {
    bucket: bucket.name,
    key: o.key,
    bodyId: written.bodyId,
    size: written.size,
    etag: `"${written.md5Hex}"`,
    lastModifiedMs: Math.floor(now / 1000) * 1000,
    contentType: o.contentType ?? 'binary/octet-stream',
    headers: o.headers ?? {},
    metadata: o.metadata ?? {},
    checksums: written.checksums ?? o.checksums ?? {},
    sse,
    ...(o.tags !== undefined && o.tags.length > 0 ? { tags: o.tags } : {}),
    ...(o.acl !== undefined ? { acl: o.acl } : {}),
    ...(versionId !== undefined ? { versionId } : {}),
  };
  await makeCurrent(ctx.tx, bucket, rec);
  return { ...rec, v: 1 };
}

/** The plaintext of an object (KMS-encrypted ones need kms:Decrypt by the caller). */
export async function readPlaintext(ctx: Ctx, bucket: BucketRecord, rec: ObjectRecord, ck?: CustomerKey): Promise<Buffer> {
  return openObject(ctx, rec, await openDataKey(ctx, bucket, rec, ck));
}

/** An object's whole plaintext in memory (CopyObject, service reads); zeroes `dek`. */
export async function openObject(ctx: { readonly tx: ReadTx; readonly dataDir?: string | undefined }, rec: ObjectRecord, dek: Buffer): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of objectRange(await objectBodies(ctx, rec), rec, dek, 0, rec.size)) out.push(c);
  return out.length === 1 ? out[0]! : Buffer.concat(out);
}

/** Where an object's bodies are, looked up in the transaction (the files are read later). */
export async function objectBodies(ctx: { readonly tx: ReadTx; readonly dataDir?: string | undefined }, rec: ObjectRecord): Promise<StoredBody[]> {
  const out: StoredBody[] = [];
  for (const id of bodyIdsOf(rec)) out.push(await findBody(ctx.tx, ctx.dataDir, id));
  return out;
}

/**
 * The plaintext bytes [start, end) of an object, decrypting only the segments they cover, body
 * by body (a multipart object has one per part). Takes over `dek` (zeroed when done).
 */
export async function* objectRange(bodies: readonly StoredBody[], rec: ObjectRecord, dek: Buffer, start: number, end: number): AsyncGenerator<Buffer> {
  try {
    const sizes = rec.parts !== undefined ? rec.parts.map((p) => p.size) : [rec.size];
    let offset = 0;
    for (let i = 0; i < bodies.length; i++) {
      const from = offset;
      const to = offset + sizes[i]!;
      offset = to;
      // An empty object is still opened: a tampered empty body must not pass.
      if (rec.size > 0 && (to <= start || from >= end)) continue;
      const reader = await openBodyReader(bodies[i]!, dek, rec.bucket, rec.key);
      try {
        if (reader.size !== sizes[i]) throw new BodyIntegrityError(`s3 body ${bodies[i]!.bodyId} has ${reader.size} bytes, its record ${sizes[i]}`);
        yield* reader.range(Math.max(start, from) - from, Math.min(end, to) - from);
      } finally {
        await reader.close();
      }
    }
  } finally {
    dek.fill(0);
  }
}

/** What S3 answers for a body Warden cannot open (tampered with or damaged at rest). */
export function unreadableBody(err: unknown): unknown {
  if (!(err instanceof BodyIntegrityError)) return err;
  // unverified: S3 has no documented answer for a damaged object; its generic InternalError.
  return new InternalError('We encountered an internal error. Please try again.');
}

/** CloudTrail's SSEApplied for a write (cloudtrail-logging-understanding-s3-entries). */
export function sseApplied(choice: ReturnType<typeof sseChoice>): string {
  if (choice.kind === 'SSE-C') return 'SSE_C';
  if (!choice.fromRequest) return choice.kind === 'AES256' ? 'Default_SSE_S3' : 'Default_SSE_KMS';
  return choice.kind === 'AES256' ? 'SSE_S3' : 'SSE_KMS';
}

/** User metadata as S3 keeps it: names lower-cased. */
export function userMetadata(m: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m ?? {})) out[k.toLowerCase()] = v;
  return out;
}
