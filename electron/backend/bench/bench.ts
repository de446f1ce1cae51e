import { execFileSync } from 'node:child_process';
import type { build as Build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DocumentDraft } from '../../../shared/documents/model.js';
import { renderDocx } from '../documents/docx.js';
import { JSONFile } from 'lowdb/node';
import { Low } from 'lowdb';
import { AFTER_LOGIN_MS } from '../app-start.js';
import { openBackend, type Backend } from '../backend.js';
import { silentLogger } from '../log.js';
import { encryptedCodec, subKey } from '../security/codec.js';
import { seedDemoCases } from '../services/demo.js';
import { Keyring } from '../security/keyring.js';
import { Store } from '../store/store.js';
import { SHIPPED_CALENDAR_YEARS } from '../../../shared/domain/calendar.js';
import { exchangeBench } from './exchange-bench.js';

/**
 * The benchmark the project keeps: seeds N demo cases into a temporary directory and measures medians, in one
 * process run, against plain single-file lowdb on the same data as the baseline.
 */
export interface BenchRow {
  name: string;
  medianMs: number;
  runs: number;
  note?: string;
}

export interface BenchReport {
  cases: number;
  machine: string;
  date: string;
  rows: BenchRow[];
  /** The backend process's peak resident memory (its own process, see benchBackend). */
  peakRssMb: number;
  /** Its V8 heap after a full garbage collection at the end: what it keeps alive. */
  liveHeapMb: number;
  /** This process's: seeding and the baselines included. */
  benchPeakRssMb: number;
}

const BENCH_USER = { name: 'bench', displayName: '基准测试', password: 'Bench#2026pw' };
const OFFICE = { fullName: '中共鹤峰县纪律检查委员会 鹤峰县监察委员会', shortName: '鹤峰县纪委监委', issuerMark: '中共鹤峰县纪律检查委员会', docCode: '鹤纪', caseNoPattern: '鹤纪信〔{年}〕{序号}号', regions: [] };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function measure(runs: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return Math.round(median(times) * 10) / 10;
}

async function ok<T>(backend: Backend, method: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

type Row = (name: string, medianMs: number, runs: number, note?: string) => void;

async function seedOffice(dataDir: string, cases: number, log: (line: string) => void) {
  const backend = await openBackend({ dataDir, host: 'cli', version: 'bench', log: silentLogger });
  await ok(backend, 'auth.setupAdmin', { ...BENCH_USER, createRecoveryKey: false });
  await ok(backend, 'settings.setupOffice', OFFICE);
  const started = performance.now();
  await seedDemoCases(backend.context, cases, 1);
  log(`写入 ${cases} 件演示数据：${Math.round(performance.now() - started)} ms`);
  await backend.close();
  // The first start of the app after the seeding reads every record and, closing, writes the ledger cache.
  const app = await openAppBackend(dataDir);
  await ok(app, 'auth.login', { name: BENCH_USER.name, password: BENCH_USER.password });
  await ok(app, 'alerts.overview', {});
  await app.close();
}

/** The backend as the app runs it: the records are read after login, the ledger opens from its cache meanwhile. */
function openAppBackend(dataDir: string) {
  return openBackend({ dataDir, host: 'cli', version: 'bench', log: silentLogger, deferRecords: true });
}

/** One durable save of an edit to a case, as the case page makes it. */
async function saveEdit(app: Backend, id: string, region: string) {
  const current = app.context.store.cases.get(id)!;
  const { identity: _i, id: _id, caseNo: _c, status: _s, createdAt: _a, updatedAt, history: _h, ...fields } = current;
  await ok(app, 'cases.update', { id, expectedUpdatedAt: updatedAt, changes: { ...fields, region } });
}

/** Cases open to edits (archived ones are read-only), from the middle of the register on. */
function editable(app: Backend) {
  const records = [...app.context.store.cases.values()];
  return [...records.slice(records.length / 2), ...records].filter((r) => !r.archive).map((r) => r.id);
}

/** The same case saved again and again: its shard's other records are serialized already. */
function measureSave(app: Backend, runs: number) {
  const [id] = editable(app);
  return measure(runs, (i) => saveEdit(app, id!, `区域${i}`));
}

/** The first save in a shard this session: every record of the shard is serialized once. */
function measureFirstSaves(app: Backend, runs: number) {
  const ids = editable(app).filter((_, i) => i % 1000 === 500);
  return measure(Math.min(runs, ids.length), (i) => saveEdit(app, ids[i]!, '首次保存'));
}

const SAVE_RUNS = 21;

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * The backend's rows in parts, each in a process of its own (`bench --backend DIR --part P`): `cold`, one start as
 * the user's (run five times); `read`, the whole store read as the CLI does; `work`, one backend as the app runs it,
 * whose peak memory is the backend's; `save`, the save in the 1,000-case office.
 */
export const BENCH_PARTS = ['cold', 'read', 'work', 'save'] as const;
interface BackendPart {
  rows: BenchRow[];
  peakRssMb: number;
  liveHeapMb?: number;
}
export type BenchPart = (typeof BENCH_PARTS)[number];

const COLD_START = '冷启动：登录至台账首页（加密存储）';
const READ_ALL = '一次读入全部记录（命令行的打开方式）';

/** One start in a process of its own, as the user's: from opening the backend to the ledger's first page. */
async function coldStart(dataDir: string, row: Row) {
  const started = performance.now();
  const app = await openAppBackend(dataDir);
  await ok(app, 'auth.login', { name: BENCH_USER.name, password: BENCH_USER.password });
  await ok(app, 'cases.ledger', {});
  row(COLD_START, Math.round(performance.now() - started), 1);
  await app.close();
}

/** The whole store read at once, as the CLI opens it, each read let go before the next. */
async function readAll(dataDir: string, row: Row) {
  const { keys } = await (await Keyring.open(dataDir)).login(BENCH_USER.name, BENCH_USER.password, new Date());
  row(READ_ALL, await measure(3, async () => {
    collectGarbage();
    await Store.open(dataDir, { codec: encryptedCodec(subKey(keys.data, 'files')) });
  }), 3);
}

export async function benchBackend(dataDir: string, part: BenchPart): Promise<BackendPart> {
  const rows: BenchRow[] = [];
  const row: Row = (name, medianMs, runs, note) => void rows.push({ name, medianMs, runs, note });
  if (part === 'cold' || part === 'read') {
    await (part === 'cold' ? coldStart : readAll)(dataDir, row);
    return { rows, peakRssMb: peakRssMb() };
  }
  const app = await openAppBackend(dataDir);
  try {
    await ok(app, 'auth.login', { name: BENCH_USER.name, password: BENCH_USER.password });
    const started = performance.now();
    await app.context.store.cases.load();
    const loaded = performance.now();
    await app.settled();
    row('登录后读入全部记录（其间台账可用）', Math.round(loaded - started), 1, '一有调用需要记录即开始');
    row('登录后台账与重复件索引全部就绪', Math.round(performance.now() - started), 1, `后台工作在登录 ${AFTER_LOGIN_MS / 1000} s 后开始`);
    // Saves first: the calendar change below rewrites hundreds of shards, and an fsync right after waits for them.
    // 21 runs: a durable save waits on the disk, which other work on a shared machine makes uneven.
    row('保存一次修改（落盘）', await measureSave(app, SAVE_RUNS), SAVE_RUNS);
    if (part === 'save') return { rows, peakRssMb: peakRssMb() };
    row('保存一次修改（该分片本次运行中首次保存）', await measureFirstSaves(app, 9), 9);
    const records = [...app.context.store.cases.values()];
    row('台账翻页', await measure(7, (i) => ok(app, 'cases.ledger', { page: 1 + i })), 7);
    row('台账筛选（来源+日期）', await measure(7, () => ok(app, 'cases.ledger', { sources: ['上级转办'], from: '2024-01-01' })), 7);
    row('台账全文搜索', await measure(7, () => ok(app, 'cases.ledger', { search: '低保' })), 7);
    await ok(app, 'cases.ledger', { search: 'zs' });
    row('台账拼音首字母搜索', await measure(7, () => ok(app, 'cases.ledger', { search: 'wjg' })), 7);

    // A calendar change recomputes every open deadline: an extra (test) holiday in 2026, then the shipped table again.
    const shipped2026 = SHIPPED_CALENDAR_YEARS.find((y) => y.year === 2026)!;
    const changed = { ...shipped2026, holidays: [...shipped2026.holidays, { name: '基准测试假日', from: '2026-11-30', to: '2026-11-30' }] };
    let recomputed = 0;
    const recompute = await measure(2, async (i) => {
      const r = await ok<{ recomputed: number }>(app, 'calendar.import', { text: JSON.stringify(i === 0 ? changed : shipped2026) });
      recomputed = Math.max(recomputed, r.recomputed);
    });
    row('节假日变更后重新计算全部期限', recompute, 2, `${recomputed} 件有未结期限`);
    row('预警督办总览', await measure(5, () => ok(app, 'alerts.overview', {})), 5);
    row('重复件建议（新登记一件）', await measure(9, (i) => ok(app, 'repeats.forCase', { id: records[((i + 1) * 97) % records.length]!.id })), 9);

    // One letter: drafted from a case and rendered to .docx (layout included), as the editor and `letter` do.
    const drafted = await ok<{ draft: DocumentDraft; issuerMark: string; docNo: string }>(app, 'documents.draft', { caseId: records[0]!.id, type: 'supervision' });
    const letter = { ...drafted.draft, issuerMark: drafted.issuerMark, docNo: drafted.docNo };
    await renderDocx(letter);
    row('生成一份文书（督办函 .docx）', await measure(21, () => renderDocx(letter)), 21);

    // 统计: the dashboard over every case (the widest period), and one month's 通报 (.docx and .xlsx). On a shared
    // machine the process's own CPU time says more than the wall clock, so the note gives it too.
    const today = new Date().toISOString().slice(0, 10);
    /** The wall clock and, in the same runs, this process's CPU time. */
    const timed = async (name: string, runs: number, fn: () => Promise<unknown>) => {
      await fn();
      const cpu: number[] = [];
      const wall = await measure(runs, async () => {
        const before = process.cpuUsage();
        await fn();
        const used = process.cpuUsage(before);
        cpu.push((used.user + used.system) / 1000);
      });
      row(name, wall, runs, `CPU 时间中位数 ${Math.round(median(cpu))} ms`);
    };
    await timed('统计（全部案件，仪表盘）', 7, () => ok(app, 'statistics.compute', { from: '2000-01-01', to: today }));
    await timed('一月一通报（.docx + .xlsx）', 7, () => ok(app, 'statistics.bulletin', { month: today.slice(0, 7) }));

    // What stays alive of all this (records, caches, indexes), beside the peak that includes garbage not yet collected.
    collectGarbage();
    return { rows, peakRssMb: peakRssMb(), liveHeapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) };
  } finally {
    await app.close();
  }
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * The CLI as the app ships it, bundled (`npm run build` does the same): run from the TypeScript sources, this process
 * carries the loader's compiler and module cache, about 100 MB that the app's backend does not have.
 */
async function bundledCli(root: string): Promise<string> {
  const script = process.argv[1]!;
  if (script.endsWith('.mjs')) return script;
  // Named at run time, so that bundling this file does not take in the bundler itself.
  const bundler = 'esbuild';
  const { build } = (await import(bundler)) as { build: typeof Build };
  const outfile = path.join(root, 'cli.mjs');
  const banner = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";
  await build({ entryPoints: [script], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, banner: { js: banner }, logLevel: 'warning' });
  return outfile;
}

/** Runs `bench --backend DIR --part P` in a process of its own, with the bundled CLI. */
function backendProcess(cli: string, dataDir: string, part: BenchPart): BackendPart {
  const args = ['--expose-gc', cli, 'bench', '--backend', dataDir, '--part', part];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 2 ** 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out) as BackendPart;
}

export async function runBench(cases: number, log: (line: string) => void = () => undefined): Promise<BenchReport> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-'));
  const rows: BenchRow[] = [];
  const row: Row = (name, medianMs, runs, note) => {
    rows.push({ name, medianMs, runs, note });
    log(`${name}: ${medianMs} ms${note ? `（${note}）` : ''}`);
  };
  const find = (name: string) => rows.find((r) => r.name === name)!;
  try {
    const dataDir = path.join(root, 'office');
    await seedOffice(dataDir, cases, log);
    const small = path.join(root, 'office-1000');
    await seedOffice(small, 1000, () => undefined);

    const cli = await bundledCli(root);
    const starts = Array.from({ length: 5 }, () => backendProcess(cli, dataDir, 'cold').rows[0]!.medianMs);
    row(COLD_START, median(starts), starts.length, `每次一个新进程（含口令密钥派生，台账取自台账缓存）：${starts.join('、')} ms`);
    backendProcess(cli, dataDir, 'read').rows.forEach((r) => row(r.name, r.medianMs, r.runs, r.note));
    const backend = backendProcess(cli, dataDir, 'work');
    backend.rows.forEach((r) => row(r.name, r.medianMs, r.runs, r.note));
    const smallSave = backendProcess(cli, small, 'save').rows.find((r) => r.name === '保存一次修改（落盘）')!;
    const save = find('保存一次修改（落盘）');
    save.note = `1000 件时 ${smallSave.medianMs} ms，${cases} 件/1000 件 = ${(save.medianMs / smallSave.medianMs).toFixed(2)}×`;
    log(`保存一次修改（1000 件）：${smallSave.medianMs} ms`);

    // The baselines, on the same records: a plain (unencrypted) store and one plain lowdb file.
    const reader = await openBackend({ dataDir, host: 'cli', version: 'bench', log: silentLogger });
    await ok(reader, 'auth.login', { name: BENCH_USER.name, password: BENCH_USER.password });
    const records = [...reader.context.store.cases.values()];
    // 交换: 10,000 of these cases exported to, and imported by, new offices (in this process: each office is its own).
    for (const r of await exchangeBench(reader, root, records.slice(0, 10_000).map((r) => r.id), measure)) row(r.name, r.medianMs, r.runs, r.note);
    await reader.close();
    const plainDir = path.join(root, 'plain');
    const plain = await Store.open(plainDir);
    await plain.cases.put(...records);
    const lowdbFile = path.join(root, 'lowdb.json');
    await writeFile(lowdbFile, JSON.stringify({ cases: records }, null, 2));

    const coldOpen = find(COLD_START).medianMs;
    const readAllMs = find(READ_ALL).medianMs;
    const openPlain = await measure(3, () => Store.open(plainDir));
    row('一次读入全部记录（未加密存储，完整校验）', openPlain, 3, `加密/未加密 = ${(readAllMs / openPlain).toFixed(2)}×`);
    let lowdb = new Low<{ cases: typeof records }>(new JSONFile(lowdbFile), { cases: [] });
    const openLowdb = await measure(3, async () => {
      lowdb = new Low<{ cases: typeof records }>(new JSONFile(lowdbFile), { cases: [] });
      await lowdb.read();
    });
    row('冷启动打开（单文件 lowdb 基线）', openLowdb, 3, `本程序冷启动快 ${(openLowdb / coldOpen).toFixed(1)} 倍，一次读入全部记录快 ${(openLowdb / readAllMs).toFixed(1)} 倍`);
    const lowdbSave = await measure(3, async (i) => {
      lowdb.data.cases[0] = { ...lowdb.data.cases[0]!, region: `区域${i}` };
      await lowdb.write();
    });
    row('保存一次修改（单文件 lowdb 基线）', lowdbSave, 3, `本程序快 ${(lowdbSave / save.medianMs).toFixed(0)} 倍`);
    return {
      cases,
      machine: `${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ''}，${Math.round(os.totalmem() / 2 ** 30)} GiB，Node ${process.version}`,
      date: new Date().toISOString().slice(0, 10),
      rows,
      peakRssMb: backend.peakRssMb,
      liveHeapMb: backend.liveHeapMb ?? 0,
      benchPeakRssMb: peakRssMb(),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function benchTable(report: BenchReport): string {
  const width = Math.max(...report.rows.map((r) => r.name.length)) + 2;
  const lines = report.rows.map((r) => `${r.name.padEnd(width, '　')}${String(r.medianMs).padStart(9)} ms  （${r.runs} 次中位数）${r.note ? `  ${r.note}` : ''}`);
  return [`基准测试 / benchmark：${report.cases} 件，${report.date}，${report.machine}`, ...lines, `后端进程峰值内存 / backend peak RSS：${report.peakRssMb} MB；结束时完整回收后仍占用的堆 / live heap：${report.liveHeapMb} MB（基准测试进程含写入演示数据与基线：${report.benchPeakRssMb} MB）`].join('\n');
}
