import { app, dialog, protocol, type BrowserWindow } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/errors.js';
import { openBackend, type Backend } from '../backend/backend.js';
import { resolveDataDir } from '../backend/data-dir.js';
import { registerIpc } from './ipc.js';
import { registerAppProtocol } from './protocol.js';
import { APP_SCHEME } from './trust.js';
import { createMainWindow, installWebContentsGuards } from './window.js';

/** Composition root of the Electron shell: it only wires. Bundled to dist/main/main.mjs. */
const distDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

// Before 'ready': a standard, secure scheme gives the renderer a real origin (app://renderer) instead of file://.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();
installWebContentsGuards();

let backend: Backend | null = null;
let mainWindow: BrowserWindow | null = null;

function describeFailure(err: unknown, dataDir: string | undefined): string {
  const reason = err instanceof AppError ? err.message : err instanceof Error ? err.message : String(err);
  return `无法打开数据目录${dataDir ? `：${dataDir}` : ''}。\n\n${reason}\n\n请确认没有其他程序正在使用该目录，或联系系统管理员。`;
}

async function start(): Promise<void> {
  let dataDir: string | undefined;
  try {
    dataDir = resolveDataDir(process.argv);
    backend = await openBackend({ dataDir, host: 'electron', version: app.getVersion() });
  } catch (err) {
    dialog.showErrorBox('信访举报工作台无法启动', describeFailure(err, dataDir));
    app.exit(1);
    return;
  }
  registerAppProtocol(path.join(distDir, 'renderer'));
  registerIpc(backend, () => mainWindow);
  mainWindow = createMainWindow({ preloadPath: path.join(distDir, 'preload', 'preload.cjs') });
  mainWindow.on('closed', () => (mainWindow = null));
}

if (!app.requestSingleInstanceLock()) {
  // Another window already runs: it comes to the front (below) and this process ends.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    // Release the data-directory lock before the process ends.
    if (!backend) return;
    const closing = backend;
    backend = null;
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('信访举报工作台无法启动', `启动失败：${err instanceof Error ? err.message : String(err)}`);
      app.quit();
    });
}
