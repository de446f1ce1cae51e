import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, contentTypeOf, isAllowedNavigation, isTrustedSender, resolveAppFile } from './trust.js';

/** URLs an attacker (or a compromised page) could try to navigate to or call IPC from. */
const HOSTILE_URLS = [
  'file:///etc/passwd',
  'file:///C:/Windows/System32/cmd.exe',
  'file://renderer/index.html',
  'http://127.0.0.1:5173/',
  'http://localhost/',
  'https://example.com/',
  'https://renderer/',
  'app://evil/',
  'app://evil/index.html',
  'app://renderer.evil/',
  'app://renderer.evil/index.html',
  'app://renderer%2eevil/',
  'app://Renderer/index.html',
  'app://renderer:8080/index.html',
  'app://renderer@evil/index.html',
  'app://evil@renderer/index.html',
  'app://user:pass@renderer/index.html',
  'app://renderer',
  'app:renderer/index.html',
  'app:///renderer/index.html',
  'APP://renderer/index.html',
  ' app://renderer/index.html',
  'app://renderer\\evil/',
  'javascript:alert(1)',
  "javascript://app://renderer/%0aalert(1)",
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD4=',
  'blob:app://renderer/5b2c1c9e-0000-0000-0000-000000000000',
  'about:blank',
  'devtools://devtools/bundled/inspector.html',
  'chrome://settings',
  'smb://server/share',
  '\\\\server\\share\\evil.html',
  '',
  'not a url',
];

describe('isAllowedNavigation', () => {
  it.each(['app://renderer/index.html', 'app://renderer/', 'app://renderer/index.html#/cases/2025-001', 'app://renderer/index.html?x=1'])(
    'allows our own page %s',
    (url) => {
      expect(isAllowedNavigation(url)).toBe(true);
    },
  );

  it.each(HOSTILE_URLS)('refuses %j', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it.each([undefined, null, 42, {}, ['app://renderer/']])('refuses a non-string %j', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('allows the entry URL the window loads', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
  });
});

describe('isTrustedSender', () => {
  const windowId = 7;

  it('trusts our page in our window', () => {
    expect(isTrustedSender('app://renderer/index.html', 7, windowId)).toBe(true);
    expect(isTrustedSender('app://renderer/index.html#/settings', 7, windowId)).toBe(true);
  });

  it.each(HOSTILE_URLS)('refuses a frame showing %j even inside our window', (url) => {
    expect(isTrustedSender(url, 7, windowId)).toBe(false);
  });

  it('refuses a frame that is gone (senderFrame null/undefined)', () => {
    expect(isTrustedSender(null, 7, windowId)).toBe(false);
    expect(isTrustedSender(undefined, 7, windowId)).toBe(false);
  });

  it('refuses our own URL from another webContents (a second window, a devtools page, a webview)', () => {
    expect(isTrustedSender('app://renderer/index.html', 8, windowId)).toBe(false);
    expect(isTrustedSender('app://renderer/index.html', 0, windowId)).toBe(false);
  });

  it('refuses when our window does not exist (closed, not yet created)', () => {
    expect(isTrustedSender('app://renderer/index.html', 7, undefined)).toBe(false);
    expect(isTrustedSender('app://renderer/index.html', 7, null)).toBe(false);
  });

  it('refuses ids that only look equal', () => {
    expect(isTrustedSender('app://renderer/index.html', '7', windowId)).toBe(false);
    expect(isTrustedSender('app://renderer/index.html', 7, '7')).toBe(false);
    expect(isTrustedSender('app://renderer/index.html', NaN, NaN)).toBe(false);
    expect(isTrustedSender('app://renderer/index.html', 7.5, 7.5)).toBe(false);
    expect(isTrustedSender('app://renderer/index.html', undefined, undefined)).toBe(false);
  });
});

describe('resolveAppFile (the app:// protocol)', () => {
  const root = path.resolve('/srv/xinfang/dist/renderer');

  it('serves index.html for the root and files below the renderer folder', () => {
    expect(resolveAppFile(root, 'app://renderer/')).toEqual({ file: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppFile(root, 'app://renderer/index.html')?.file).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://renderer/assets/index-abc.js')).toEqual({
      file: path.join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppFile(root, 'app://renderer/assets/%E5%BE%BD%E6%A0%87.png')?.file).toBe(path.join(root, 'assets', '徽标.png'));
  });

  it('ignores query and fragment', () => {
    expect(resolveAppFile(root, 'app://renderer/index.html?v=2#/cases')?.file).toBe(path.join(root, 'index.html'));
  });

  it.each([
    'app://evil/index.html',
    'app://renderer.evil/index.html',
    'app://renderer:1/index.html',
    'app://x@renderer/index.html',
    'file:///etc/passwd',
    'http://127.0.0.1/index.html',
  ])('refuses another origin %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it.each([
    'app://renderer/..%2f..%2f..%2fetc%2fpasswd',
    'app://renderer/%2e%2e%2f%2e%2e%2fpackage.json',
    'app://renderer/assets/..%2f..%2f..%2fmain%2fmain.mjs',
    'app://renderer/..%5c..%5cpackage.json',
    'app://renderer/index.html%00.png',
    'app://renderer/%E0%A4%A',
  ])('refuses a path that escapes the renderer folder or is malformed: %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('keeps dot segments inside the folder (the URL parser folds them before we see them)', () => {
    const resolved = resolveAppFile(root, 'app://renderer/%2e%2e/%2e%2e/etc/passwd');
    expect(resolved?.file).toBe(path.join(root, 'etc', 'passwd'));
  });
});

describe('contentTypeOf', () => {
  it('names the types the renderer build produces and falls back to octet-stream', () => {
    expect(contentTypeOf('a/index.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a/x.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a/x.woff2')).toBe('font/woff2');
    expect(contentTypeOf('a/x.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('a/x.exe')).toBe('application/octet-stream');
    expect(contentTypeOf('a/noext')).toBe('application/octet-stream');
  });
});
