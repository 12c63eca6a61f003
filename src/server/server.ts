import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline as streamPipeline } from 'node:stream/promises';
import { TLSSocket } from 'node:tls';
import type { Config } from '../config/config.js';
import { ProtocolError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { Pipeline, RequestMeta } from '../pipeline/pipeline.js';
import type { HttpRequest, HttpResponse } from '../protocol/codec.js';
import type { Store } from '../store/store.js';
import { checkIssuer, JwksError, parseJwks, putJwks } from '../auth/oidc-jwks.js';

export const VERSION = '0.1.0';

export interface ServerDeps {
  readonly config: Config;
  readonly pipeline: Pipeline;
  readonly store: Store;
  readonly services: readonly string[];
  readonly log: Logger;
  /** Serve TLS too, on the same port, with this certificate. */
  readonly tls?: { readonly certPem: string; readonly keyPem: string; readonly certFile: string; readonly source: string };
}

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  /** The same port over TLS, when TLS is on. */
  readonly httpsUrl?: string;
  /** Stops accepting, waits for in-flight requests, then resolves. */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

const EMPTY = Buffer.alloc(0);

function sourceIp(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '127.0.0.1';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

type TlsDetails = NonNullable<RequestMeta['tls']>;
const tlsOfSocket = new WeakMap<TLSSocket, Omit<TlsDetails, 'clientProvidedHostHeader'>>();
/** CloudTrail's tlsDetails: OpenSSL's protocol and cipher names (TLSv1.3, TLS_AES_128_GCM_SHA256 / ECDHE-…), the Host header. */
function tlsDetails(req: IncomingMessage): TlsDetails | undefined {
  const socket = req.socket;
  if (!(socket instanceof TLSSocket)) return undefined;
  let d = tlsOfSocket.get(socket);
  if (d === undefined) {
    d = { tlsVersion: socket.getProtocol() ?? 'unknown', cipherSuite: socket.getCipher()?.name ?? 'unknown' };
    tlsOfSocket.set(socket, d);
  }
  return { ...d, clientProvidedHostHeader: req.headers.host ?? '' };
}

/** TLS records start with content type 22 (handshake); no HTTP method starts with that byte. */
const TLS_HANDSHAKE = 0x16;

/**
 * Makes `server` (the listener) hand each connection whose first byte opens a TLS handshake to
 * `secure`, and every other one to its own HTTP handling: one port, both schemes. Plain HTTP
 * pays one extra 'data' event per connection, not per request. Returns what closes the TLS
 * connections still in their handshake.
 */
function shareListener(server: Server, secure: HttpsServer, firstByteTimeoutMs: number): () => void {
  // The TLSSocket takes over the raw socket's handle; the raw socket, which `server` counts and
  // waits for on close, is not always destroyed with it (a client gone mid-handshake leaves both
  // waiting for the handshake timeout). Every TLSSocket ends in exactly one of these two events;
  // its raw socket goes when it closes, and close() ends the ones still shaking hands.
  const handshaking = new Set<Socket>();
  const release = (t: TLSSocket) => {
    const raw = (t as unknown as { _parent?: Socket | null })._parent; // Node's link to the wrapped socket
    if (raw === undefined || raw === null || raw === t) return;
    handshaking.delete(raw);
    if (t.destroyed) raw.destroy();
    else t.once('close', () => raw.destroy());
  };
  secure.on('secureConnection', release);
  secure.on('tlsClientError', (_err: Error, t: TLSSocket) => release(t));
  const plain = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  const ignore = () => {};
  server.on('connection', (socket: Socket) => {
    socket.on('error', ignore); // a reset before the first byte has no one else to report to
    socket.setTimeout(firstByteTimeoutMs, () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.setTimeout(0);
      socket.removeListener('error', ignore);
      socket.pause();
      socket.unshift(first);
      if (first[0] === TLS_HANDSHAKE) {
        // TLSSocket replays what is buffered; resuming the raw socket would steal the handshake.
        handshaking.add(socket);
        socket.once('close', () => handshaking.delete(socket));
        secure.emit('connection', socket);
      } else {
        for (const listener of plain) listener.call(server, socket);
        socket.resume();
      }
    });
  });
  return () => {
    for (const socket of handshaking) socket.destroy();
    handshaking.clear();
  };
}

/** On a request that asked `Expect: 100-continue`: sends the interim 100 Continue (set by the server's checkContinue listener). */
const CONTINUE = Symbol('warden.continue');
type ExpectingRequest = IncomingMessage & { [CONTINUE]?: () => void };

/** Lets the client send its body: answers a pending `Expect: 100-continue` once, before the body is read. */
/** A refused upload's rest up to this size is read and dropped rather than reset (see handle). */
const DRAIN_LIMIT_BYTES = 256 * 1024 * 1024;

function allowBody(req: IncomingMessage): void {
  const r = req as ExpectingRequest;
  const go = r[CONTINUE];
  if (go === undefined) return;
  delete r[CONTINUE];
  go();
}

/** The client asked `Expect: 100-continue` and was not told to go on: it may never send its body. */
const bodyWithheld = (req: IncomingMessage): boolean => (req as ExpectingRequest)[CONTINUE] !== undefined;

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  // headersDistinct, which the pipeline reads anyway: `headers` would be built a second time.
  const declared = Number(req.headersDistinct['content-length']?.[0] ?? 0);
  if (declared > limit) return Promise.reject(new BodyTooLarge());
  allowBody(req);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, r: HttpResponse): void {
  const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
  // A HEAD answer (S3 HeadObject) declares the length of the body it does not send.
  res.writeHead(r.status, { ...r.headers, 'content-length': r.headers['content-length'] ?? String(body.length) });
  res.end(body);
}

/** Sends a response whose body is produced as it goes (HttpResponse.stream), or a plain one. */
async function respond(res: ServerResponse, r: HttpResponse, method: string, log: Logger): Promise<void> {
  const stream = r.stream;
  if (stream === undefined) return send(res, r);
  res.writeHead(r.status, { ...r.headers, 'content-length': r.headers['content-length'] ?? String(stream.length) });
  if (method === 'HEAD') {
    await stream.cancel();
    res.end();
    return;
  }
  try {
    await streamPipeline(Readable.from(stream.chunks(), { objectMode: false }), res);
  } catch (err) {
    // Headers are out: all that is left is to end the connection short of Content-Length.
    await stream.cancel().catch(() => undefined);
    const gone = (err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE';
    log[gone ? 'debug' : 'warn']('response body not completed', { error: err instanceof Error ? err.message : String(err) });
    res.destroy();
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
}

/** The one listener every service shares. */
export function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { config, pipeline, store, log } = deps;
  const startedMs = Date.now();
  let inFlight = 0;
  let draining: (() => void) | undefined;

  const internal = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (req.method === 'GET' && path === '/_warden/health') {
      sendJson(res, store.audit.healthy ? 200 : 503, {
        status: store.audit.healthy ? 'ok' : 'degraded',
        version: VERSION,
        profile: config.profile,
        services: deps.services,
        store: { kind: store.kind, location: store.location },
        audit: { healthy: store.audit.healthy, ...(store.audit.lastError ? { lastError: store.audit.lastError } : {}) },
        tls: deps.tls !== undefined ? { enabled: true, certificate: deps.tls.certFile, source: deps.tls.source } : { enabled: false },
        uptimeSeconds: Math.round((Date.now() - startedMs) / 1000),
      });
      return true;
    }
    if (req.method === 'GET' && path.startsWith('/_warden/events/')) {
      // `warden explain` reads a request's audit event here; the secure profile reads the data dir instead.
      if (config.profile !== 'development') {
        sendJson(res, 403, { error: 'audit events are served over HTTP only in the development profile' });
        return true;
      }
      const requestId = decodeURIComponent(path.slice('/_warden/events/'.length));
      await store.audit.flush();
      const [rec] = await store.audit.query({ requestId, limit: 1 });
      if (rec === undefined) sendJson(res, 404, { error: `no audit event for request ${requestId}` });
      else send(res, { status: 200, headers: { 'content-type': 'application/json' }, body: rec.json });
      return true;
    }
    if (req.method === 'PUT' && path === '/_warden/oidc-jwks') {
      // An OIDC issuer's public keys, which AWS would fetch from the issuer (auth/oidc-jwks.ts); `warden oidc set-jwks`.
      if (config.profile !== 'development') {
        req.resume();
        sendJson(res, 403, { error: 'OIDC keys are registered over HTTP only in the development profile; use warden oidc set-jwks --data-dir' });
        return true;
      }
      const issuer = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('issuer') ?? '';
      try {
        const body = await readBody(req, 1 << 20);
        checkIssuer(issuer);
        const keys = parseJwks(body.toString('utf8'));
        await store.write(async (tx) => putJwks(tx, issuer, keys, Date.now()));
        log.info('OIDC issuer keys registered', { issuer, keys: keys.length });
        sendJson(res, 200, { issuer, keys: keys.length });
      } catch (err) {
        if (!(err instanceof JwksError) && !(err instanceof BodyTooLarge)) throw err;
        sendJson(res, 400, { error: err instanceof JwksError ? err.message : 'the JWKS is larger than 1 MiB' });
      }
      return true;
    }
    if (req.method === 'POST' && (path === '/_warden/reset' || path === '/moto-api/reset')) {
      req.resume();
      if (config.profile !== 'development') {
        sendJson(res, 403, { error: 'reset is only available in the development profile' });
        return true;
      }
      await store.reset();
      log.info('state reset');
      sendJson(res, 200, { reset: true });
      return true;
    }
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    if (rawPath.startsWith('/_warden/') || rawPath.startsWith('/moto-api/')) {
      if (await internal(req, res, rawPath)) return;
    }
    const tls = deps.tls !== undefined ? tlsDetails(req) : undefined;
    const meta: RequestMeta = tls !== undefined ? { sourceIp: sourceIp(req), secure: true, tls } : { sourceIp: sourceIp(req), secure: false };
    const base = { method: req.method ?? 'GET', rawPath, rawQuery: q === -1 ? '' : url.slice(q + 1), headers: req.headersDistinct };
    // headersDistinct keeps repeated headers apart: SigV4's canonical form joins them with ',', not ', '.
    const head: HttpRequest = { ...base, body: EMPTY };
    if (await pipeline.streamsBody(head)) {
      // S3 object uploads: the operation reads the body as it arrives, after authorizing, without
      // --max-body-bytes (S3's own limit applies).
      // A client that asked `Expect: 100-continue` is told to send its body only once the
      // operation reads it, i.e. after authentication and authorization (as S3 does).
      // An operation that stops reading early (a failed check) must not destroy the request: its
      // answer still goes out on this socket.
      const response = await pipeline.handle(head, meta, (async function* () {
        allowBody(req);
        yield* req.iterator({ destroyOnReturn: false });
      })());
      if (!req.complete) {
        // Answered before the body was read (refused, or a check failed mid-way): Node drains the
        // rest to keep the connection, and the client, still sending, reads the answer. Closing
        // instead resets a connection the client is writing to, and it may lose the answer
        // (EPIPE): only a withheld body (never coming) or a very large rest closes.
        const declared = Number(req.headers['content-length'] ?? NaN);
        if (bodyWithheld(req) || !(declared <= Math.max(config.maxBodyBytes, DRAIN_LIMIT_BYTES))) res.setHeader('connection', 'close');
      }
      await respond(res, response, base.method, log);
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, config.maxBodyBytes);
    } catch (err) {
      const request: HttpRequest = { ...base, body: Buffer.alloc(0) };
      // unverified: AWS's front ends answer 413 for oversized bodies; the code is Warden's.
      const error = err instanceof BodyTooLarge
        ? new ProtocolError('RequestEntityTooLarge', `Request body exceeds the maximum of ${config.maxBodyBytes} bytes.`, 413)
        : new ProtocolError('IncompleteBody', 'The request body could not be read completely.', 400);
      res.setHeader('connection', 'close');
      send(res, await pipeline.reject(request, meta, error));
      return;
    }
    await respond(res, await pipeline.handle({ ...base, body }, meta), base.method, log);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    inFlight++;
    handle(req, res)
      .catch((err: unknown) => {
        log.error('unhandled server error', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        if (!res.headersSent) sendJson(res, 500, { __type: 'InternalFailure', message: 'We encountered an internal error. Please try again.' });
        else res.destroy();
      })
      .finally(() => {
        inFlight--;
        if (inFlight === 0 && draining) draining();
      });
  };
  // Expect: 100-continue is answered when the body is about to be read (allowBody), not on arrival.
  const onCheckContinue = (req: IncomingMessage, res: ServerResponse): void => {
    (req as ExpectingRequest)[CONTINUE] = () => res.writeContinue();
    onRequest(req, res);
  };
  const server: Server = createServer({ keepAlive: true, keepAliveTimeout: 65_000 }, onRequest);
  server.on('checkContinue', onCheckContinue);
  server.headersTimeout = 60_000;
  server.requestTimeout = 300_000;
  let secure: HttpsServer | undefined;
  let closeHandshakes = () => {};
  if (deps.tls !== undefined) {
    secure = createHttpsServer({ key: deps.tls.keyPem, cert: deps.tls.certPem, keepAlive: true, keepAliveTimeout: 65_000 }, onRequest);
    secure.on('checkContinue', onCheckContinue);
    secure.headersTimeout = server.headersTimeout;
    secure.requestTimeout = server.requestTimeout;
    secure.on('tlsClientError', (err: Error) => log.debug('TLS handshake failed', { error: err.message }));
    closeHandshakes = shareListener(server, secure, server.headersTimeout);
    // An http(s).Server starts tracking its connections (headersTimeout, requestTimeout,
    // closeIdleConnections) when it starts listening; this one never listens itself.
    secure.emit('listening');
  }
  const closeIdle = () => {
    server.closeIdleConnections();
    secure?.closeIdleConnections();
    closeHandshakes();
  };

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      resolve({
        port,
        url: `http://${host}:${port}`,
        ...(secure !== undefined ? { httpsUrl: `https://${host}:${port}` } : {}),
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            secure?.close(); // not listening: this only stops its connection tracking and closes idle ones
            closeIdle();
            if (inFlight === 0) return;
            draining = closeIdle;
          }),
      });
    });
  });
}
