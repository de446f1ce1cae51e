import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { APP_SCHEME, resolveAppFile } from './trust.js';

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

function notFound(): Response {
  return new Response('未找到 / not found', {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * app://renderer/… serves the built renderer (dist/renderer) and nothing else: other hosts and paths that would
 * leave the folder are 404, and every response carries the CSP header (a <meta> CSP is all file:// could offer).
 */
export function registerAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: SECURITY_HEADERS });
    }
    const target = resolveAppFile(rendererDir, request.url);
    if (!target) return notFound();
    let body: Buffer;
    try {
      body = await readFile(target.file);
    } catch {
      return notFound();
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': target.contentType },
    });
  });
}
