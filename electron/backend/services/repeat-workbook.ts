import ExcelJS from 'exceljs';
import type { RepeatReport } from '../../../shared/domain/repeat-report.js';

/** The periodic repeat report as a workbook for 通报: the figures, then the chains of the period. No reporter names. */
export async function repeatReportWorkbook(report: RepeatReport, title: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '信访举报工作台';
  book.title = title;
  const figures = book.addWorksheet('重复件情况');
  figures.columns = [{ width: 30 }, { width: 14 }];
  figures.addRow([title]).font = { bold: true, size: 14 };
  figures.addRow([]);
  const d = report.difficult;
  const rows: [string, number | string][] = [
    ['收件总数', report.received],
    ['其中重复件', report.repeats],
    ['重复件占比', `${report.repeatRate}%`],
    ['新列重点疑难件', d.flagged],
    ['本期化解重点疑难件', d.resolved],
    ['其中满意或基本满意', d.satisfied],
    ['尚未化解的重点疑难件', d.open],
  ];
  for (const r of rows) figures.addRow(r);
  const counts = (label: string, list: RepeatReport['bySource']) => {
    figures.addRow([]);
    figures.addRow([label, '件数']).font = { bold: true };
    for (const c of list) figures.addRow([c.name, c.count]);
  };
  counts('按来源', report.bySource);
  counts('按上级机关', report.byUpperOffice);

  const chains = book.addWorksheet('重复件链', { views: [{ state: 'frozen', ySplit: 1 }] });
  chains.columns = [
    { header: '首件编号', width: 22 },
    { header: '被反映人', width: 30 },
    { header: '主要问题', width: 50 },
    { header: '本期件数', width: 10 },
    { header: '累计件数', width: 10 },
    { header: '首次收件', width: 12 },
    { header: '最近收件', width: 12 },
    { header: '来源', width: 30 },
    { header: '重点疑难件', width: 12 },
  ];
  chains.getRow(1).font = { bold: true };
  for (const c of report.chains) {
    chains.addRow([c.firstCaseNo, c.accused, c.summary, c.inPeriod, c.count, c.firstReceived, c.latestReceived, c.sources.join('、'), c.difficult ?? '']);
  }
  chains.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await book.xlsx.writeBuffer());
}
