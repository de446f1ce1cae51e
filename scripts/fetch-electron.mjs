// postinstall: try to fetch the Electron binary (its own install script is disabled in package.json, because
// on offline machines it fails the whole install). Failure is fine: the app then runs in browser mode.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || !existsSync('node_modules/electron/install.js')) process.exit(0);
const r = spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'pipe', timeout: 120_000, encoding: 'utf8' });
if (r.status === 0) console.log('Electron 已就绪 / Electron binary ready');
else console.log('无法下载 Electron（离线环境属正常），将使用浏览器模式 / Electron binary unavailable (offline): browser mode will be used');
