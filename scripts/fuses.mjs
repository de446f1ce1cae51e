// Flips Electron fuses in a packaged binary. electron-builder 26 does this itself from `electronFuses`; the pinned
// electron-builder 25 does not know that key, and @electron/fuses is not a dependency, so scripts/dist.mjs calls this
// from electron-builder's afterPack hook (after packaging and the ASAR integrity resource, before signing).
// The wire format is Electron's: SENTINEL, one version byte (1), one length byte, then one byte per fuse:
// '0' disabled, '1' enabled, 'r' removed (docs/tutorial/fuses.md, "How do I flip the fuses?").
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';

export const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const WIRE_VERSION = 1;
const DISABLE = 0x30;
const ENABLE = 0x31;
const REMOVED = 0x72;

/** electron-builder 26's `electronFuses` keys → position on the V1 fuse wire. */
export const FUSE_INDEX = Object.freeze({
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
  wasmTrapHandlers: 8,
});

/**
 * Finds the one fuse wire in `binary` and returns the bytes to write there for `fuses`. Throws rather than guessing:
 * unknown key, non-boolean value, no wire, more than one wire, another wire version, or a wire too short for a key.
 * @param {Uint8Array} binary
 * @param {Record<string, unknown>} fuses
 * @returns {{ position: number, bytes: Uint8Array, removed: string[] }}
 */
export function planFuseWrite(binary, fuses) {
  for (const [key, value] of Object.entries(fuses)) {
    if (!Object.hasOwn(FUSE_INDEX, key)) throw new Error(`未知的 fuse / unknown fuse: ${key}`);
    if (typeof value !== 'boolean') throw new Error(`fuse ${key} 必须是 true 或 false / must be true or false`);
  }
  const buf = Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength);
  const at = buf.indexOf(SENTINEL, 0, 'latin1');
  if (at < 0) throw new Error('在 Electron 二进制中找不到 fuse 标记 / fuse sentinel not found in the Electron binary');
  if (buf.indexOf(SENTINEL, at + 1, 'latin1') >= 0) {
    throw new Error('Electron 二进制中有多个 fuse 标记 / more than one fuse sentinel in the Electron binary');
  }
  const versionAt = at + SENTINEL.length;
  if (buf[versionAt] !== WIRE_VERSION) throw new Error(`不支持的 fuse 版本 / unsupported fuse wire version ${buf[versionAt]}`);
  const length = buf[versionAt + 1] ?? 0;
  const position = versionAt + 2;
  if (position + length > buf.length) throw new Error('fuse 数据被截断 / truncated fuse wire');
  const bytes = Uint8Array.from(buf.subarray(position, position + length));
  const removed = [];
  for (const [key, value] of Object.entries(fuses)) {
    const index = FUSE_INDEX[/** @type {keyof typeof FUSE_INDEX} */ (key)];
    if (index >= length) throw new Error(`此版本 Electron 没有 fuse ${key} / this Electron has no fuse ${key}`);
    // A removed fuse means the feature is gone from this Electron: nothing to flip.
    if (bytes[index] === REMOVED) removed.push(key);
    else bytes[index] = value ? ENABLE : DISABLE;
  }
  return { position, bytes, removed };
}

/**
 * Reads the fuse states of a binary, by key.
 * @param {Uint8Array} binary
 * @returns {Record<string, 'enabled' | 'disabled' | 'removed' | 'unknown'>}
 */
export function readFuses(binary) {
  const { bytes } = planFuseWrite(binary, {});
  /** @type {Record<string, 'enabled' | 'disabled' | 'removed' | 'unknown'>} */
  const states = {};
  for (const [key, index] of Object.entries(FUSE_INDEX)) {
    if (index >= bytes.length) continue;
    const b = bytes[index];
    states[key] = b === ENABLE ? 'enabled' : b === DISABLE ? 'disabled' : b === REMOVED ? 'removed' : 'unknown';
  }
  return states;
}

/**
 * Flips the fuses of the binary at `file` in place and verifies them by reading the file again.
 * @param {string} file
 * @param {Record<string, boolean>} fuses
 */
export async function flipFusesInFile(file, fuses) {
  const plan = planFuseWrite(await readFile(file), fuses);
  const handle = await open(file, 'r+');
  try {
    await handle.write(plan.bytes, 0, plan.bytes.length, plan.position);
    await handle.sync();
  } finally {
    await handle.close();
  }
  const states = readFuses(await readFile(file));
  for (const [key, value] of Object.entries(fuses)) {
    if (plan.removed.includes(key)) continue;
    if (states[key] !== (value ? 'enabled' : 'disabled')) throw new Error(`fuse ${key} 未能写入 / was not written`);
  }
  return states;
}

/**
 * The binary that carries the fuses in an electron-builder afterPack context (Windows and Linux; macOS is not a target).
 * @param {{ appOutDir: string, electronPlatformName: string, packager: any }} context
 */
export function packagedBinary(context) {
  if (context.electronPlatformName === 'win32') return path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.exe`);
  if (context.electronPlatformName === 'linux') return path.join(context.appOutDir, context.packager.executableName);
  throw new Error(`不支持为 ${context.electronPlatformName} 写入 fuse / fuses are not supported here for ${context.electronPlatformName}`);
}

/**
 * An electron-builder afterPack hook that flips `fuses`.
 * @param {Record<string, boolean>} fuses
 */
export function fusesAfterPack(fuses) {
  return async (/** @type {any} */ context) => {
    const binary = packagedBinary(context);
    const states = await flipFusesInFile(binary, fuses);
    console.log(`  • 已写入 Electron fuses / fuses flipped  file=${binary}\n    ${JSON.stringify(states)}`);
  };
}
