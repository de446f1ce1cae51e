import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { buildBulletin, type BulletinCharts } from '../../../shared/documents/bulletin.js';
import { ROW_MM } from '../../../shared/documents/gbt9704.js';
import type { ImageBlock, LayoutInput } from '../../../shared/documents/model.js';
import { organNames } from '../../../shared/documents/settings.js';
import type { CaseRecord } from '../../../shared/domain/case.js';
import { ALERT_LABELS, DIMENSION_LABELS, DIMENSIONS, percent, RATE_DEFINITIONS, RATE_LABELS, RATES, VISIT_KINDS, type Statistics, type Tally } from '../../../shared/domain/statistics.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from '../context.js';
import { barChartPng, barChartSvg, type BarChartSpec } from '../documents/charts.js';
import { renderDocx } from '../documents/docx.js';
import { localIsoDate } from '../time.js';
import { addLedgerSheet } from './cases/ledger.js';

/** 一月一通报 as files: the 通报 (.docx, GB/T 9704) and the month's 台账 with every figure and list (.xlsx). */

const CHART = { widthMm: 150, rows: 8 };
const COLOURS = { received: '#C23531', concluded: '#2F4554' };

function chart(tallies: readonly Tally[], alt: string, limit = 12): ImageBlock {
  const shown = tallies.filter((t) => t.count > 0).slice(0, limit);
  const spec: BarChartSpec = {
    categories: shown.map((t) => t.key),
    series: [
      { name: '收件', values: shown.map((t) => t.count), color: COLOURS.received },
      { name: '已办结', values: shown.map((t) => t.concluded), color: COLOURS.concluded },
    ],
    widthMm: CHART.widthMm,
    heightMm: CHART.rows * ROW_MM - 1,
  };
  return { kind: 'image', png: barChartPng(spec), svg: barChartSvg(spec), widthMm: CHART.widthMm, rows: CHART.rows, alt };
}

export function bulletinCharts(stats: Statistics): BulletinCharts {
  return { source: chart(stats.by.source, '按来源统计图'), category: chart(stats.by.category, '按问题类别统计图') };
}

export function bulletinDocument(ctx: BackendContext, stats: Statistics, month: string, docNo: string): LayoutInput {
  const settings = ctx.store.settings();
  const office = settings.office;
  if (!office) throw new AppError('NOT_SET_UP', '尚未完成本机关设置，不能生成通报');
  return buildBulletin(
    stats,
    {
      issuerMark: office.issuerMark,
      signature: organNames(office.fullName, settings.documents).discipline,
      addressee: settings.statistics.bulletinAddressee,
      printedBy: settings.documents.printedBy,
      docNo,
      month,
      date: localIsoDate(ctx.now()),
    },
    bulletinCharts(stats),
  );
}

function tallyRows(sheet: ExcelJS.Worksheet, label: string, tallies: readonly Tally[], labelOf: (key: string) => string = (k) => k) {
  sheet.addRow([label]).font = { bold: true };
  for (const t of tallies) sheet.addRow([labelOf(t.key), t.count, t.concluded]);
  sheet.addRow([]);
}

/** Written as a stream: several thousand list rows at 50,000 cases cost a fraction of an in-memory workbook. */
export async function bulletinWorkbook(stats: Statistics, records: Iterable<CaseRecord>, title: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  book.creator = '信访举报工作台';
  book.title = title;

  const figures = book.addWorksheet('主要指标');
  figures.columns = [{ width: 22 }, { width: 12 }, { width: 14 }, { width: 90 }];
  figures.addRow([title]).font = { bold: true, size: 14 };
  figures.addRow(['统计期间', `${stats.period.from} 至 ${stats.period.to}`, '截至', stats.cutoff]);
  figures.addRow([]);
  figures.addRow(['指标', '数值', '分子/分母', '统计口径']).font = { bold: true };
  const t = stats.totals;
  for (const [label, value] of [['收件数', t.received], ['截至期末已办结', t.concluded], ['未办结', t.open], ['本期办结', t.concludedInPeriod], ['实名件', t.realName], ['重复件', t.repeats], ['超期件（截至期末）', t.overdue]] as const) {
    figures.addRow([label, value]);
  }
  for (const k of RATES) figures.addRow([RATE_LABELS[k], percent(stats.rates[k]), `${stats.rates[k].numerator}/${stats.rates[k].denominator}`, RATE_DEFINITIONS[k]]);
  figures.addRow(['红色预警（本期收件）', stats.warnings.red]);
  figures.addRow(['黄色预警（本期收件）', stats.warnings.yellow]);
  figures.addRow(['超期期限（项）', stats.warnings.overdueDeadlines]);
  figures.addRow(['催办督办（次）', stats.supervisions.total]);
  for (const m of stats.supervisions.byMode) figures.addRow([`\u3000${m.key}`, m.count]);
  for (const k of VISIT_KINDS) figures.addRow([`${k}（次）`, stats.visits[k].count, '', `解决问题 ${stats.visits[k].problemsSolved} 个，发现线索 ${stats.visits[k].leads} 条，走访 ${stats.visits[k].households} 户`]);
  figures.addRow(['出具文书（份）', stats.documents.total]);
  for (const d of stats.documents.byType) figures.addRow([`\u3000${d.label}`, d.count]);
  for (const s of stats.documents.sets) figures.addRow([s.name, s.count, '', s.types.join('、')]);

  const breakdowns = book.addWorksheet('分类统计');
  breakdowns.columns = [{ width: 24 }, { width: 10 }, { width: 10 }];
  breakdowns.addRow(['分类', '件数', '已办结']).font = { bold: true };
  for (const d of DIMENSIONS) tallyRows(breakdowns, DIMENSION_LABELS[d], stats.by[d], d === 'alert' ? (k) => ALERT_LABELS[k as keyof typeof ALERT_LABELS] : undefined);
  breakdowns.addRow(['按月', '收件', '办结']).font = { bold: true };
  for (const m of stats.trend) breakdowns.addRow([m.month, m.received, m.concluded]);

  for (const list of stats.lists) {
    const sheet = book.addWorksheet(list.name.slice(0, 31));
    sheet.columns = [{ width: 22 }, { width: 24 }, { width: 12 }, { width: 50 }, { width: 10 }];
    sheet.addRow([list.description]);
    sheet.addRow(['承办单位', '编号', '收件日期', '情况', list.kind === 'backlog' ? '收件天数' : list.kind === 'overdue' ? '超期天数' : list.kind === 'supervised' ? '次数' : '']).font = { bold: true };
    // Each row committed as it is added: written out at once and let go, not held until the end.
    for (const r of list.rows) sheet.addRow([r.handler, r.caseNo, r.receivedDate, r.detail, r.days]).commit();
  }
  addLedgerSheet(book, records, '本期台账');
  await book.commit();
  return Buffer.concat(chunks);
}

export async function bulletinFiles(ctx: BackendContext, stats: Statistics, month: string, docNo: string) {
  const office = ctx.store.settings().office;
  const title = `${office?.shortName ?? ''}${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月信访举报工作情况`;
  const inPeriod = [...ctx.store.cases.values()].filter((r) => r.receivedDate >= stats.period.from && r.receivedDate <= stats.period.to).sort((a, b) => a.receivedDate.localeCompare(b.receivedDate) || a.caseNo.localeCompare(b.caseNo));
  const [docx, xlsx] = await Promise.all([renderDocx(bulletinDocument(ctx, stats, month, docNo)), bulletinWorkbook(stats, inPeriod, title)]);
  return {
    docx: { fileName: `${title}通报.docx`, base64: docx.toString('base64') },
    xlsx: { fileName: `${title}台账.xlsx`, base64: xlsx.toString('base64') },
  };
}
