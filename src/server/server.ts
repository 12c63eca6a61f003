import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/config.js';
import { ProtocolError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { Pipeline, RequestMeta } from '../pipeline/pipeline.js';
import type { HttpRequest, HttpResponse } from '../protocol/codec.js';
import type { Store } from '../store/store.js';

export const VERSION = '0.1.0';

export interface ServerDeps {
  readonly config: Config;
  readonly pipeline: Pipeline;
  readonly store: Store;
  readonly services: readonly string[];
  readonly log: Logger;
}

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  /** Stops accepting, waits for in-flight requests, then resolves. */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function sourceIp(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '127.0.0.1';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new BodyTooLarge());
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
    const meta: RequestMeta = { sourceIp: sourceIp(req), secure: false };
    const base = { method: req.method ?? 'GET', rawPath, rawQuery: q === -1 ? '' : url.slice(q + 1), headers: req.headersDistinct };
    // headersDistinct keeps repeated headers apart: SigV4's canonical form joins them with ',', not ', '.
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
    send(res, await pipeline.handle({ ...base, body }, meta));
  };

  const server: Server = createServer({ keepAlive: true, keepAliveTimeout: 65_000 }, (req, res) => {
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
  });
  server.headersTimeout = 60_000;
  server.requestTimeout = 300_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      resolve({
        port,
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
            if (inFlight === 0) return;
            draining = () => server.closeIdleConnections();
          }),
      });
    });
  });
}
