import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FUSE_INDEX } from '../../scripts/fuses.mjs';

/** electron-builder.yml is a security boundary too: what goes into the installer and how the binary is locked. */
type TargetEntry = { target: string; arch: string[] };
interface BuilderConfig {
  productName?: string;
  appId?: string;
  directories?: Record<string, string>;
  files?: string[];
  extraResources?: unknown[];
  extraFiles?: unknown[];
  asar?: boolean;
  publish?: unknown;
  electronFuses?: Record<string, unknown>;
  nsis?: Record<string, unknown>;
  win?: { target?: TargetEntry[] };
  linux?: { target?: TargetEntry[]; category?: string };
}
interface PackageJson {
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson;

const targets = (platform: 'win' | 'linux'): TargetEntry[] => config[platform]?.target ?? [];
const archsOf = (platform: 'win' | 'linux', target: string) => targets(platform).find((t) => t.target === target)?.arch;

describe('electron-builder.yml', () => {
  it('names the product and app id', () => {
    expect(config.productName).toBe('信访举报工作台');
    expect(config.appId).toMatch(/^cn\.gov\.xinfang\./);
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
  });

  it('builds an x64 NSIS installer in Chinese that lets the user choose the folder', () => {
    expect(targets('win')).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true, installerLanguages: ['zh_CN'] });
  });

  it('builds deb and AppImage for x64 and arm64 (UOS / Kylin on Hygon, Zhaoxin, Phytium, Kunpeng)', () => {
    expect(archsOf('linux', 'deb')).toEqual(expect.arrayContaining(['x64', 'arm64']));
    expect(archsOf('linux', 'AppImage')).toEqual(expect.arrayContaining(['x64', 'arm64']));
    expect(config.linux?.category).toBe('Office');
  });

  it('locks the Electron binary with fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
    expect(config.asar).toBe(true);
  });

  it('uses only fuse names the fuse flipper knows, with boolean values (a typo must not be silently ignored)', () => {
    for (const [key, value] of Object.entries(config.electronFuses ?? {})) {
      expect(Object.keys(FUSE_INDEX)).toContain(key);
      expect(typeof value).toBe('boolean');
    }
  });

  it('packages only the bundles: no node_modules, no sources, no source maps', () => {
    const files = config.files ?? [];
    const included = files.filter((f) => !f.startsWith('!'));
    expect(included.sort()).toEqual(['dist/**', 'package.json']);
    expect(files).toContain('!dist/**/*.map');
    expect(files.join(' ')).not.toMatch(/node_modules|electron\/|renderer\/src|shared\/|\.ts\b/);
    expect(config.extraResources ?? []).toEqual([]);
    expect(config.extraFiles ?? []).toEqual([]);
    // Everything is bundled, so the app has no runtime dependencies for electron-builder to copy.
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
    expect(pkg.main).toBe('dist/main/main.mjs');
  });

  it('never publishes or checks for updates', () => {
    expect(config).toHaveProperty('publish', null);
    expect(JSON.stringify(config)).not.toMatch(/provider|github|s3|generic|snapStore|keygen/i);
    expect(pkg.dependencies?.['electron-updater']).toBeUndefined();
    expect(pkg.devDependencies?.['electron-updater']).toBeUndefined();
  });
});
