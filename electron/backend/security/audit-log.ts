import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { fsyncDir } from '../store/durable-file.js';
import type { FileCheck } from '../store/verify.js';
import { localIsoDate } from '../time.js';

/*
 * The audit log is plaintext on purpose: callers record ids (case id, user name, file name), never a
 * reporter's name, phone or ID number, so nothing in it needs the store's encryption. Keeping it plain
 * lets `xinfang verify` and an inspector check the chain without the data key.
 *
 * Tamper evidence comes from the hash chain plus an anchor: anyone can recompute a plain SHA-256 chain
 * after editing it, so the backend keeps the latest head (seq + hash) inside its encrypted store and
 * passes it to `verifyAuditLog` / `AuditLog.checkHead`. A rewritten or truncated chain then no longer
 * contains that head. Because the anchor moves on with the next append, `checkHead` writes what it found
 * into the chain as an `audit.anomaly` entry, and verification reports every such entry for good.
 */

export const AUDIT_DIR = 'audit';
const ZERO_HASH = '0'.repeat(64);
const FILE_PATTERN = /^audit-(\d{4})\.jsonl$/;
const NEWLINE = 0x0a;
const DAY_MS = 24 * 60 * 60 * 1000;

/*
 * Retention: the app never deletes or rewrites an audit entry, and there is deliberately no API for it.
 * Entries are filed per calendar year so that, once every entry of a year is older than
 * `auditRetentionDays`, the administrator may move that year's file to an archive by hand. Verification
 * accepts a chain that starts after seq 1 only when its earliest remaining entry is itself older than
 * the retention period (everything archived is older still); an earlier gap is reported.
 * Limitation: once past retention, removing whole leading entries cannot be told apart from archiving,
 * because the anchor kept by the backend only pins the tail.
 */
export const auditRetentionDays = 180;

export const AUDIT_ACTIONS = [
  'login',
  'login.failed',
  'logout',
  'lock',
  'unlock',
  'reveal',
  'export',
  'import',
  'print',
  'document.issue',
  'archive',
  'archive.undo',
  'archive.refused',
  'settings.change',
  'user.create',
  'user.update',
  'user.disable',
  'password.change',
  'recovery.create',
  'recovery.use',
  'data.migrate',
  'permission.denied',
  'audit.anomaly',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  login: '登录',
  'login.failed': '登录失败',
  logout: '退出登录',
  lock: '锁定工作台',
  unlock: '解锁工作台',
  reveal: '查看检举控告人身份',
  export: '导出',
  import: '导入',
  print: '打印',
  'document.issue': '出具文书',
  archive: '信访件存档',
  'archive.undo': '撤销存档',
  'archive.refused': '修改已存档信访件被拒绝',
  'settings.change': '修改设置',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'password.change': '修改密码',
  'recovery.create': '生成恢复码',
  'recovery.use': '使用恢复码',
  'data.migrate': '数据迁移',
  'permission.denied': '无权限操作被拒绝',
  'audit.anomaly': '审计日志异常',
};

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
  success: '成功',
  failure: '失败',
  denied: '被拒绝',
};

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const auditEntrySchema = z.strictObject({
  seq: z.int().positive(),
  at: z.iso.datetime(),
  user: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  object: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  detail: z.string(),
  prev: hex64,
  hash: hex64,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const appendSchema = z.object({
  user: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  object: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  detail: z.string().optional(),
});
export type AuditAppend = z.input<typeof appendSchema>;

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface AuditQuery {
  /** ISO instant, or YYYY-MM-DD for the start of that local day. */
  from?: string;
  /** ISO instant, or YYYY-MM-DD for the end of that local day (inclusive). */
  to?: string;
  user?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface AuditVerifyResult {
  ok: boolean;
  entries: number;
  problems: string[];
}

// Fixed key order: the hash must not depend on how an object happened to be built.
function hashedText(e: Omit<AuditEntry, 'hash'>): string {
  return JSON.stringify({
    seq: e.seq,
    at: e.at,
    user: e.user,
    action: e.action,
    object: e.object,
    outcome: e.outcome,
    detail: e.detail,
    prev: e.prev,
  });
}

function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(hashedText(e), 'utf8').digest('hex');
}

/** The one accepted byte form of a line; any other spelling of the same values counts as tampering. */
function serializeEntry(e: AuditEntry): string {
  return `${hashedText(e).slice(0, -1)},"hash":${JSON.stringify(e.hash)}}`;
}

export function auditFileName(year: number): string {
  return `audit-${year}.jsonl`;
}

// The year comes from the stored UTC timestamp so that verification gives the same answer on any PC,
// whatever its time zone; a few hours' skew at New Year does not matter for archiving.
function yearOf(at: string): number {
  return Number(at.slice(0, 4));
}

interface Problem {
  file: string;
  line?: number;
  text: string;
}

function formatProblem(p: Problem): string {
  return p.line === undefined ? `${p.file}：${p.text}` : `${p.file} 第 ${p.line} 行：${p.text}`;
}

interface ChainRead {
  entries: AuditEntry[];
  problems: Problem[];
  /** Years with a file present, ascending. */
  years: number[];
  /** The last entry in file order, even if it failed a check: new entries chain from it. */
  last: AuditEntry | null;
}

function splitLines(bytes: Buffer): { lines: Buffer[]; unterminated: boolean } {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = bytes.indexOf(NEWLINE); i >= 0; i = bytes.indexOf(NEWLINE, start)) {
    lines.push(bytes.subarray(start, i));
    start = i + 1;
  }
  const unterminated = start < bytes.length;
  if (unterminated) lines.push(bytes.subarray(start));
  return { lines, unterminated };
}

function seqRange(from: number, to: number): string {
  return from === to ? `第 ${from} 条` : `第 ${from}–${to} 条`;
}

async function listYears(dir: string): Promise<number[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .map((n) => FILE_PATTERN.exec(n)?.[1])
    .filter((y): y is string => y !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Whether the chain still holds the head the backend last stored; null when it does. */
function headProblem(entries: readonly AuditEntry[], expected: AuditHead): string | null {
  if (expected.seq <= 0) return null;
  const atHead = entries.find((e) => e.seq === expected.seq);
  if (atHead) return atHead.hash === expected.hash ? null : `第 ${expected.seq} 条记录与系统保存的最新哈希不符（日志被改写）`;
  const maxSeq = entries.reduce((m, e) => Math.max(m, e.seq), 0);
  return `审计日志末尾被截断或删除：系统记录的最新一条为第 ${expected.seq} 条，日志中${maxSeq ? `只到第 ${maxSeq} 条` : '没有任何记录'}`;
}

async function readChain(dataDir: string, now: Date, expectedHead?: AuditHead): Promise<ChainRead> {
  const dir = path.join(dataDir, AUDIT_DIR);
  const years = await listYears(dir);
  const entries: AuditEntry[] = [];
  const problems: Problem[] = [];
  let previous: AuditEntry | null = null;
  // After an unreadable line the next entry's predecessor is unknown: only its order can be checked.
  let afterUnreadable = false;
  let lastGoodSeq = 0;
  let previousYear: number | null = null;

  for (const year of years) {
    const file = auditFileName(year);
    const { lines, unterminated } = splitLines(await fsp.readFile(path.join(dir, file)));
    const missingBefore: [number, number] | null = previousYear !== null && year > previousYear + 1 ? [previousYear + 1, year - 1] : null;
    let firstInFile = true;
    for (const [index, bytes] of lines.entries()) {
      const line = index + 1;
      const report = (text: string) => problems.push({ file, line, text });
      if (unterminated && index === lines.length - 1) report('最后一行不完整（缺少换行，写入中断或文件被截断）');
      if (bytes.length === 0) {
        report('空行（日志中不应出现空行）');
        continue;
      }
      let json: unknown;
      try {
        json = JSON.parse(bytes.toString('utf8'));
      } catch {
        report('无法解析（不是有效的记录）');
        afterUnreadable = true;
        continue;
      }
      const parsed = auditEntrySchema.safeParse(json);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '（整条）'))].join('、');
        report(`格式不符（字段：${fields}）`);
        afterUnreadable = true;
        continue;
      }
      const e = parsed.data;
      if (entryHash(e) !== e.hash) report('内容被修改（哈希不符）');
      else if (!Buffer.from(serializeEntry(e), 'utf8').equals(bytes)) report('内容被修改（与规范写法不一致）');
      if (yearOf(e.at) > year) report(`记录时间 ${e.at} 晚于所在年份文件`);
      if (e.action === 'audit.anomaly') report(`系统于 ${localDateTime(e.at)} 发现审计日志异常：${e.detail}`);

      if (afterUnreadable) {
        if (e.seq <= lastGoodSeq) report(`序号 ${e.seq} 不在第 ${lastGoodSeq} 条之后（记录被插入或调换了顺序）`);
      } else if (previous === null) {
        if (e.seq === 1) {
          if (e.prev !== ZERO_HASH) report('首条记录的前一哈希应为全零（链的开头被改动）');
        } else if (now.getTime() - Date.parse(e.at) < auditRetentionDays * DAY_MS) {
          report(`${seqRange(1, e.seq - 1)}记录不在数据目录中（较早的年度文件被删除或提前归档；审计记录须保留至少 ${auditRetentionDays} 天）`);
        }
      } else {
        const expected = previous.seq + 1;
        if (e.seq !== expected) {
          if (firstInFile && missingBefore && e.seq > expected) {
            const [a, b] = missingBefore;
            const names = a === b ? auditFileName(a) : `${auditFileName(a)} 至 ${auditFileName(b)}`;
            problems.push({ file: names, text: `文件缺失，${seqRange(expected, e.seq - 1)}记录不在日志中` });
          } else if (e.seq > expected) {
            report(`序号不连续：应为 ${expected}，实为 ${e.seq}（${seqRange(expected, e.seq - 1)}记录被删除，或记录被调换了顺序）`);
          } else {
            report(`序号不连续：应为 ${expected}，实为 ${e.seq}（记录被插入或调换了顺序）`);
          }
        } else if (e.prev !== previous.hash) {
          report('与上一条记录的链接断开（前一哈希不符）');
        }
      }
      previous = e;
      afterUnreadable = false;
      lastGoodSeq = e.seq;
      firstInFile = false;
      entries.push(e);
    }
    previousYear = year;
  }

  const text = expectedHead ? headProblem(entries, expectedHead) : null;
  if (text) problems.push({ file: years.length ? auditFileName(years[years.length - 1]!) : AUDIT_DIR, text });
  return { entries, problems, years, last: previous };
}

/**
 * Checks every yearly file of the chain. `expectedHead` is the head the backend last stored in its
 * encrypted store; without it a deleted tail looks like a shorter, intact log.
 */
export async function verifyAuditLog(
  dataDir: string,
  expectedHead?: AuditHead,
  options: { now?: () => Date } = {},
): Promise<AuditVerifyResult> {
  const read = await readChain(dataDir, (options.now ?? (() => new Date()))(), expectedHead);
  return { ok: read.problems.length === 0, entries: read.entries.length, problems: read.problems.map(formatProblem) };
}

/** The audit chain in the shape `xinfang verify` prints: one row per yearly file, plus rows for missing files. */
export async function auditFileChecks(dataDir: string, expectedHead?: AuditHead, options: { now?: () => Date } = {}): Promise<FileCheck[]> {
  const read = await readChain(dataDir, (options.now ?? (() => new Date()))(), expectedHead);
  const label = (file: string) => (file === AUDIT_DIR ? `${AUDIT_DIR}/` : `${AUDIT_DIR}/${file}`);
  const byFile = new Map<string, string[]>(read.years.map((y) => [label(auditFileName(y)), []]));
  for (const p of read.problems) {
    const key = label(p.file);
    byFile.set(key, [...(byFile.get(key) ?? []), p.line === undefined ? p.text : `第 ${p.line} 行：${p.text}`]);
  }
  // An empty row would hide that the audit log was looked at at all.
  if (byFile.size === 0) return [{ file: `${AUDIT_DIR}/`, ok: true, problem: '尚无审计记录' }];
  return [...byFile].map(([file, problems]) => (problems.length ? { file, ok: false, problem: problems.join('；') } : { file, ok: true }));
}

function parseBound(value: string, edge: 'start' | 'end'): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    // A bare date means the office's local calendar day, as picked in the UI.
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    return edge === 'start' ? new Date(y, m - 1, d).getTime() : new Date(y, m - 1, d + 1).getTime() - 1;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new AppError('INVALID_INPUT', `查询时间无效：${value}`);
  return t;
}

function csvField(value: string | number): string {
  let text = String(value);
  // A cell starting with = + - @ would run as a formula when the export is opened in Excel.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function localDateTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localIsoDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** CSV for the administrator's export. The BOM makes Excel read it as UTF-8 instead of GBK. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const header = ['序号', '时间', '用户', '操作', '对象', '结果', '说明', '哈希'];
  const rows = entries.map((e) =>
    [e.seq, localDateTime(e.at), e.user, AUDIT_ACTION_LABELS[e.action], e.object, AUDIT_OUTCOME_LABELS[e.outcome], e.detail, e.hash].map(csvField).join(','),
  );
  return `\uFEFF${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

/**
 * The append-only audit log of one data directory. Nothing here edits or deletes an entry.
 * An append that fails rejects, so callers can refuse the audited action rather than perform it unrecorded.
 */
export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly presentYears: Set<number>;
  private dirReady: boolean;

  private constructor(
    private readonly dataDir: string,
    private readonly now: () => Date,
    private readonly entries: AuditEntry[],
    private headSeq: number,
    private headHash: string,
    private fileYear: number | null,
    years: number[],
    private readonly found: string[],
  ) {
    this.presentYears = new Set(years);
    this.dirReady = years.length > 0;
  }

  /**
   * Reads and checks the existing chain. A broken chain still opens, because the app must keep recording,
   * but new entries chain from the last entry as read (numbered after the highest seq seen) and nothing is
   * renumbered or repaired, so the break stays in the files and `verify` keeps reporting it.
   * With `expectedHead`, `checkHead` runs before anything else is appended.
   */
  static async open(dataDir: string, now: () => Date = () => new Date(), expectedHead?: AuditHead | null): Promise<AuditLog> {
    const read = await readChain(dataDir, now());
    const seq = read.entries.reduce((m, e) => Math.max(m, e.seq), 0);
    const fileYear = read.years.length ? read.years[read.years.length - 1]! : null;
    const log = new AuditLog(dataDir, now, read.entries, seq, read.last?.hash ?? ZERO_HASH, fileYear, read.years, read.problems.map(formatProblem));
    await log.checkHead(expectedHead);
    return log;
  }

  /** Chain problems found on opening and by `checkHead`; they stay in the files, so `verify` keeps reporting them. */
  get problems(): readonly string[] {
    return this.found;
  }

  /**
   * Compares the chain with the head the backend kept in its encrypted store. Call it as soon as that store
   * opens and before storing a new head: entries appended meanwhile (failed logins) may already have
   * reused the numbers of a deleted tail. A mismatch is recorded as an `audit.anomaly` entry, because the
   * next stored head would otherwise make the loss invisible. Returns the problems found.
   */
  checkHead(expected: AuditHead | null | undefined): Promise<string[]> {
    if (!expected) return Promise.resolve([]);
    return this.enqueue(async () => {
      const text = headProblem(this.entries, expected);
      if (!text) return [];
      this.found.push(text);
      await this.write({ user: '系统', action: 'audit.anomaly', object: '审计日志', outcome: 'failure', detail: text });
      return [text];
    });
  }

  append(input: AuditAppend): Promise<AuditEntry> {
    const parsed = appendSchema.safeParse(input);
    if (!parsed.success) return Promise.reject(new AppError('INVALID_INPUT', '审计记录内容无效', parsed.error.message));
    return this.enqueue(() => this.write({ ...parsed.data, detail: parsed.data.detail ?? '' }));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  head(): AuditHead {
    return { seq: this.headSeq, hash: this.headHash };
  }

  query(f: AuditQuery): { total: number; entries: AuditEntry[] } {
    const from = f.from ? parseBound(f.from, 'start') : -Infinity;
    const to = f.to ? parseBound(f.to, 'end') : Infinity;
    const page = Math.max(1, Math.floor(f.page));
    const pageSize = Math.max(1, Math.floor(f.pageSize));
    const matched: AuditEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      const t = Date.parse(e.at);
      if (t < from || t > to) continue;
      if (f.user !== undefined && e.user !== f.user) continue;
      if (f.action !== undefined && e.action !== f.action) continue;
      if (f.outcome !== undefined && e.outcome !== f.outcome) continue;
      matched.push(e);
    }
    return { total: matched.length, entries: matched.slice((page - 1) * pageSize, page * pageSize) };
  }

  /** Every entry as read and appended, oldest first. */
  all(): AuditEntry[] {
    return [...this.entries];
  }

  private async write(input: Omit<AuditEntry, 'seq' | 'at' | 'prev' | 'hash'>): Promise<AuditEntry> {
    const at = this.now().toISOString();
    // A clock set back across New Year must not reopen last year's file: archived years stay closed.
    const year = Math.max(yearOf(at), this.fileYear ?? 0);
    const body = { seq: this.headSeq + 1, at, ...input, prev: this.headHash };
    const entry: AuditEntry = { ...body, hash: entryHash(body) };
    try {
      await this.appendLine(year, serializeEntry(entry));
    } catch (err) {
      throw new AppError('STORE_UNAVAILABLE', '审计日志写入失败，操作未完成。请检查磁盘空间和数据目录权限。', (err as Error).message);
    }
    this.entries.push(entry);
    this.headSeq = entry.seq;
    this.headHash = entry.hash;
    this.fileYear = year;
    return entry;
  }

  private async appendLine(year: number, line: string): Promise<void> {
    const dir = path.join(this.dataDir, AUDIT_DIR);
    if (!this.dirReady) {
      const created = await fsp.mkdir(dir, { recursive: true });
      if (created) await fsyncDir(path.dirname(dir));
      this.dirReady = true;
    }
    // 'a+' rather than 'a' so the last byte can be read: after a torn write the partial line must stay
    // a line of its own (and keep being reported) instead of swallowing the new entry.
    const handle = await fsp.open(path.join(dir, auditFileName(year)), 'a+');
    try {
      const { size } = await handle.stat();
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== NEWLINE) prefix = '\n';
      }
      await handle.writeFile(`${prefix}${line}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!this.presentYears.has(year)) {
      await fsyncDir(dir);
      this.presentYears.add(year);
    }
  }
}
