import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { API_PREFIX, TOKEN_HEADER } from '../../shared/contract.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import type { Backend } from '../backend/backend.js';
import { isAllowedHost, isAllowedOrigin, resolveStaticPath, tokenMatches } from './security.js';

/**
 * Browser mode: the same dispatch over HTTP on 127.0.0.1 only, with a per-launch token,
 * Host and Origin checks and no CORS headers.
 */
export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function send(res: http.ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8') {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  res.end(body);
}

function refuse(res: http.ServerResponse, status: number, message: string) {
  send(res, status, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message } }));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebHost(backend: Backend, options: { rendererDir: string; port?: number }): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  const clients = new Set<http.ServerResponse>();
  let port = 0;
  const log = backend.context.log;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error('web host: request failed', err);
      if (!res.headersSent) refuse(res, 500, '服务器内部错误。');
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!isAllowedHost(req.headers.host, port)) {
      log.info('web host: refused foreign Host', { host: req.headers.host });
      return refuse(res, 403, '拒绝访问：主机名不符。');
    }
    const isApi = url.pathname.startsWith(API_PREFIX);
    if (!isAllowedOrigin(req.headers.origin, port, isApi && req.method === 'POST')) {
      log.info('web host: refused foreign Origin', { origin: req.headers.origin });
      return refuse(res, 403, '拒绝访问：来源不符。');
    }
    if (isApi) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, '不支持的请求方法。');
    const file = resolveStaticPath(options.rendererDir, url.pathname);
    if (!file) return refuse(res, 404, '未找到。');
    const target = await fsp.stat(file).then((s) => (s.isFile() ? file : null)).catch(() => null);
    // Client-side routes fall back to the app's page.
    const served = target ?? path.join(options.rendererDir, 'index.html');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[path.extname(served)] ?? 'application/octet-stream' });
    createReadStream(served).pipe(res);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const name = url.pathname.slice(API_PREFIX.length);
    if (name === 'events' && req.method === 'GET') {
      // EventSource cannot set headers: the token comes in the query for this one stream.
      if (!tokenMatches(url.searchParams.get('token'), token)) return refuse(res, 401, '未授权：缺少或错误的访问令牌。');
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (req.method !== 'POST') return refuse(res, 405, '不支持的请求方法。');
    if (!tokenMatches(req.headers[TOKEN_HEADER] as string | undefined, token)) {
      log.info('web host: refused request without a valid token', { method: name });
      return refuse(res, 401, '未授权：缺少或错误的访问令牌。');
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, '请求格式错误。');
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body ? JSON.parse(body) : {};
    } catch {
      return send(res, 400, JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message: '请求内容无法解析或过大。' } }));
    }
    const result = await backend.dispatch(name, input);
    send(res, 200, JSON.stringify(result));
  }

  const unsubscribe = backend.onEvent((event, payload) => {
    const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
    clients.forEach((c) => c.write(frame));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      unsubscribe();
      clients.forEach((c) => c.end());
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
