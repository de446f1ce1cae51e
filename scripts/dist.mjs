// `npm run dist [-- --linux|--win|--dir|--x64|--arm64] [--electron-dist DIR]`: builds the installers described in
// electron-builder.yml with electron-builder's JS API. `npm run dist` has already run the build.
//
// Offline build machines: electron-builder downloads Electron from GitHub unless it is given one. Pass
// --electron-dist DIR (or XINFANG_ELECTRON_DIST=DIR) where DIR holds either the official zips
// (electron-v<version>-<platform>-<arch>.zip, one per platform/arch to build), or sub-folders <platform>-<arch>
// with an unpacked Electron, or one unpacked Electron (then only its own platform/arch can be built).
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { promises as dns } from 'node:dns';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { fusesAfterPack } from './fuses.mjs';

const CONFIG_FILE = 'electron-builder.yml';
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;

/** Holds the effective config handed to electron-builder (see below); removed on exit. */
let tempDir;

function fail(message) {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  process.stderr.write(`\n${message}\n`);
  process.exit(1);
}

/** A failure whose message is already a complete, bilingual explanation. */
class DistError extends Error {}

function parseArgs(argv) {
  const options = { electronDist: process.env.XINFANG_ELECTRON_DIST || undefined, platforms: {}, dir: false, archs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--electron-dist') options.electronDist = argv[++i];
    else if (arg.startsWith('--electron-dist=')) options.electronDist = arg.slice('--electron-dist='.length);
    else if (arg === '--linux' || arg === '--win' || arg === '--windows') {
      // Optional target names may follow, e.g. `--linux deb`.
      const targets = [];
      while (argv[i + 1] && !argv[i + 1].startsWith('-')) targets.push(argv[++i]);
      options.platforms[arg === '--linux' ? 'linux' : 'win'] = targets;
    } else if (arg === '--dir') options.dir = true;
    else if (arg === '--x64' || arg === '--arm64') options.archs.push(arg.slice(2));
    else fail(`未知参数 / unknown argument: ${arg}\n用法 / usage: node scripts/dist.mjs [--linux [deb|AppImage]] [--win] [--dir] [--x64] [--arm64] [--electron-dist DIR]`);
  }
  if (options.electronDist !== undefined && !options.electronDist) fail('--electron-dist 需要一个目录 / --electron-dist needs a directory');
  return options;
}

/** Which CPU an Electron executable is for, read from its ELF or PE header (a wrong-arch package must not be built). */
function executableArch(file) {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    readSync(fd, head, 0, head.length, 0);
    if (head.readUInt32BE(0) === 0x7f454c46) return { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'armv7l' }[head.readUInt16LE(18)];
    if (head.toString('latin1', 0, 2) === 'MZ') {
      const pe = head.readUInt32LE(0x3c);
      if (pe + 6 > head.length) return undefined;
      return { 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32' }[head.readUInt16LE(pe + 4)];
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** electronDist as a function: electron-builder asks once per platform/arch, so each gets the right Electron. */
function electronDistResolver(root) {
  const base = path.resolve(root);
  if (!existsSync(base) || !statSync(base).isDirectory()) fail(`--electron-dist 目录不存在 / directory not found: ${base}`);
  return ({ platformName, arch }) => {
    const zip = `electron-v${electronVersion}-${platformName}-${arch}.zip`;
    if (existsSync(path.join(base, zip))) return base; // electron-builder unpacks the zip from there
    const binaryName = platformName === 'win32' ? 'electron.exe' : 'electron';
    for (const dir of [path.join(base, `${platformName}-${arch}`), base]) {
      const binary = path.join(dir, binaryName);
      if (!existsSync(binary)) continue;
      const found = executableArch(binary);
      if (found !== arch) {
        throw new DistError(
          `${binary} 是 ${found ?? '未知'} 架构，而此次要打包 ${platformName}-${arch}。\n` +
            `${binary} is built for ${found ?? 'an unknown CPU'}, but ${platformName}-${arch} is being packaged.\n` +
            `请放入 ${zip}，或 ${path.join(base, `${platformName}-${arch}`)} 目录 / provide ${zip} or that folder.`,
        );
      }
      return dir;
    }
    throw new DistError(
      `在 ${base} 中找不到 ${platformName}-${arch} 的 Electron ${electronVersion}。\n` +
        `No Electron ${electronVersion} for ${platformName}-${arch} in ${base}.\n` +
        `需要 / expected: ${zip}，或 / or ${path.join(`${platformName}-${arch}`, binaryName)}，或 / or ${binaryName} (已解压 / unpacked)`,
    );
  };
}

/** electron-builder 26 flips `electronFuses` itself; 25 rejects the key, so it is applied in afterPack instead. */
function builderKnowsFuses() {
  const scheme = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8'));
  return Object.hasOwn(scheme.properties ?? {}, 'electronFuses');
}

const DOWNLOAD_FAILURE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|dial tcp|no such host|github\.com|cannot download|download.*(failed|error)|unable to download|getaddrinfo|proxyconnect/i;

/** Whether GitHub (where electron-builder downloads from) can even be resolved. */
async function online() {
  const timeout = new Promise((resolve) => setTimeout(resolve, 3000, false));
  const lookup = dns.lookup('github.com').then(() => true, () => false);
  return Promise.race([lookup, timeout]);
}

function downloadHint(error) {
  return [
    '打包失败：无法下载 Electron 或打包工具（离线环境无法访问 GitHub）。',
    'Packaging failed: Electron or a packaging tool could not be downloaded (no Internet access).',
    '',
    `  • Electron ${electronVersion}：请用 --electron-dist DIR 或环境变量 XINFANG_ELECTRON_DIST=DIR 指定目录，`,
    `    其中放入 electron-v${electronVersion}-<linux|win32>-<x64|arm64>.zip（或已解压的 Electron）。`,
    `    Electron ${electronVersion}: pass --electron-dist DIR or XINFANG_ELECTRON_DIST=DIR, a folder holding`,
    `    electron-v${electronVersion}-<linux|win32>-<x64|arm64>.zip (or an unpacked Electron).`,
    '  • 打包工具（nsis、appimage、fpm）：从已联网机器复制 electron-builder 缓存目录，并设置 ELECTRON_BUILDER_CACHE=目录，',
    '    或设置 ELECTRON_BUILDER_BINARIES_MIRROR 指向内网镜像；deb 可用系统 fpm（USE_SYSTEM_FPM=true）。',
    '    Packaging tools (nsis, appimage, fpm): copy the electron-builder cache from a connected machine and set',
    '    ELECTRON_BUILDER_CACHE=DIR, or point ELECTRON_BUILDER_BINARIES_MIRROR at an intranet mirror; deb can use a',
    '    system fpm (USE_SYSTEM_FPM=true).',
    '',
    `原始错误 / original error: ${error instanceof Error ? error.message : String(error)}`,
  ].join('\n');
}

const options = parseArgs(process.argv.slice(2));
for (const file of ['dist/main/main.mjs', 'dist/preload/preload.cjs', 'dist/renderer/index.html']) {
  if (!existsSync(file)) fail(`缺少 ${file}，请先运行 npm run build / ${file} is missing: run npm run build first`);
}

const config = parse(readFileSync(CONFIG_FILE, 'utf8'));
const { electronFuses, ...withoutFuses } = config;
if (!electronFuses || typeof electronFuses !== 'object') fail(`${CONFIG_FILE} 缺少 electronFuses / has no electronFuses`);

// electron-builder always reads electron-builder.yml from the project and merges the options over it, so on a
// version that rejects `electronFuses` it is handed a copy without that key (via `extends`, which replaces the
// project file) and an afterPack hook that flips the fuses instead.
const builderConfig = {};
if (!builderKnowsFuses()) {
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-dist-'));
  const effective = path.join(tempDir, 'electron-builder.yml');
  writeFileSync(effective, stringify(withoutFuses));
  builderConfig.extends = effective;
  builderConfig.afterPack = fusesAfterPack(electronFuses);
}
if (options.electronDist) builderConfig.electronDist = electronDistResolver(options.electronDist);

const cli = { config: builderConfig, projectDir: process.cwd(), publish: 'never' };
for (const [platform, targets] of Object.entries(options.platforms)) cli[platform] = targets;
if (options.dir) cli.dir = true;
for (const arch of options.archs) cli[arch] = true;

let build;
try {
  ({ build } = await import('electron-builder'));
} catch (err) {
  fail(`无法加载 electron-builder，请先运行 npm install / cannot load electron-builder: ${err.message}`);
}

try {
  const artifacts = await build(cli);
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  console.log(`\n打包完成 / packaged into ${path.resolve(config.directories?.output ?? 'dist')}`);
  for (const file of artifacts) console.log(`  ${path.relative(process.cwd(), file)}`);
} catch (err) {
  if (err instanceof DistError) fail(err.message);
  const text = `${err?.message ?? ''}\n${err?.stack ?? ''}`;
  // app-builder prints the download error itself and throws only "process failed": then ask whether we are offline.
  const appBuilderFailed = /ERR_ELECTRON_BUILDER_CANNOT_EXECUTE|app-builder process failed/.test(text);
  if (DOWNLOAD_FAILURE.test(text) || (appBuilderFailed && !(await online()))) fail(downloadHint(err));
  fail(`打包失败 / packaging failed: ${err?.stack ?? err}`);
}
