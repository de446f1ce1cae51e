import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../backend/backend.js';
import { resolveDataDir } from '../backend/data-dir.js';
import { AppError } from '../../shared/errors.js';
import { startWebHost } from './server.js';

/** Browser-mode entry: `node dist/web.mjs [--data DIR] [--port N]`. */
const here = path.dirname(fileURLToPath(import.meta.url));

function portArg(argv: string[]): number | undefined {
  const i = argv.indexOf('--port');
  if (i < 0) return undefined;
  const port = Number(argv[i + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port 需要 0–65535 的整数 / --port needs 0–65535');
  return port;
}

async function main() {
  const argv = process.argv.slice(2);
  const dataDir = resolveDataDir(argv);
  const started = performance.now();
  const backend = await openBackend({ dataDir, host: 'web', version: process.env.XINFANG_VERSION ?? '0.1.0' });
  const host = await startWebHost(backend, { rendererDir: path.join(here, 'renderer'), port: portArg(argv) });
  const ms = Math.round(performance.now() - started);
  process.stdout.write(
    [
      '信访举报工作台已在浏览器模式下启动（仅本机 127.0.0.1 可访问）。请在浏览器中打开：',
      'Xinfang Desk started in browser mode (loopback only). Open:',
      `  ${host.url}`,
      `数据目录 / data directory: ${dataDir}`,
      `启动用时 / started in ${ms} ms`,
      '按 Ctrl+C 退出 / press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await host.close();
    await backend.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  const message = err instanceof AppError ? err.message : `启动失败 / failed to start: ${(err as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
