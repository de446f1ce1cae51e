import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DocumentDraft } from '../../../shared/documents/model.js';
import { renderDocx } from '../documents/docx.js';
import { JSONFile } from 'lowdb/node';
import { Low } from 'lowdb';
import { openBackend, type Backend } from '../backend.js';
import { silentLogger } from '../log.js';
import { encryptedCodec, subKey } from '../security/codec.js';
import { seedDemoCases } from '../services/demo.js';
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
  peakRssMb: number;
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

export async function runBench(cases: number, log: (line: string) => void = () => undefined): Promise<BenchReport> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-'));
  const rows: BenchRow[] = [];
  let peak = process.memoryUsage().rss;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const row = (name: string, medianMs: number, runs: number, note?: string) => {
    rows.push({ name, medianMs, runs, note });
    log(`${name}: ${medianMs} ms${note ? `（${note}）` : ''}`);
    sample();
  };
  try {
    const dataDir = path.join(root, 'office');
    const backend = await openBackend({ dataDir, host: 'cli', version: 'bench', log: silentLogger });
    await ok(backend, 'auth.setupAdmin', { ...BENCH_USER, createRecoveryKey: false });
    await ok(backend, 'settings.setupOffice', OFFICE);
    const seedStarted = performance.now();
    await seedDemoCases(backend.context, cases, 1);
    log(`写入 ${cases} 件演示数据：${Math.round(performance.now() - seedStarted)} ms`);
    const keys = backend.context.session.keys;
    const records = [...backend.context.store.cases.values()];
    await backend.close();

    // The same records in a plain (unencrypted) store and in one plain lowdb file: the baselines.
    const plainDir = path.join(root, 'plain');
    const plain = await Store.open(plainDir);
    await plain.cases.put(...records);
    const lowdbFile = path.join(root, 'lowdb.json');
    await writeFile(lowdbFile, JSON.stringify({ cases: records }, null, 2));
    sample();

    const codec = () => encryptedCodec(subKey(keys.data, 'files'));
    const attachmentKeys = { fileKey: subKey(keys.data, 'files'), nameKey: subKey(keys.data, 'names') };
    const openEncrypted = await measure(5, () => Store.open(dataDir, { codec: codec(), attachmentKeys }));
    row('冷启动打开（加密存储）', openEncrypted, 5);
    const openPlain = await measure(5, () => Store.open(plainDir));
    row('冷启动打开（未加密存储）', openPlain, 5, `加密/未加密 = ${(openEncrypted / openPlain).toFixed(2)}×`);
    let lowdb = new Low<{ cases: typeof records }>(new JSONFile(lowdbFile), { cases: [] });
    const openLowdb = await measure(3, async () => {
      lowdb = new Low<{ cases: typeof records }>(new JSONFile(lowdbFile), { cases: [] });
      await lowdb.read();
    });
    row('冷启动打开（单文件 lowdb 基线）', openLowdb, 3);

    const app = await openBackend({ dataDir, host: 'cli', version: 'bench', log: silentLogger });
    await ok(app, 'auth.login', { name: BENCH_USER.name, password: BENCH_USER.password });
    const firstLedger = await measure(1, () => ok(app, 'cases.ledger', {}));
    row('台账首次打开（建索引）', firstLedger, 1);
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
    const alerts = await measure(5, () => ok(app, 'alerts.overview', {}));
    row('预警督办总览', alerts, 5);
    const firstSuggest = await measure(1, () => ok(app, 'repeats.forCase', { id: records[0]!.id }));
    row('重复件建议（首次，建相似度索引）', firstSuggest, 1);
    row('重复件建议（新登记一件）', await measure(7, (i) => ok(app, 'repeats.forCase', { id: records[((i + 1) * 97) % records.length]!.id })), 7);

    // One letter: drafted from a case and rendered to .docx (layout included), as the editor and `letter` do.
    const drafted = await ok<{ draft: DocumentDraft; issuerMark: string; docNo: string }>(app, 'documents.draft', { caseId: records[0]!.id, type: 'supervision' });
    const letter = { ...drafted.draft, issuerMark: drafted.issuerMark, docNo: drafted.docNo };
    await renderDocx(letter);
    row('生成一份文书（督办函 .docx）', await measure(21, () => renderDocx(letter)), 21);

    const target = records[Math.floor(records.length / 2)]!;
    const saveRuns = 9;
    const save = await measure(saveRuns, async (i) => {
      const current = app.context.store.cases.get(target.id)!;
      const { identity: _i, id, caseNo: _c, status: _s, createdAt: _a, updatedAt, history: _h, ...fields } = current;
      await ok(app, 'cases.update', { id, expectedUpdatedAt: updatedAt, changes: { ...fields, region: `区域${i}` } });
    });
    row('保存一次修改（落盘）', save, saveRuns);
    const lowdbSave = await measure(3, async (i) => {
      lowdb.data.cases[0] = { ...lowdb.data.cases[0]!, region: `区域${i}` };
      await lowdb.write();
    });
    row('保存一次修改（单文件 lowdb 基线）', lowdbSave, 3, `快 ${(lowdbSave / save).toFixed(0)} 倍`);
    for (const r of await exchangeBench(app, root, records.slice(0, 10_000).map((r) => r.id), measure)) row(r.name, r.medianMs, r.runs, r.note);
    await app.close();
    return { cases, machine: `${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ''}，${Math.round(os.totalmem() / 2 ** 30)} GiB，Node ${process.version}`, date: new Date().toISOString().slice(0, 10), rows, peakRssMb: Math.round(peak / 2 ** 20) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function benchTable(report: BenchReport): string {
  const width = Math.max(...report.rows.map((r) => r.name.length)) + 2;
  const lines = report.rows.map((r) => `${r.name.padEnd(width, '　')}${String(r.medianMs).padStart(9)} ms  （${r.runs} 次中位数）${r.note ? `  ${r.note}` : ''}`);
  return [`基准测试 / benchmark：${report.cases} 件，${report.date}，${report.machine}`, ...lines, `峰值内存 / peak RSS：${report.peakRssMb} MB`].join('\n');
}
