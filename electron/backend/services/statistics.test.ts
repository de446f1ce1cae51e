import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/domain/case.js';
import { TERMINAL_STAGES } from '../../../shared/domain/loop.js';
import { DEFAULT_STATISTICS_SETTINGS, percent, statisticalMonth, statisticalYear, type Period, type Statistics } from '../../../shared/domain/statistics.js';
import type { Backend } from '../backend.js';
import { runCli } from '../cli/cli.js';
import { convertToPdf, measurePdf, pdfToolsAvailable, renderPng } from '../documents/pdf-measure.js';
import { ADMIN, call, loginAdmin, setUpOffice, testBackend } from '../test-support/backend.js';
import { REAL_NAME_CASE, REPORTER } from '../test-support/documents.js';
import { useTempDirs } from '../test-support/tmp.js';
import { seedDemoCases } from './demo.js';

const tempDir = useTempDirs();
const START_DAY = 21;
/** Today in the test backend is 2026-11-25: October's statistical month (09-21 … 10-20) is over, December's runs. */
const OCTOBER = statisticalMonth('2026-10', START_DAY);
const DECEMBER = statisticalMonth('2026-12', START_DAY);

/** A seeded office with some 催办督办, a repeat link and an issued document on top of the demo loop. */
async function seededOffice(dir = tempDir()) {
  const backend = await testBackend(dir);
  await setUpOffice(backend);
  await call(backend, 'statistics.updateSettings', { ...DEFAULT_STATISTICS_SETTINGS, monthStartDay: START_DAY });
  await seedDemoCases(backend.context, 500, 11);
  const all = async () => Promise.all([...backend.context.store.cases.values()].map((r) => call(backend, 'cases.get', { id: r.id })));
  let details = await all();
  const open = details.filter((d) => d.allowedSteps.includes('supervise') && (d.steps.at(-1)?.at ?? d.receivedDate) <= '2026-10-05').slice(0, 4);
  for (const [i, d] of open.entries()) {
    await call(backend, 'loop.apply', { id: d.id, expectedUpdatedAt: d.updatedAt, step: { kind: 'supervise', by: '张明', at: i % 2 ? '2026-10-05' : '2026-11-24', action: '督办', mode: i % 2 ? '电话' : '发函' } });
  }
  const [first, second] = details.filter((d) => d.receivedDate >= OCTOBER.from && d.receivedDate <= OCTOBER.to && d.repeatOf === null);
  const linked = await call(backend, 'repeats.link', { id: second!.id, firstId: first!.id, expectedUpdatedAt: second!.updatedAt });
  const { draft } = await call(backend, 'documents.draft', { caseId: linked.id, type: 'slip', fields: { proposal: '拟转承办部门办理' } });
  await call(backend, 'documents.issue', { caseId: linked.id, expectedUpdatedAt: linked.updatedAt, draft });
  details = await all();
  return { backend, details };
}

/**
 * The figures counted again, plainly, from the case details the UI receives: no shared code with the statistics
 * module beyond the definitions written in its RATE_DEFINITIONS.
 */
function plainCount(details: CaseDetail[], period: Period, today: string) {
  const cutoff = period.to < today ? period.to : today;
  const inPeriod = (d: string) => d >= period.from && d <= period.to;
  const concludedOn = (d: CaseDetail) => (TERMINAL_STAGES.includes(d.stage) ? d.steps.at(-1)!.at : null);
  const received = details.filter((d) => inPeriod(d.receivedDate));
  const concluded = received.filter((d) => concludedOn(d) !== null && concludedOn(d)! <= cutoff);
  const concludedInPeriod = details.filter((d) => concludedOn(d) !== null && inPeriod(concludedOn(d)!));
  const timed = concludedInPeriod.filter((d) => d.deadlines.some((x) => typeof x.metOnTime === 'boolean'));
  const onTime = timed.filter((d) => d.deadlines.filter((x) => typeof x.metOnTime === 'boolean').every((x) => x.metOnTime === true));
  const fedBackOn = (d: CaseDetail) =>
    d.steps.filter((s) => s.kind === 'feedback' && s.recipients.includes('检举控告人')).at(-1)?.at ??
    d.deadlines.find((x) => x.obligation === 'resultFeedback')?.fulfilledAt ??
    d.feedbacks.map((f) => f.date).sort()[0] ??
    null;
  const owesFeedback = received.filter((d) => d.deadlines.some((x) => x.obligation === 'resultFeedback'));
  const fedBack = owesFeedback.filter((d) => fedBackOn(d) !== null && fedBackOn(d)! <= cutoff);
  const visitedBy = (d: CaseDetail) => d.returnVisits.filter((v) => v.date <= cutoff).sort((a, b) => a.date.localeCompare(b.date));
  const returnVisited = fedBack.filter((d) => visitedBy(d).length > 0);
  const satisfied = returnVisited.filter((d) => visitedBy(d).at(-1)!.satisfaction !== '不满意');
  const overdue = details.filter((d) => d.receivedDate <= cutoff && d.deadlines.some((x) => x.due !== null && x.due < cutoff && (!x.fulfilledAt || x.fulfilledAt > cutoff)));
  const bySource = new Map<string, number>();
  for (const d of received) bySource.set(d.source, (bySource.get(d.source) ?? 0) + 1);
  const byRegion = new Map<string, number>();
  for (const d of received) byRegion.set(d.region || '未填写', (byRegion.get(d.region || '未填写') ?? 0) + 1);
  const supervisions = details.flatMap((d) => d.steps.filter((s) => s.kind === 'supervise' && inPeriod(s.at)));
  const documents = details.flatMap((d) => d.documents.filter((x) => x.voided === null && inPeriod(x.issuedAt.slice(0, 10))));
  return {
    cutoff,
    received: received.length,
    concluded: concluded.length,
    concludedInPeriod: concludedInPeriod.length,
    onTime: [onTime.length, timed.length],
    feedback: [fedBack.length, owesFeedback.length],
    returnVisit: [returnVisited.length, fedBack.length],
    satisfaction: [satisfied.length, returnVisited.length],
    repeats: received.filter((d) => d.repeatOf !== null).length,
    realName: received.filter((d) => d.reporter.realName).length,
    overdue: overdue.length,
    red: received.filter((d) => d.alert === 'red').length,
    bySource,
    byRegion,
    supervisions: supervisions.length,
    documents: documents.length,
  };
}

function expectSame(stats: Statistics, plain: ReturnType<typeof plainCount>) {
  expect(stats.cutoff).toBe(plain.cutoff);
  expect(stats.totals).toMatchObject({ received: plain.received, concluded: plain.concluded, concludedInPeriod: plain.concludedInPeriod, repeats: plain.repeats, realName: plain.realName, overdue: plain.overdue });
  expect([stats.rates.onTime.numerator, stats.rates.onTime.denominator]).toEqual(plain.onTime);
  expect([stats.rates.feedback.numerator, stats.rates.feedback.denominator]).toEqual(plain.feedback);
  expect([stats.rates.returnVisit.numerator, stats.rates.returnVisit.denominator]).toEqual(plain.returnVisit);
  expect([stats.rates.satisfaction.numerator, stats.rates.satisfaction.denominator]).toEqual(plain.satisfaction);
  expect(stats.warnings.red).toBe(plain.red);
  expect(new Map(stats.by.source.filter((t) => t.count).map((t) => [t.key, t.count]))).toEqual(plain.bySource);
  expect(new Map(stats.by.region.map((t) => [t.key, t.count]))).toEqual(plain.byRegion);
  expect(stats.supervisions.total).toBe(plain.supervisions);
  expect(stats.documents.total).toBe(plain.documents);
}

async function docxText(base64: string): Promise<string> {
  const { default: JSZip } = await import('jszip');
  const xml = await (await JSZip.loadAsync(Buffer.from(base64, 'base64'))).file('word/document.xml')!.async('string');
  return xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
}

describe('statistics', () => {
  it('the dashboard, the 通报 and its workbook give the figures of a plain count over the cases', async () => {
    const { backend, details } = await seededOffice();
    const year = statisticalYear(2026, START_DAY);
    for (const period of [OCTOBER, DECEMBER, year]) {
      const stats = await call(backend, 'statistics.compute', period);
      const plain = plainCount(details, period, '2026-11-25');
      expect(plain.received, `${period.from} … ${period.to} has cases`).toBeGreaterThan(0);
      expectSame(stats, plain);
      // 带信下访 (done) and 入户走访 of the period, as their own lists give them.
      const field = (await call(backend, 'fieldVisits.list', { ...period, status: 'done' })).filter((v) => (v.visitedOn ?? v.date) >= period.from && (v.visitedOn ?? v.date) <= period.to);
      const household = await call(backend, 'householdVisits.list', period);
      expect(stats.visits['带信下访']).toMatchObject({ count: field.length, problemsSolved: field.reduce((n, v) => n + v.problemsSolved, 0) });
      expect(stats.visits['入户走访']).toEqual({ count: household.totals.visits, households: household.totals.households, leads: household.totals.leads, problemsSolved: household.totals.problemsSolved });
    }
    expect(plainCount(details, year, '2026-11-25').returnVisit[0], 'the seeded year has return visits').toBeGreaterThan(0);
    // The seeded extras are where they were put.
    expect((await call(backend, 'statistics.compute', OCTOBER)).supervisions.total).toBe(2);
    expect((await call(backend, 'statistics.compute', OCTOBER)).totals.repeats).toBe(1);
    expect((await call(backend, 'statistics.compute', DECEMBER)).documents.byType.find((t) => t.type === 'slip')?.count).toBe(1);
    expect((await call(backend, 'statistics.compute', year)).trend.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));

    const plain = plainCount(details, OCTOBER, '2026-11-25');
    const stats = await call(backend, 'statistics.compute', OCTOBER);
    const files = await call(backend, 'statistics.bulletin', { month: '2026-10' });
    const text = await docxText(files.docx.base64);
    expect(text).toContain('关于2026年10月信访举报工作情况的通报');
    expect(text).toContain(`本月共收到信访举报件${plain.received}件，其中实名${plain.realName}件，重复件${plain.repeats}件`);
    expect(text).toContain(`本月收件已办结${plain.concluded}件，办结率${percent({ numerator: plain.concluded, denominator: plain.received, value: plain.concluded / plain.received })}`);
    expect(text).toContain(`有超期未履行期限的信访件${plain.overdue}件`);
    expect(text).toContain(`本月催办督办${plain.supervisions}次`);
    for (const [source, n] of plain.bySource) expect(text).toContain(`${source}${n}件`);
    const overdueUnits = stats.overdueByUnit.map((u) => `${u.unit}${u.total}件`);
    for (const unit of overdueUnits) expect(text).toContain(unit);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(files.xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const figures = book.getWorksheet('主要指标')!;
    const valueOf = (label: string) => figures.getColumn(1).values.findIndex((v) => v === label);
    expect(figures.getRow(valueOf('收件数')).getCell(2).value).toBe(plain.received);
    expect(figures.getRow(valueOf('截至期末已办结')).getCell(2).value).toBe(plain.concluded);
    expect(figures.getRow(valueOf('超期件（截至期末）')).getCell(2).value).toBe(plain.overdue);
    expect(book.getWorksheet('本期台账')!.rowCount).toBe(plain.received + 1);
    expect(book.getWorksheet('超期件清单')!.rowCount).toBe(plain.overdue + 2);
    // Nothing of a reporter reaches either file.
    const xlsxText = book.worksheets.flatMap((s) => s.getSheetValues().flat().map(String)).join('\n');
    for (const d of details.filter((x) => x.reporter.realName).slice(0, 20)) {
      const revealed = await call(backend, 'cases.revealReporter', { id: d.id, reason: '核对统计' });
      for (const p of revealed) for (const secret of [p.name, p.phone, p.idNumber].filter(Boolean)) {
        expect(text).not.toContain(secret);
        expect(xlsxText).not.toContain(secret);
      }
    }
    await backend.close();
  }, 120_000);

  it('is open to roles that read cases; the 通报 needs the export permission; settings need the settings permission', async () => {
    const backend = await testBackend(tempDir());
    await setUpOffice(backend);
    await call(backend, 'users.create', { name: 'reader', displayName: '查阅员', role: '查阅', password: 'Reader#2026x' });
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { name: 'reader', password: 'Reader#2026x' });
    expect((await call(backend, 'statistics.compute', OCTOBER)).totals.received).toBe(0);
    await expect(call(backend, 'statistics.bulletin', { month: '2026-10' })).rejects.toThrow('FORBIDDEN');
    await expect(call(backend, 'statistics.updateSettings', DEFAULT_STATISTICS_SETTINGS)).rejects.toThrow('FORBIDDEN');
    await expect(call(backend, 'statistics.compute', { from: '2026-10-31', to: '2026-10-01' })).rejects.toThrow('开始日期不能晚于结束日期');
    await backend.close();
  });

  it('CLI: stats --json prints the dashboard figures; bulletin writes the .docx and the .xlsx', async () => {
    const dir = tempDir();
    const backend = await testBackend(dir);
    await setUpOffice(backend);
    await call(backend, 'cases.register', REAL_NAME_CASE);
    const expected = await call(backend, 'statistics.compute', { from: '2026-10-01', to: '2026-10-31' });
    await backend.close();
    process.env.XINFANG_PASSWORD = ADMIN.password;
    try {
      let out = '';
      const io = { out: (t: string) => void (out += t), err: () => undefined };
      expect(await runCli(['stats', '--data', dir, '--user', ADMIN.name, '--from', '2026-10-01', '--to', '2026-10-31', '--json'], io)).toBe(0);
      const printed = JSON.parse(out) as Statistics;
      expect(printed.totals).toEqual(expected.totals);
      expect(printed.rates).toEqual(expected.rates);
      expect(out).not.toContain(REPORTER.name);
      const docx = path.join(dir, '通报.docx');
      const xlsx = path.join(dir, '台账.xlsx');
      out = '';
      expect(await runCli(['bulletin', '--data', dir, '--user', ADMIN.name, '--month', '2026-10', '--out', docx, '--xlsx', xlsx], io)).toBe(0);
      expect((await fsp.readFile(docx)).subarray(0, 2).toString('latin1')).toBe('PK');
      expect((await fsp.readFile(xlsx)).subarray(0, 2).toString('latin1')).toBe('PK');
      expect(await runCli(['bulletin', '--data', dir, '--user', ADMIN.name, '--month', '2026-13', '--out', docx], io)).toBe(1);
      expect(await runCli(['stats', '--data', dir, '--user', ADMIN.name, '--from', '2026-10-01'], io)).toBe(2);
    } finally {
      delete process.env.XINFANG_PASSWORD;
    }
  });
});

const OUT = path.resolve('test-output/bulletin');

describe.skipIf(!pdfToolsAvailable() && process.env.CI !== 'true')('the monthly 通报 printed by LibreOffice', () => {
  it('follows the layout page for page, with its tables and charts', async () => {
    const dir = tempDir();
    const backend: Backend = await testBackend(dir);
    await setUpOffice(backend);
    await loginAdmin(backend);
    await call(backend, 'statistics.updateSettings', { ...DEFAULT_STATISTICS_SETTINGS, monthStartDay: START_DAY });
    await seedDemoCases(backend.context, 500, 11);
    const files = await call(backend, 'statistics.bulletin', { month: '2026-10', docNo: '鹤纪信通〔2026〕10号' });
    const { bulletinDocument } = await import('./bulletin.js');
    const { layoutDocument } = await import('../../../shared/documents/layout.js');
    const stats = await call(backend, 'statistics.compute', OCTOBER);
    const laid = layoutDocument(bulletinDocument(backend.context, stats, '2026-10', '鹤纪信通〔2026〕10号')).pages;
    await backend.close();
    await fsp.mkdir(OUT, { recursive: true });
    const file = path.join(OUT, 'bulletin-2026-10.docx');
    await fsp.writeFile(file, Buffer.from(files.docx.base64, 'base64'));
    const [pdf] = await convertToPdf([file], OUT);
    const pages = await measurePdf(pdf!);
    await renderPng(pdf!, path.join(OUT, 'bulletin-2026-10'), 60);
    expect(pages).toHaveLength(laid.length);
    const text = pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n');
    expect(text).toContain('鹤纪信通〔2026〕10号');
    expect(text).toContain(`本月共收到信访举报件${stats.totals.received}件`);
    // Each laid-out page starts with the same line in print; tables and charts sit on the pages the layout put them.
    laid.forEach((page, i) => {
      const printed = pages[i]!.lines.map((l) => l.text);
      const firstLine = [...page.lines].sort((a, b) => a.row - b.row)[0];
      if (firstLine) expect(printed, `page ${i + 1}`).toContain(firstLine.text.replace(/\s/g, ''));
      for (const t of page.tables ?? []) expect(printed.some((l) => l.startsWith(t.rows[0]![0]!)), `page ${i + 1} has the table header ${t.rows[0]![0]}`).toBe(true);
    });
    // The two charts are printed on the pages the layout put them (LibreOffice shows the PNG drawn beside the SVG).
    const chartPages = laid.flatMap((p, i) => (p.images ?? []).map(() => i + 1));
    expect(chartPages).toHaveLength(2);
    const printedImages = execFileSync('pdfimages', ['-list', pdf!], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => Number(f[3]) > 500)
      .map((f) => Number(f[0]));
    expect(printedImages).toEqual(chartPages);
  }, 240_000);
});
