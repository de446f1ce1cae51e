import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { SECURE_WEB_PREFERENCES, WINDOW_TITLE, webPreferencesFor } from './window-prefs.js';

describe('main window webPreferences', () => {
  it('isolate the page from Node and Electron', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('enable no Blink features and add the preload without weakening anything', () => {
    const prefs = webPreferencesFor('/opt/xinfang/resources/app.asar/dist/preload/preload.cjs');
    expect(prefs).toMatchObject(SECURE_WEB_PREFERENCES);
    expect(prefs.preload).toBe('/opt/xinfang/resources/app.asar/dist/preload/preload.cjs');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('title the window in Chinese', () => {
    expect(WINDOW_TITLE).toBe('信访举报工作台');
  });
});

describe('the renderer CSP (served as a header by the app:// protocol)', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );

  it('allows scripts from our own origin only, never eval', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
  });

  it('blocks plugins, framing by others, base rewriting and form posts', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('names no remote host anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|ws:|wss:/);
  });
});

/** A static guard in the spirit of Electronegativity: no source of the shell may switch a protection off. */
describe('Electron shell sources', () => {
  const dirs = ['electron/main', 'electron/preload'];
  const sources = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') })),
  );

  it('exist', () => {
    expect(sources.map((s) => s.file)).toEqual(expect.arrayContaining([path.join('electron/main', 'index.ts'), path.join('electron/preload', 'index.ts')]));
  });

  it.each([
    /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/,
    /contextIsolation\s*:\s*false/,
    /sandbox\s*:\s*false/,
    /webSecurity\s*:\s*false/,
    /allowRunningInsecureContent\s*:\s*true/,
    /experimentalFeatures\s*:\s*true/,
    /enableBlinkFeatures/,
    /webviewTag\s*:\s*true/,
    /bypassCSP\s*:\s*true/,
    /corsEnabled\s*:\s*true/,
    /openExternal/,
    /registerFileProtocol|\.loadFile\(|loadURL\(\s*['"`]file:/,
    /exposeInMainWorld\(\s*['"][^'"]+['"]\s*,\s*(ipcRenderer|\{[^}]*ipcRenderer)/,
    /ELECTRON_DISABLE_SECURITY_WARNINGS/,
  ])('contain nothing matching %s', (pattern) => {
    const offenders = sources.filter((s) => pattern.test(s.text)).map((s) => s.file);
    expect(offenders).toEqual([]);
  });
});
