import os from 'node:os';
import path from 'node:path';

/** The OS per-user application-data folder; Electron and browser mode share it so both see the same cases. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = os.homedir()): string {
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), 'XinfangDesk', 'data');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'XinfangDesk', 'data');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'xinfang-desk');
}

/** --data DIR (or --data=DIR) wins, then XINFANG_DATA, then the OS default. */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const i = argv.findIndex((a) => a === '--data' || a.startsWith('--data='));
  if (i >= 0) {
    const arg = argv[i]!;
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
    if (!value || value.startsWith('--')) throw new Error('--data 需要一个目录参数 / --data needs a directory');
    return path.resolve(value);
  }
  if (env.XINFANG_DATA) return path.resolve(env.XINFANG_DATA);
  return defaultDataDir(env);
}
