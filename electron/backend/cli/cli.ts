import { promises as fsp } from 'node:fs';
import type { Method, MethodInput, MethodOutput } from '../../../shared/contract.js';
import { openBackend, type Backend } from '../backend.js';
import { resolveDataDir } from '../data-dir.js';
import { fileLogger } from '../log.js';
import { seedDemoCases } from '../services/demo.js';
import { auditFileChecks } from '../security/audit-log.js';
import { BENCH_PARTS, benchBackend, benchTable, runBench } from '../bench/bench.js';
import { deadlineCommand } from './deadline-command.js';
import { readAuditHead, verifyStore, type FileCheck } from '../store/verify.js';
import { encryptedCodec, subKey } from '../security/codec.js';
import { Keyring } from '../security/keyring.js';
import { toDetail } from '../services/cases/cases.js';
import { DOCUMENT_TYPES } from '../../../shared/documents/model.js';
import { renderDocx } from '../documents/docx.js';
import { percent, RATE_LABELS, RATES } from '../../../shared/domain/statistics.js';
import { EXCHANGE_USAGE, exchangeCommands } from './exchange-commands.js';

/** Command-line tools for IT staff and scripts: `xinfang <command> [options]`. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}
const stdio: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export const USAGE = `信访举报工作台 命令行工具 / Xinfang Desk command line

用法 / usage: xinfang <命令> [选项]     (源码目录中 / in the source tree: npm run -s cli -- <命令>)

命令 / commands:
  verify --data DIR [--user NAME]   检查每个数据文件、备份及审计日志哈希链；全部完好时退出码为 0。
                                    指定用户时解密校验内容，并核对审计日志末条未被删除
                                    check every data file, backup and the audit chain; exit 0 when sound
  seed --data DIR --user NAME --cases N [--seed S]
                                    写入 N 件演示数据（同一种子结果相同） / write N demo cases (deterministic)
  case add --data DIR --user NAME --json FILE
                                    登记一件（JSON 字段与接口契约相同），输出新件的 id
                                    register a case from a JSON file (contract field names); prints its id
  case list --data DIR --user NAME --json
                                    以 JSON 数组输出全部信访件（检举控告人信息已脱敏）
  case show --data DIR --user NAME --id ID --json
                                    以 JSON 输出一件（检举控告人信息已脱敏）
  deadline --from YYYY-MM-DD (--workdays N | --days N) [--explain] [--data DIR --user NAME]
                                    计算期限届满日（一行 YYYY-MM-DD）；--explain 说明跳过的节假日与调休
                                    due date; with --data, the office's own calendar
  calendar import --data DIR --user NAME FILE
                                    载入一年或多年节假日安排（JSON，格式见 README），并重新计算未结期限
  repeats --data DIR --user NAME --case ID [--json]
                                    该件可能重复的在先信访件（最相似者在前）及理由 / repeat suggestions
  letter --data DIR --user NAME --case ID --type TYPE --out FILE.docx [--fields FILE.json] [--draft]
                                    出具文书：取文号、生成 .docx 并随件存档；--draft 只生成草稿（不取号、不存档）
                                    TYPE: clarification 澄清函, settlement 息诉息访协议书, recommendation 监察建议书,
                                    supervision 督办函, assignment 交办函, acceptance-notice 受理告知书,
                                    result-feedback 处理结果反馈告知书, slip 阅办卡；--fields 的字段见 README
                                    issue a document (takes the next 文号, keeps it with the case)
  stats --data DIR --user NAME --from YYYY-MM-DD --to YYYY-MM-DD [--json]
                                    统计：收件、办结、各项比率及分类统计（与界面“统计通报”相同）；--json 输出全部数字
                                    the dashboard's figures of a period
  bulletin --data DIR --user NAME --month YYYY-MM --out FILE.docx [--xlsx FILE.xlsx] [--doc-no 文号]
                                    一月一通报：按统计口径生成该月通报（.docx）；--xlsx 另存台账及统计表
                                    the monthly bulletin (.docx) and, with --xlsx, its workbook
${EXCHANGE_USAGE}  bench [--cases N] [--json]        基准测试（默认 50000 件）：打开、保存、台账筛选与搜索等的中位数，
                                    并与单文件 lowdb 基线对比 / benchmark against plain single-file lowdb
  help, --help                      显示本说明 / show this help

数据目录 / data directory: --data DIR，或环境变量 XINFANG_DATA，否则为系统默认位置。
身份验证 / authentication: 除 verify 与 help 外，命令须以用户身份运行，与界面同样受权限约束：
  --user NAME（或环境变量 XINFANG_USER），密码取自 --password-file FILE 或环境变量 XINFANG_PASSWORD
  commands other than verify and help run as a user, with that user's permissions.
退出码 / exit codes: 0 成功 / success，1 数据或输入有误 / bad data or input，2 用法错误 / usage error。
`;

class UsageError extends Error {}

/** --fields FILE.json: an object of strings (a list becomes one item per line). */
async function readFields(file: string): Promise<Record<string, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fsp.readFile(file, 'utf8'));
  } catch (err) {
    throw new InputError(`无法读取字段文件 / cannot read ${file}: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InputError('字段文件应为 JSON 对象 / the fields file must hold a JSON object');
  return Object.fromEntries(
    Object.entries(parsed).map(([key, value]) => {
      if (typeof value === 'string') return [key, value];
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [key, value.join('\n')];
      throw new InputError(`字段 ${key} 应为文字或文字列表 / field ${key} must be a string or a list of strings`);
    }),
  );
}
class InputError extends Error {}

type Options = Record<string, string | true>;
/** Parses --name value / --name=value / --flag; anything not declared is a usage error. */
function parseOptions(args: string[], spec: Record<string, 'value' | 'flag'>): Options {
  const options: Options = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`多余的参数 / unexpected argument: ${arg}`);
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const kind = spec[name.slice(2)];
    if (!kind) throw new UsageError(`未知选项 / unknown option: ${name}`);
    if (kind === 'flag') {
      options[name.slice(2)] = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} 需要一个值 / ${name} needs a value`);
    options[name.slice(2)] = value;
  }
  return options;
}

function positiveInt(value: string | true | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} 需要正整数 / --${name} needs a positive integer`);
  return n;
}

/** Options every authenticated command accepts. */
const AUTH = { data: 'value', user: 'value', 'password-file': 'value' } as const;

async function password(options: Options): Promise<string> {
  if (typeof options['password-file'] === 'string') {
    const text = await fsp.readFile(options['password-file'], 'utf8').catch(() => {
      throw new InputError(`无法读取密码文件 / cannot read password file ${options['password-file']}`);
    });
    return text.replace(/\r?\n$/, '');
  }
  if (process.env.XINFANG_PASSWORD) return process.env.XINFANG_PASSWORD;
  throw new UsageError('需要密码：--password-file FILE 或环境变量 XINFANG_PASSWORD / a password is needed');
}

/** Opens the data directory and logs in as --user: the CLI is subject to the same permissions as the UI. */
async function withBackend<T>(options: Options, run: (backend: Backend) => Promise<T>): Promise<T> {
  const user = typeof options.user === 'string' ? options.user : process.env.XINFANG_USER;
  if (!user) throw new UsageError('需要 --user NAME（或环境变量 XINFANG_USER） / --user NAME (or XINFANG_USER) is required');
  const dataDir = resolveDataDir(typeof options.data === 'string' ? ['--data', options.data] : []);
  const secret = await password(options);
  const backend = await openBackend({ dataDir, host: 'cli', version: process.env.XINFANG_VERSION ?? '0.1.0', log: fileLogger(dataDir) });
  try {
    await call(backend, 'auth.login', { name: user, password: secret });
    return await run(backend);
  } finally {
    await backend.close();
  }
}

async function call<M extends Method>(backend: Backend, method: M, input: MethodInput<M> | unknown): Promise<MethodOutput<M>> {
  const result = await backend.dispatch(method, input);
  if (!result.ok) throw new InputError(`${result.error.message} (${result.error.code})`);
  return result.value as MethodOutput<M>;
}

type Command = (args: string[], io: CliIo) => Promise<number>;

const caseCommands: Record<string, Command> = {
  async add(args, io) {
    const options = parseOptions(args, { ...AUTH, json: 'value' });
    if (typeof options.json !== 'string') throw new UsageError('case add 需要 --json FILE / case add needs --json FILE');
    let input: unknown;
    try {
      input = JSON.parse(await fsp.readFile(options.json, 'utf8'));
    } catch (err) {
      throw new InputError(`无法读取 JSON 文件 / cannot read JSON file ${options.json}: ${(err as Error).message}`);
    }
    const detail = await withBackend(options, (b) => call(b, 'cases.register', input));
    io.out(`${detail.id}\n`);
    return 0;
  },
  async list(args, io) {
    const options = parseOptions(args, { ...AUTH, json: 'flag' });
    const details = await withBackend(options, async (b) => {
      b.context.session.authorise('case.read');
      return [...b.context.store.cases.values()].map((r) => toDetail(b.context, r));
    });
    io.out(options.json ? `${JSON.stringify(details, null, 2)}\n` : details.map((d) => `${d.id}\t${d.caseNo}\t${d.receivedDate}\t${d.summary.slice(0, 40)}`).join('\n') + '\n');
    return 0;
  },
  async show(args, io) {
    const options = parseOptions(args, { ...AUTH, id: 'value', json: 'flag' });
    if (typeof options.id !== 'string') throw new UsageError('case show 需要 --id ID / case show needs --id ID');
    const detail = await withBackend(options, (b) => call(b, 'cases.get', { id: options.id }));
    io.out(`${JSON.stringify(detail, null, 2)}\n`);
    return 0;
  },
};

const commands: Record<string, Command> = {
  ...exchangeCommands({ parseOptions, withBackend, password, usage: (m) => new UsageError(m), input: (m) => new InputError(m) }),
  async verify(args, io) {
    const options = parseOptions(args, AUTH);
    const dataDir = resolveDataDir(typeof options.data === 'string' ? ['--data', options.data] : []);
    // With a user, the files are decrypted and validated and the audit log is checked against the stored head.
    // It only reads: no lock, no recovery from backups, no writes (it may run beside the open app).
    let checks: FileCheck[];
    if (typeof options.user === 'string') {
      const keyring = await Keyring.open(dataDir);
      const { keys } = await keyring.login(options.user, await password(options), new Date()).catch((err: unknown) => {
        throw new InputError((err as Error).message);
      });
      const codec = encryptedCodec(subKey(keys.data, 'files'));
      checks = [...(await verifyStore(dataDir, codec)), ...(await auditFileChecks(dataDir, await readAuditHead(dataDir, codec)))];
    } else {
      checks = [...(await verifyStore(dataDir)), ...(await auditFileChecks(dataDir))];
    }
    const bad = checks.filter((c) => !c.ok);
    for (const c of checks) (c.ok ? io.out : io.err)(`${c.ok ? '正常' : '损坏'}  ${c.file}${c.problem ? `  —— ${c.problem}` : ''}\n`);
    if (bad.length) {
      io.err(`发现 ${bad.length} 个问题文件（共检查 ${checks.length} 个） / ${bad.length} of ${checks.length} files failed: ${dataDir}\n`);
      return 1;
    }
    io.out(`全部 ${checks.length} 个文件完好 / all ${checks.length} files are sound: ${dataDir}\n`);
    return 0;
  },
  async seed(args, io) {
    const options = parseOptions(args, { ...AUTH, cases: 'value', seed: 'value' });
    const count = positiveInt(options.cases, 'cases');
    const seed = positiveInt(options.seed, 'seed', 1);
    const started = performance.now();
    const created = await withBackend(options, async (b) => {
      b.context.session.authorise('settings.write');
      if (!b.context.store.settings().office) throw new InputError('请先完成初始设置（在界面中填写本机关信息）后再写入演示数据');
      return seedDemoCases(b.context, count, seed);
    });
    io.out(`已写入 ${created} 件演示数据，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒 / wrote ${created} demo cases\n`);
    return 0;
  },
  async deadline(args, io) {
    // With --data and --user, the office's own calendar (with any years it loaded); otherwise the shipped one.
    const own = new Set(['--data', '--user', '--password-file']);
    const auth = args.flatMap((a, i) => (own.has(a) ? [a, args[i + 1] ?? ''] : []));
    const rest = args.filter((a, i) => !own.has(a) && !own.has(args[i - 1] ?? ''));
    if (!auth.includes('--data')) return deadlineCommand(rest, io);
    const options = parseOptions(auth, AUTH);
    const years = await withBackend(options, async (b) => b.context.store.settings().calendarYears);
    return deadlineCommand(rest, io, years);
  },
  async calendar(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'import') throw new UsageError('calendar 需要子命令 import / calendar needs import');
    const file = rest.find((a, i) => !a.startsWith('--') && !['--data', '--user', '--password-file'].includes(rest[i - 1] ?? ''));
    if (!file) throw new UsageError('calendar import 需要文件 / calendar import needs FILE');
    const options = parseOptions(rest.filter((a) => a !== file), AUTH);
    const text = await fsp.readFile(file, 'utf8').catch(() => {
      throw new InputError(`无法读取文件 / cannot read ${file}`);
    });
    const result = await withBackend(options, (b) => call(b, 'calendar.import', { text }));
    io.out(`已载入 ${result.years.join('、')} 年节假日安排，重新计算 ${result.recomputed} 件的期限（${result.tookMs} ms） / loaded ${result.years.join(', ')}\n`);
    return 0;
  },
  async repeats(args, io) {
    const options = parseOptions(args, { ...AUTH, case: 'value', json: 'flag' });
    if (typeof options.case !== 'string') throw new UsageError('repeats 需要 --case ID / repeats needs --case ID');
    const suggestions = await withBackend(options, (b) => call(b, 'repeats.forCase', { id: options.case as string }));
    io.out(options.json ? `${JSON.stringify(suggestions, null, 2)}\n` : suggestions.map((s) => `${s.caseNo}\t${s.kind}\t${s.score}\t${s.reasons.join('；')}`).join('\n') + '\n');
    return 0;
  },
  async letter(args, io) {
    const options = parseOptions(args, { ...AUTH, case: 'value', type: 'value', out: 'value', fields: 'value', draft: 'flag' });
    const { case: caseId, type, out } = options;
    if (typeof caseId !== 'string' || typeof type !== 'string' || typeof out !== 'string') {
      throw new UsageError('letter 需要 --case ID --type TYPE --out FILE.docx / letter needs --case, --type and --out');
    }
    if (!(DOCUMENT_TYPES as readonly string[]).includes(type)) throw new UsageError(`未知文书类型 / unknown type: ${type}（${DOCUMENT_TYPES.join('、')}）`);
    const fields = typeof options.fields === 'string' ? await readFields(options.fields) : {};
    const written = await withBackend(options, async (b) => {
      const drafted = await call(b, 'documents.draft', { caseId, type, fields });
      if (options.draft) {
        await fsp.writeFile(out, await renderDocx({ ...drafted.draft, issuerMark: drafted.issuerMark, docNo: drafted.docNo }));
        return { docNo: '（草稿）', missing: drafted.missing };
      }
      const current = await call(b, 'cases.get', { id: caseId });
      const issued = await call(b, 'documents.issue', { caseId, expectedUpdatedAt: current.updatedAt, draft: drafted.draft });
      const file = await call(b, 'documents.download', { caseId, documentId: issued.documentId });
      await fsp.writeFile(out, Buffer.from(file.base64, 'base64'));
      return { docNo: issued.docNo || '（无文号）', missing: [] };
    });
    io.out(`${written.docNo}\t${out}\n`);
    if (written.missing.length) io.err(`尚需填写 / still to fill in: ${written.missing.join('、')}\n`);
    return 0;
  },
  async stats(args, io) {
    const options = parseOptions(args, { ...AUTH, from: 'value', to: 'value', json: 'flag' });
    const { from, to } = options;
    if (typeof from !== 'string' || typeof to !== 'string') throw new UsageError('stats 需要 --from YYYY-MM-DD --to YYYY-MM-DD / stats needs --from and --to');
    const stats = await withBackend(options, (b) => call(b, 'statistics.compute', { from, to }));
    if (options.json) {
      const { tookMs: _took, ...figures } = stats;
      io.out(`${JSON.stringify(figures, null, 2)}\n`);
      return 0;
    }
    const t = stats.totals;
    const rates = RATES.map((k) => `${RATE_LABELS[k]} ${percent(stats.rates[k])}`).join('，');
    io.out(`${stats.period.from} 至 ${stats.period.to}（截至 ${stats.cutoff}）：收件 ${t.received}，已办结 ${t.concluded}，未办结 ${t.open}，本期办结 ${t.concludedInPeriod}，超期 ${t.overdue}\n${rates}\n`);
    return 0;
  },
  async bulletin(args, io) {
    const options = parseOptions(args, { ...AUTH, month: 'value', out: 'value', xlsx: 'value', 'doc-no': 'value' });
    const { month, out, xlsx } = options;
    if (typeof month !== 'string' || typeof out !== 'string') throw new UsageError('bulletin 需要 --month YYYY-MM --out FILE.docx / bulletin needs --month and --out');
    const files = await withBackend(options, (b) => call(b, 'statistics.bulletin', { month, docNo: typeof options['doc-no'] === 'string' ? options['doc-no'] : '' }));
    await fsp.writeFile(out, Buffer.from(files.docx.base64, 'base64'));
    if (typeof xlsx === 'string') await fsp.writeFile(xlsx, Buffer.from(files.xlsx.base64, 'base64'));
    io.out(`${out}${typeof xlsx === 'string' ? `\t${xlsx}` : ''}\n`);
    return 0;
  },
  async bench(args, io) {
    const options = parseOptions(args, { cases: 'value', json: 'flag', backend: 'value', part: 'value' });
    // The benchmark's own backend process (see benchBackend): JSON on stdout.
    if (typeof options.backend === 'string') {
      const part = BENCH_PARTS.find((p) => p === options.part);
      if (!part) throw new UsageError(`--part 应为 ${BENCH_PARTS.join('、')} 之一 / --part must be one of ${BENCH_PARTS.join(', ')}`);
      io.out(`${JSON.stringify(await benchBackend(options.backend, part))}\n`);
      return 0;
    }
    const cases = positiveInt(options.cases, 'cases', 50_000);
    const report = await runBench(cases, options.json ? undefined : (line) => io.err(`${line}\n`));
    io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${benchTable(report)}\n`);
    return 0;
  },
  async case(args, io) {
    const [sub, ...rest] = args;
    const command = sub && Object.hasOwn(caseCommands, sub) ? caseCommands[sub] : undefined;
    if (!command) throw new UsageError(`case 需要子命令 add、list 或 show / case needs add, list or show${sub ? `: ${sub}` : ''}`);
    return command(rest, io);
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
  try {
    return await command(args, io);
  } catch (err) {
    io.err(`错误 / error: ${(err as Error).message}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}
