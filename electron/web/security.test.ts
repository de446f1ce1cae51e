import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin, resolveStaticPath, tokenMatches } from './security.js';

describe('web host security decisions', () => {
  it('accepts only our loopback Host', () => {
    expect(isAllowedHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedHost('localhost:4000', 4000)).toBe(true);
    for (const host of [undefined, '', '127.0.0.1', '127.0.0.1:4001', 'evil.com:4000', '127.0.0.1.evil.com:4000', '0.0.0.0:4000', '[::1]:4000']) {
      expect(isAllowedHost(host, 4000), String(host)).toBe(false);
    }
  });

  it('accepts only our own Origin, and requires one for API calls', () => {
    expect(isAllowedOrigin('http://127.0.0.1:4000', 4000, true)).toBe(true);
    expect(isAllowedOrigin(undefined, 4000, false)).toBe(true);
    expect(isAllowedOrigin(undefined, 4000, true)).toBe(false);
    for (const origin of ['null', 'http://evil.com', 'https://127.0.0.1:4000', 'http://127.0.0.1:4001', 'http://127.0.0.1:4000.evil.com']) {
      expect(isAllowedOrigin(origin, 4000, false), origin).toBe(false);
    }
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('ab', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
  });

  it('never serves a file outside the renderer folder', () => {
    const root = path.resolve('/srv/renderer');
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/a.js?x=1')).toBe(path.join(root, 'assets/a.js'));
    for (const p of ['/../secret', '/%2e%2e/secret', '/assets/../../etc/passwd', '/..%2f..%2fetc', '/a%00.js', '/%E0%A4%A', '/..\\x']) {
      expect(resolveStaticPath(root, p), p).toBeNull();
    }
  });
});
