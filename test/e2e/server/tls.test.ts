import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SELF_SIGNED_NAMES, TLS_KEY_KEY } from '../../../src/server/tls.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { spawnWarden, startTestWarden, tempDir, TEST_CREDENTIALS, type Running } from '../../harness.js';
import { errorOf, unique, userWithKey } from '../iam/helpers.js';

const run = promisify(execFile);

/** An SDK v3 client speaking HTTPS to Warden, trusting only Warden's certificate. */
function httpsClient<C>(w: Running, ctor: new (config: Record<string, unknown>) => C, extra: Record<string, unknown> = {}): C {
  const ca = w.warden.tls!.certPem;
  return w.client(ctor, { endpoint: w.warden.server.httpsUrl!.replace('127.0.0.1', 'localhost'), requestHandler: { httpsAgent: new Agent({ ca }) }, ...extra });
}

/** Raw bytes over a fresh connection, each piece written 20 ms after the last; returns the whole response text. */
function rawExchange(port: number, payload: string | Buffer | (string | Buffer)[], until: (text: string) => boolean): Promise<string> {
  const pieces = Array.isArray(payload) ? payload : [payload];
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', async () => {
      for (const [i, p] of pieces.entries()) {
        if (i > 0) await new Promise((r) => setTimeout(r, 20));
        s.write(p);
      }
    });
    let text = '';
    s.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      if (until(text)) {
        s.destroy();
        resolve(text);
      }
    });
    s.on('error', reject);
    s.on('close', () => resolve(text));
  });
}

describe('TLS: the self-signed certificate', () => {
  let w: Running;
  before(async () => (w = await startTestWarden(['--tls'])));
  after(() => w.stop());

  it('parses with X509Certificate: SANs, about a year of validity, signed by its own key', () => {
    const cert = new X509Certificate(w.warden.tls!.certPem);
    assert.equal(cert.subjectAltName, 'DNS:localhost, DNS:*.localhost, DNS:s3.localhost, DNS:*.s3.localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    assert.ok(days > 364 && days < 366, `valid for ${days} days`);
    assert.ok(Date.parse(cert.validFrom) <= Date.now());
    assert.ok(cert.verify(cert.publicKey), 'self-signature verifies');
    assert.equal(cert.publicKey.asymmetricKeyType, 'ec');
    assert.equal(cert.issuer, cert.subject);
    assert.equal(cert.checkHost('localhost'), 'localhost');
    assert.equal(cert.checkHost('my-bucket.s3.localhost'), '*.s3.localhost');
    assert.equal(cert.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(cert.checkIP('::1'), '::1');
    assert.deepEqual([...SELF_SIGNED_NAMES].length, 6);
  });

  it('openssl reads it (x509 -text) and verifies it strictly as a TLS server certificate', async () => {
    const file = w.warden.tls!.certFile;
    const { stdout } = await run('openssl', ['x509', '-in', file, '-noout', '-text']);
    assert.match(stdout, /Version: 3 \(0x2\)/);
    assert.match(stdout, /Signature Algorithm: ecdsa-with-SHA256/);
    assert.match(stdout, /NIST CURVE: P-256/);
    assert.match(stdout, /DNS:localhost, DNS:\*\.localhost, DNS:s3\.localhost, DNS:\*\.s3\.localhost, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1/);
    assert.match(stdout, /TLS Web Server Authentication/);
    const verified = await run('openssl', ['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', file, file]);
    assert.match(verified.stdout, /: OK/);
  });

  it('is what the HTTPS side of the port presents, for every name it lists', async () => {
    for (const servername of ['localhost', 's3.localhost', 'bkt.s3.localhost']) {
      const peer = await new Promise<X509Certificate>((resolve, reject) => {
        const s = tlsConnect({ port: w.warden.server.port, host: '127.0.0.1', servername, ca: w.warden.tls!.certPem }, () => {
          const cert = s.getPeerX509Certificate()!;
          s.destroy();
          resolve(cert);
        });
        s.on('error', reject);
      });
      assert.equal(peer.fingerprint256, w.warden.tls!.fingerprint);
    }
  });
});

describe('TLS: HTTP and HTTPS on one port', () => {
  let w: Running;
  before(async () => (w = await startTestWarden(['--tls'])));
  after(() => w.stop());

  it('answers the SDK over HTTPS (trusting the certificate) and over HTTP on the same port', async () => {
    assert.equal(new URL(w.warden.server.httpsUrl!).port, String(w.warden.server.port));
    const secure = await httpsClient(w, STSClient).send(new GetCallerIdentityCommand({}));
    const plain = await w.client(STSClient).send(new GetCallerIdentityCommand({}));
    assert.equal(secure.Account, '000000000000');
    assert.equal(plain.Account, '000000000000');
  });

  it('refuses an HTTPS client that does not trust the certificate', async () => {
    const sts = w.client(STSClient, { endpoint: w.warden.server.httpsUrl });
    const e = await errorOf(sts.send(new GetCallerIdentityCommand({})));
    assert.match(String(e.code ?? e.message), /SELF_SIGNED|self-signed|self signed/i);
  });

  it('records tlsDetails for HTTPS requests and none for HTTP', async () => {
    const secure = await httpsClient(w, STSClient).send(new GetCallerIdentityCommand({}));
    const ev = await w.eventFor(secure.$metadata.requestId!);
    assert.equal(ev['tlsDetails'].tlsVersion, 'TLSv1.3');
    assert.match(ev['tlsDetails'].cipherSuite, /^TLS_AES_(128|256)_GCM_SHA(256|384)$|^TLS_CHACHA20_POLY1305_SHA256$/);
    assert.equal(ev['tlsDetails'].clientProvidedHostHeader, `localhost:${w.warden.server.port}`);
    const plain = await w.client(STSClient).send(new GetCallerIdentityCommand({}));
    assert.equal((await w.eventFor(plain.$metadata.requestId!))['tlsDetails'], undefined);
  });

  it('records TLS 1.2 with its OpenSSL cipher name when the client caps the version', async () => {
    const agent = new Agent({ ca: w.warden.tls!.certPem, maxVersion: 'TLSv1.2' });
    const out = await httpsClient(w, STSClient, { requestHandler: { httpsAgent: agent } }).send(new GetCallerIdentityCommand({}));
    const ev = await w.eventFor(out.$metadata.requestId!);
    assert.equal(ev['tlsDetails'].tlsVersion, 'TLSv1.2');
    assert.match(ev['tlsDetails'].cipherSuite, /^ECDHE-ECDSA-/);
  });

  it('reports TLS in /_warden/health over both schemes', async () => {
    const health = (await (await fetch(`${w.url}/_warden/health`)).json()) as Record<string, any>;
    assert.deepEqual(health['tls'], { enabled: true, certificate: w.warden.tls!.certFile, source: 'self-signed-ephemeral' });
    const overTls = await new Promise<string>((resolve, reject) => {
      request(`${w.warden.server.httpsUrl!}/_warden/health`, { ca: w.warden.tls!.certPem, servername: 'localhost' }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(body));
      }).on('error', reject).end();
    });
    assert.equal(JSON.parse(overTls).tls.enabled, true);
  });

  it('keeps plain HTTP intact: a lone first byte, then pipelined requests on one connection', async () => {
    const get = `GET /_warden/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    const two = get + get;
    const text = await rawExchange(w.warden.server.port, ['G', two.slice(1, 30), two.slice(30)], (t) => (t.match(/HTTP\/1\.1 200/g) ?? []).length === 2);
    assert.equal((text.match(/HTTP\/1\.1 200 OK/g) ?? []).length, 2);
  });

  it('keeps HTTPS intact when the ClientHello arrives in pieces', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      const raw = connect(w.warden.server.port, '127.0.0.1');
      // Split every write of the TLS client into single-byte-then-rest pieces.
      const write = raw.write.bind(raw);
      let first = true;
      raw.write = ((chunk: Buffer, ...rest: never[]) => {
        if (first && chunk.length > 1) {
          first = false;
          write(chunk.subarray(0, 1));
          setTimeout(() => write(chunk.subarray(1), ...rest), 20);
          return true;
        }
        return write(chunk, ...rest);
      }) as typeof raw.write;
      const t = tlsConnect({ socket: raw, servername: 'localhost', ca: w.warden.tls!.certPem }, () => {
        t.write('GET /_warden/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      });
      let text = '';
      t.on('data', (c: Buffer) => (text += c.toString()));
      t.on('end', () => resolve(text));
      t.on('error', reject);
    });
    assert.match(out, /^HTTP\/1\.1 200 OK/);
  });

  it('drops a connection that sends garbage TLS without harming the server', async () => {
    const text = await rawExchange(w.warden.server.port, Buffer.from([0x16, 3, 1, 0, 5, 1, 2, 3, 4, 5]), () => false);
    assert.equal(text.charCodeAt(0), 0x15, 'a TLS alert record, then the connection closes');
    const out = await httpsClient(w, STSClient).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, '000000000000');
  });

  it('aws:SecureTransport: a policy denying HTTP lets the same user in over HTTPS', async () => {
    const iam = w.client(IAMClient);
    const u = await userWithKey(iam, unique('tls-user'));
    await iam.send(new PutUserPolicyCommand({
      UserName: u.userName,
      PolicyName: 'https-only',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'kms:ListKeys', Resource: '*' },
          { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ],
      }),
    }));
    const e = await errorOf(w.client(KMSClient, { credentials: u.credentials }).send(new ListKeysCommand({})));
    assert.equal(e.name, 'AccessDeniedException');
    assert.match(e.message, /with an explicit deny in an identity-based policy/);
    const denied = await w.eventFor(e.$metadata.requestId);
    assert.equal(denied['errorCode'], e.name);
    assert.equal(denied['tlsDetails'], undefined);

    const ok = await httpsClient(w, KMSClient, { credentials: u.credentials }).send(new ListKeysCommand({}));
    assert.ok(Array.isArray(ok.Keys));
    const allowed = await w.eventFor(ok.$metadata.requestId!);
    assert.equal(allowed['errorCode'], undefined);
    assert.equal(allowed['tlsDetails'].tlsVersion, 'TLSv1.3');
  });

  it('aws:SecureTransport: an Allow only over TLS (Bool true) is an implicit deny over HTTP', async () => {
    const iam = w.client(IAMClient);
    const u = await userWithKey(iam, unique('tls-allow'));
    await iam.send(new PutUserPolicyCommand({
      UserName: u.userName,
      PolicyName: 'allow-over-tls',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'kms:ListKeys', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }],
      }),
    }));
    const e = await errorOf(w.client(KMSClient, { credentials: u.credentials }).send(new ListKeysCommand({})));
    assert.equal(e.name, 'AccessDeniedException');
    assert.match(e.message, /because no identity-based policy allows the kms:ListKeys action/);
    const ok = await httpsClient(w, KMSClient, { credentials: u.credentials }).send(new ListKeysCommand({}));
    assert.ok(Array.isArray(ok.Keys));
  });
});

describe('TLS: shutdown and timeouts', () => {
  it('stop() closes idle keep-alive HTTPS connections instead of waiting for their timeout', async () => {
    const w = await startTestWarden(['--tls']);
    const agent = new Agent({ ca: w.warden.tls!.certPem, keepAlive: true });
    await httpsClient(w, STSClient, { requestHandler: { httpsAgent: agent } }).send(new GetCallerIdentityCommand({}));
    const t0 = Date.now();
    await w.stop();
    assert.ok(Date.now() - t0 < 5000, `stop took ${Date.now() - t0} ms`);
    agent.destroy();
  });
});

describe('TLS: certificates kept and supplied', () => {
  it('generates the certificate once into the data dir, keeps the key sealed in the store, and reuses both', async () => {
    const dir = tempDir();
    try {
      const first = await startTestWarden(['--tls', '--in-memory=false', '--data-dir', dir.path]);
      const { fingerprint, certFile, keyPem } = first.warden.tls!;
      await first.stop();
      assert.equal(certFile, join(dir.path, 'tls', 'warden-cert.pem'));
      assert.equal(statSync(certFile).mode & 0o777, 0o644);
      // The private key is in no file of the data dir in the clear, only sealed in the store.
      const pemBody = keyPem.split('\n')[1]!;
      const files = readdirSync(dir.path, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
      for (const f of files) assert.ok(!readFileSync(join(f.parentPath ?? f.path, f.name)).includes(pemBody), `${f.name} holds the key`);
      const store = openSqliteStore({ dataDir: dir.path });
      try {
        const sealed = await store.read((tx) => tx.get(TLS_KEY_KEY));
        assert.ok(sealed !== undefined && !Buffer.from(sealed.value).includes('PRIVATE KEY'));
      } finally {
        await store.close();
      }
      writeFileSync(certFile, 'tampered'); // rewritten from the store on the next start
      const second = await startTestWarden(['--tls', '--in-memory=false', '--data-dir', dir.path]);
      try {
        assert.equal(second.warden.tls!.fingerprint, fingerprint);
        assert.equal(second.warden.tls!.source, 'self-signed');
        assert.equal(new X509Certificate(readFileSync(certFile)).fingerprint256, fingerprint);
        const out = await httpsClient(second, STSClient).send(new GetCallerIdentityCommand({}));
        assert.equal(out.Account, '000000000000');
      } finally {
        await second.stop();
      }
      // A --host the stored certificate does not name gets a new certificate that does.
      const third = await startTestWarden(['--tls', '--in-memory=false', '--data-dir', dir.path, '--host', '127.0.0.2']);
      try {
        assert.notEqual(third.warden.tls!.fingerprint, fingerprint);
        assert.equal(new X509Certificate(third.warden.tls!.certPem).checkIP('127.0.0.2'), '127.0.0.2');
      } finally {
        await third.stop();
      }
    } finally {
      dir.remove();
    }
  });

  it('in memory, every start makes a fresh certificate and removes its file on stop', async () => {
    const a = await startTestWarden(['--tls']);
    const b = await startTestWarden(['--tls']);
    assert.notEqual(a.warden.tls!.fingerprint, b.warden.tls!.fingerprint);
    const file = a.warden.tls!.certFile;
    await a.stop();
    await b.stop();
    assert.throws(() => statSync(file), /ENOENT/);
  });

  it('serves the user\'s own certificate with --tls-cert/--tls-key, and refuses a key of another certificate', async () => {
    const dir = tempDir();
    try {
      const cert = join(dir.path, 'c.pem');
      const key = join(dir.path, 'k.pem');
      await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost']);
      const w = await startTestWarden(['--tls-cert', cert, '--tls-key', key]);
      try {
        assert.equal(w.warden.tls!.source, 'file');
        assert.equal(w.warden.tls!.fingerprint, new X509Certificate(readFileSync(cert)).fingerprint256);
        const out = await httpsClient(w, STSClient).send(new GetCallerIdentityCommand({}));
        assert.equal(out.Account, '000000000000');
      } finally {
        await w.stop();
      }
      const otherKey = join(dir.path, 'other.pem');
      await run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', otherKey]);
      await assert.rejects(startTestWarden(['--tls-cert', cert, '--tls-key', otherKey]), /does not belong to the certificate/);
      await assert.rejects(startTestWarden(['--tls-cert', join(dir.path, 'missing.pem'), '--tls-key', key]), /cannot read the TLS certificate/);
    } finally {
      dir.remove();
    }
  });
});

describe('TLS: warden start and the aws CLI', () => {
  for (const cli of ['aws', '/usr/bin/aws']) {
    it(`${cli} --ca-bundle and AWS_CA_BUNDLE reach Warden over HTTPS; the banner says how`, async () => {
      const dir = tempDir();
      const w = await spawnWarden(['--tls', '--data-dir', dir.path, '--log-level', 'warn']);
      try {
        const certFile = join(dir.path, 'tls', 'warden-cert.pem');
        assert.ok(w.output().includes(`AWS_CA_BUNDLE=${certFile}`), w.output());
        assert.match(w.output(), /tls: https:\/\/127\.0\.0\.1:\d+ on the same port/);
        const https = w.url.replace('http://127.0.0.1', 'https://localhost');
        const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
        const a = await run(cli, ['--endpoint-url', https, '--ca-bundle', certFile, '--output', 'json', 'sts', 'get-caller-identity'], { env });
        assert.equal(JSON.parse(a.stdout).Account, '000000000000');
        const b = await run(cli, ['--endpoint-url', https, '--output', 'json', 'kms', 'list-keys'], { env: { ...env, AWS_CA_BUNDLE: certFile } });
        assert.deepEqual(JSON.parse(b.stdout).Keys, []);
        const refused = await run(cli, ['--endpoint-url', https, 'sts', 'get-caller-identity'], { env }).then(() => 'accepted', (e: { stderr: string }) => e.stderr);
        assert.match(refused, /CERTIFICATE_VERIFY_FAILED/);
      } finally {
        await w.stop();
        dir.remove();
      }
    });
  }
});
