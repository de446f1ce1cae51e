import { resolveDataDir } from '../data-dir.js';
import { verifyStore } from '../store/verify.js';

/** Command-line tools for IT staff and scripts: `xinfang <command> [options]`. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}
const stdio: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export const USAGE = `信访举报工作台 命令行工具 / Xinfang Desk command line

用法 / usage: xinfang <命令> [选项]     (开发环境 / in the source tree: npm run -s cli -- <命令>)

命令 / commands:
  verify --data DIR    检查数据目录中每个数据文件及其备份；全部完好时退出码为 0
                       check every data file and backup; exit 0 when all are sound
  help, --help         显示本说明 / show this help

数据目录 / data directory: --data DIR，或环境变量 XINFANG_DATA，否则为系统默认位置。
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<string, Command> = {
  async verify(args, io) {
    const dataDir = resolveDataDir(args);
    const checks = await verifyStore(dataDir);
    const bad = checks.filter((c) => !c.ok);
    for (const c of checks) {
      const line = `${c.ok ? '正常' : '损坏'}  ${c.file}${c.problem ? `  —— ${c.problem}` : ''}\n`;
      (c.ok ? io.out : io.err)(line);
    }
    if (bad.length) {
      io.err(`发现 ${bad.length} 个问题文件（共检查 ${checks.length} 个） / ${bad.length} of ${checks.length} files failed: ${dataDir}\n`);
      return 1;
    }
    io.out(`全部 ${checks.length} 个文件完好 / all ${checks.length} files are sound: ${dataDir}\n`);
    return 0;
  },
};

export async function runCli(argv: string[], io: CliIo = stdio): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`未知命令 / unknown command: ${name}\n\n${USAGE}`);
    return 2;
  }
  const unknown = args.filter((a) => a.startsWith('--') && !KNOWN_OPTIONS.has(a.split('=')[0]!));
  if (unknown.length) {
    io.err(`未知选项 / unknown option: ${unknown.join(' ')}\n`);
    return 2;
  }
  try {
    return await command(args, io);
  } catch (err) {
    io.err(`错误 / error: ${(err as Error).message}\n`);
    return 2;
  }
}

const KNOWN_OPTIONS = new Set(['--data']);
