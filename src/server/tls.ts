/**
 * Where the TLS certificate comes from: the user's files (--tls-cert/--tls-key), or a self-signed
 * certificate Warden makes on first start. The generated private key lives only sealed by the
 * barrier in the store (`_warden/tls/key`); the certificate is in the store too and is written to
 * `<data-dir>/tls/warden-cert.pem` for clients to trust. In memory, every start makes a fresh pair
 * and writes the certificate to a temporary file removed on stop.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { Barrier } from '../crypto/barrier.js';
import { selfSignedCertificate } from '../crypto/x509.js';
import type { Store } from '../store/store.js';

export const TLS_CERT_KEY = '_warden/tls/cert';
export const TLS_KEY_KEY = '_warden/tls/key';
export const CERT_FILE_NAME = 'warden-cert.pem';

/** What the generated certificate names: every way a local client reaches Warden (S3 virtual hosts too). */
export const SELF_SIGNED_NAMES = ['localhost', '*.localhost', 's3.localhost', '*.s3.localhost', '127.0.0.1', '::1'] as const;
const VALIDITY_MS = 365 * 24 * 3600 * 1000;
/** Regenerate a stored certificate this close to (or past) its end. */
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

export interface TlsMaterial {
  readonly certPem: string;
  readonly keyPem: string;
  /** The file clients trust (AWS_CA_BUNDLE / --ca-bundle). */
  readonly certFile: string;
  readonly source: 'file' | 'self-signed' | 'self-signed-ephemeral';
  /** SHA-256 fingerprint, colon-separated hex. */
  readonly fingerprint: string;
  readonly validTo: string;
  /** Removes what was written for an in-memory Warden. */
  dispose(): void;
}

export class TlsConfigError extends Error {}

export async function loadTls(config: Config, store: Store, barrier: Barrier, nowMs: number): Promise<TlsMaterial | undefined> {
  if (!config.tls) return undefined;
  if (config.tlsCertFile !== undefined && config.tlsKeyFile !== undefined) return userFiles(config.tlsCertFile, config.tlsKeyFile);
  const names = altNames(config.host);
  if (config.inMemory) {
    const fresh = generate(nowMs, names);
    const dir = mkdtempSync(join(tmpdir(), 'warden-tls-'));
    const certFile = join(dir, CERT_FILE_NAME);
    writeFileSync(certFile, fresh.certPem, { mode: 0o644 });
    return material(fresh.certPem, fresh.keyPem, certFile, 'self-signed-ephemeral', () => rmSync(dir, { recursive: true, force: true }));
  }
  const { certPem, keyPem } = await storedOrNew(store, barrier, nowMs, names);
  const dir = join(config.dataDir, 'tls');
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const certFile = join(dir, CERT_FILE_NAME);
  let onDisk: string | undefined;
  try {
    onDisk = readFileSync(certFile, 'utf8');
  } catch { /* written below */ }
  if (onDisk !== certPem) writeFileSync(certFile, certPem, { mode: 0o644 });
  return material(certPem, keyPem, certFile, 'self-signed', () => {});
}

function userFiles(certFile: string, keyFile: string): TlsMaterial {
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw new TlsConfigError(`cannot read the TLS ${what} ${file}: ${(e as Error).message}`);
    }
  };
  const certPem = read(certFile, 'certificate');
  const keyPem = read(keyFile, 'private key');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch (e) {
    throw new TlsConfigError(`${certFile} is not a PEM certificate: ${(e as Error).message}`);
  }
  let matches: boolean;
  try {
    matches = cert.checkPrivateKey(createPrivateKey(keyPem));
  } catch (e) {
    throw new TlsConfigError(`${keyFile} is not a PEM private key: ${(e as Error).message}`);
  }
  if (!matches) throw new TlsConfigError(`the private key ${keyFile} does not belong to the certificate ${certFile}`);
  return material(certPem, keyPem, certFile, 'file', () => {});
}

/** The local names, plus --host when it names one address or host (not 0.0.0.0 / ::). */
function altNames(host: string): string[] {
  const names: string[] = [...SELF_SIGNED_NAMES];
  const h = host.replace(/^\[|\]$/g, '');
  if (h !== '0.0.0.0' && h !== '::' && !names.includes(h.toLowerCase())) names.push(h.toLowerCase());
  return names;
}

/** Whether a certificate names every one of `names` beyond the standard local ones. */
function covers(cert: X509Certificate, names: readonly string[]): boolean {
  return names.slice(SELF_SIGNED_NAMES.length).every((n) => (isIP(n) ? cert.checkIP(n) !== undefined : cert.checkHost(n, { wildcards: false }) !== undefined));
}

function generate(nowMs: number, names: readonly string[]): { certPem: string; keyPem: string } {
  // Backdated an hour so a client whose clock is a little behind still accepts it.
  return selfSignedCertificate({
    commonName: 'localhost',
    organization: 'Warden (self-signed)',
    altNames: names,
    notBefore: new Date(nowMs - 3600_000),
    notAfter: new Date(nowMs + VALIDITY_MS),
  });
}

/** The stored pair, or a new one when there is none, it is about to expire, or it does not name --host. */
async function storedOrNew(store: Store, barrier: Barrier, nowMs: number, names: readonly string[]): Promise<{ certPem: string; keyPem: string }> {
  return store.write(async (tx) => {
    const cert = await tx.get(TLS_CERT_KEY);
    const key = await tx.get(TLS_KEY_KEY);
    if (cert !== undefined && key !== undefined) {
      const certPem = Buffer.from(cert.value).toString('utf8');
      const x509 = new X509Certificate(certPem);
      if (Date.parse(x509.validTo) - RENEW_BEFORE_MS > nowMs && covers(x509, names)) {
        return { certPem, keyPem: Buffer.from(barrier.unseal(TLS_KEY_KEY, key.value)).toString('utf8') };
      }
    }
    const fresh = generate(nowMs, names);
    tx.put(TLS_CERT_KEY, Buffer.from(fresh.certPem, 'utf8'), cert?.version ?? 0);
    tx.put(TLS_KEY_KEY, barrier.seal(TLS_KEY_KEY, Buffer.from(fresh.keyPem, 'utf8')), key?.version ?? 0);
    return fresh;
  });
}

function material(certPem: string, keyPem: string, certFile: string, source: TlsMaterial['source'], dispose: () => void): TlsMaterial {
  const cert = new X509Certificate(certPem);
  return { certPem, keyPem, certFile, source, fingerprint: cert.fingerprint256, validTo: cert.validTo, dispose };
}
