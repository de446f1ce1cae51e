import path from 'node:path';
import { resolveStaticPath } from '../web/security.js';

/**
 * Every security decision of the Electron shell, as pure functions (no 'electron' import, so vitest can load them;
 * tested adversarially in trust.test.ts). URLs are parsed with the WHATWG parser, never matched by prefix alone.
 */

/** The privileged scheme the renderer is served from (file:// would give pages access to every local file). */
export const APP_SCHEME = 'app';
/** The only host of that scheme; the renderer's origin is app://renderer. */
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: unknown): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for a URL of our own origin: app://renderer/…, no credentials, no port, nothing smuggled before it. */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string' || !url.startsWith(`${APP_ORIGIN}/`)) return false;
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The window may only ever show our own pages; everything else (http, file, javascript:, data:, other hosts) is refused. */
export function isAllowedNavigation(url: unknown): boolean {
  return isAppUrl(url);
}

/**
 * An IPC call is served only when it comes from a frame showing our own page inside our own window's webContents.
 * frameUrl is `event.senderFrame?.url` (null/undefined once the frame is gone), senderId is `event.sender.id`.
 */
export function isTrustedSender(frameUrl: string | null | undefined, senderId: unknown, windowContentsId: unknown): boolean {
  return (
    typeof senderId === 'number' &&
    Number.isInteger(senderId) &&
    typeof windowContentsId === 'number' &&
    senderId === windowContentsId &&
    isAppUrl(frameUrl)
  );
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// request to a file of the built renderer, or null (→ 404) when the URL is not ours
 * or its path would leave rendererDir.
 */
export function resolveAppFile(rendererDir: string, url: string): { file: string; contentType: string } | null {
  if (!isAppUrl(url)) return null;
  const parsed = new URL(url);
  const file = resolveStaticPath(rendererDir, parsed.pathname);
  return file === null ? null : { file, contentType: contentTypeOf(file) };
}
