import ExcelJS from 'exceljs';
import type { CaseRecord } from '../../../../shared/domain/case.js';
import type { BackendContext } from '../../context.js';
import type { Handlers } from '../../dispatch.js';
import { localIsoDate } from '../../time.js';

/** Excel columns of the ledger export. The reporter appears only as 实名/匿名, never by name. */
const COLUMNS: { header: string; width: number; value(r: CaseRecord): string | number }[] = [
  { header: '编号', width: 22, value: (r) => r.caseNo },
  { header: '收件日期', width: 12, value: (r) => r.receivedDate },
  { header: '反映方式', width: 9, value: (r) => r.channel },
  { header: '来源', width: 12, value: (r) => r.source },
  { header: '上级机关', width: 18, value: (r) => r.upperOffice },
  { header: '上级文号', width: 18, value: (r) => r.upperRefNo },
  { header: '信访类型', width: 11, value: (r) => r.kind },
  { header: '问题类别', width: 20, value: (r) => r.categories.join('、') },
  { header: '涉及领域', width: 14, value: (r) => r.domains.join('、') },
  { header: '所属区域', width: 12, value: (r) => r.region },
  { header: '被反映人', width: 30, value: (r) => r.accused.map((a) => [a.name, a.unit, a.post, a.rank].filter(Boolean).join('，')).join('；') },
  { header: '实名/匿名', width: 9, value: (r) => (r.identity.realName ? '实名' : '匿名') },
  { header: '主要问题摘要', width: 60, value: (r) => r.summary },
  { header: '状态', width: 8, value: (r) => r.status },
  { header: '附件数', width: 7, value: (r) => r.attachments.length },
];

/** The ledger as a sheet of a workbook, kept in memory or streamed (the ledger export, and the monthly 通报's workbook). */
export function addLedgerSheet(book: Pick<ExcelJS.Workbook, 'addWorksheet'>, records: Iterable<CaseRecord>, name = '信访举报件台账'): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  // A streamed workbook writes each committed row out at once; for one kept in memory, commit does nothing.
  for (const r of records) sheet.addRow(COLUMNS.map((c) => c.value(r))).commit();
  sheet.getColumn(COLUMNS.length - 2).alignment = { wrapText: true, vertical: 'top' };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return sheet;
}

export async function ledgerWorkbook(records: CaseRecord[], title: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '信访举报工作台';
  addLedgerSheet(book, records);
  book.title = title;
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The ledger answers from its summaries while the records are being read, unless they are out of date. */
async function ledgerReady(ctx: BackendContext) {
  if (!ctx.ledger.current) await ctx.store.cases.load();
  return ctx.ledger;
}

export function ledgerHandlers(ctx: BackendContext): Pick<Handlers, 'cases.ledger' | 'cases.exportLedger' | 'cases.regions'> {
  return {
    async 'cases.ledger'(query) {
      await ledgerReady(ctx);
      const started = performance.now();
      const { total, rows } = ctx.ledger.query(query);
      return { total, rows, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    },
    async 'cases.exportLedger'(filter) {
      const { ids } = ctx.ledger.query({ ...filter, sortBy: 'receivedDate', order: 'asc', page: 1, pageSize: 1 });
      const records = ids.map((id) => ctx.store.cases.get(id)!);
      const office = ctx.store.settings().office;
      const bytes = await ledgerWorkbook(records, `${office?.shortName ?? ''}信访举报件台账`);
      await ctx.audit('export', '信访举报件台账（Excel）', 'success', `${records.length} 件；条件：${JSON.stringify(filter)}`);
      return { fileName: `信访举报件台账_${localIsoDate(ctx.now())}.xlsx`, base64: bytes.toString('base64'), count: records.length };
    },
    async 'cases.regions'() {
      const ledger = await ledgerReady(ctx);
      return [...new Set([...(ctx.store.settings().office?.regions ?? []), ...ledger.regions()])];
    },
  };
}
