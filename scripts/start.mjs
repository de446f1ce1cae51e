// `npm start`: the Electron window where its binary is installed, otherwise browser mode. `--web` forces browser mode.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function electronBinary() {
  const dir = path.resolve('node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const passOn = args.filter((a) => a !== '--web');
const electron = forceWeb ? null : electronBinary();

if (electron) {
  console.log('正在打开桌面窗口（Electron） / opening the desktop window (Electron)');
  const child = spawn(electron, ['.', ...passOn], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    forceWeb
      ? '按要求以浏览器模式启动 / starting browser mode as asked (--web)'
      : '未安装 Electron 二进制文件，改为浏览器模式启动 / Electron binary not installed: starting browser mode instead',
  );
  const child = spawn(process.execPath, ['dist/web.mjs', ...passOn], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
