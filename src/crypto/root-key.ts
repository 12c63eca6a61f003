/**
 * Where the root key (the key that wraps the barrier's keyring) comes from. Order: the file
 * (`--root-key-file`), then `WARDEN_ROOT_KEY`; without either, the development profile generates
 * one beside the data (or an ephemeral one in memory) and says so, while the secure profile
 * refuses to start. Key bytes never appear in messages.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT_KEY_FILE_NAME = 'root.key';
const KEY_BYTES = 32;

export type RootKeySource = 'file' | 'env' | 'generated' | 'ephemeral';

export interface RootKeyOptions {
  readonly rootKeyFile?: string;
  /** The value of WARDEN_ROOT_KEY. */
  readonly env?: string;
  readonly dataDir?: string;
  readonly inMemory: boolean;
  readonly profile: 'development' | 'secure';
}

export interface RootKey {
  readonly key: Buffer;
  readonly source: RootKeySource;
  /** For the operator's log: why this key is weaker than it should be. Never holds key bytes. */
  readonly warning?: string;
}

export type RootKeyErrorCode = 'ROOT_KEY_MISSING' | 'ROOT_KEY_INVALID' | 'ROOT_KEY_UNREADABLE' | 'ROOT_KEY_NO_DATA_DIR';

export class RootKeyError extends Error {
  constructor(
    readonly code: RootKeyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RootKeyError';
  }
}

const HEX_64 = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]{43}=?$/;

/** 32 bytes written as 64 hex digits or base64 (standard or URL-safe); surrounding whitespace is ignored. */
export function parseRootKey(text: string, where: string): Buffer {
  const s = text.trim();
  let key: Buffer | undefined;
  if (HEX_64.test(s)) key = Buffer.from(s, 'hex');
  else if (BASE64.test(s)) key = Buffer.from(s, 'base64');
  else if (BASE64URL.test(s)) key = Buffer.from(s, 'base64url');
  if (!key || key.length !== KEY_BYTES) {
    if (key) key.fill(0);
    throw new RootKeyError(
      'ROOT_KEY_INVALID',
      `${where} does not hold a root key: expected ${KEY_BYTES} bytes as 64 hex digits or base64 (generate one with: openssl rand -base64 32)`,
    );
  }
  return key;
}

function readKeyFile(path: string): { key: Buffer; warning?: string } {
  let text: string;
  let mode: number;
  try {
    mode = statSync(path).mode;
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new RootKeyError('ROOT_KEY_UNREADABLE', `cannot read the root key file ${path} (${code})`, { cause: e });
  }
  const key = parseRootKey(text, `the root key file ${path}`);
  return (mode & 0o077) !== 0
    ? { key, warning: `the root key file ${path} is readable by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it` }
    : { key };
}

export function loadRootKey(opts: RootKeyOptions): RootKey {
  if (opts.rootKeyFile !== undefined) {
    const { key, warning } = readKeyFile(opts.rootKeyFile);
    const ignored = opts.env ? 'WARDEN_ROOT_KEY is set too and is ignored: the root key file wins' : undefined;
    const all = [warning, ignored].filter((w) => w !== undefined).join('; ');
    return all ? { key, source: 'file', warning: all } : { key, source: 'file' };
  }
  if (opts.env !== undefined && opts.env.trim() !== '') {
    return { key: parseRootKey(opts.env, 'WARDEN_ROOT_KEY'), source: 'env' };
  }
  if (opts.profile === 'secure') {
    throw new RootKeyError(
      'ROOT_KEY_MISSING',
      'the secure profile needs a root key: pass --root-key-file FILE or set WARDEN_ROOT_KEY (32 bytes, base64 or hex; e.g. openssl rand -base64 32)',
    );
  }
  if (opts.inMemory) {
    return {
      key: randomBytes(KEY_BYTES),
      source: 'ephemeral',
      warning: 'using an ephemeral root key: state is in memory and is lost on exit (development profile)',
    };
  }
  if (opts.dataDir === undefined) {
    throw new RootKeyError('ROOT_KEY_NO_DATA_DIR', 'no root key and no data dir to keep a generated one in');
  }
  return generatedKey(opts.dataDir);
}

/** The development profile's key beside the data: created once, then reused. */
function generatedKey(dataDir: string): RootKey {
  const path = join(dataDir, ROOT_KEY_FILE_NAME);
  const risk =
    'anyone who can read the data dir can decrypt its secrets; use --root-key-file or WARDEN_ROOT_KEY, kept apart from the data, outside development';
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600); // fails if it exists: never overwrite a key that sealed data
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new RootKeyError('ROOT_KEY_UNREADABLE', `cannot create the root key file ${path}`, { cause: e });
    }
    const { key, warning } = readKeyFile(path);
    return { key, source: 'file', warning: [`using the development root key stored in ${path}: ${risk}`, warning].filter(Boolean).join('; ') };
  }
  const key = randomBytes(KEY_BYTES);
  try {
    writeSync(fd, `${key.toString('base64')}\n`);
  } finally {
    closeSync(fd);
  }
  return { key, source: 'generated', warning: `generated a development root key in ${path}: ${risk}` };
}
