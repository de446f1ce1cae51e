import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_WIDTH_PT, MARGIN_MM, PAGE_NUMBER_BELOW_BLOCK_MM, BLOCK_MM, PT_PER_MM, SIZE_PT } from '../../../shared/documents/gbt9704.js';
import { layoutDocument } from '../../../shared/documents/layout.js';
import { DOCUMENT_TYPE_INFO, DOCUMENT_TYPES, type DocumentType, type OfficialDocument } from '../../../shared/documents/model.js';
import { call, setUpOffice, testBackend } from '../test-support/backend.js';
import { REAL_NAME_CASE, REPORTER } from '../test-support/documents.js';
import { useTempDirs } from '../test-support/tmp.js';
import { renderDocx } from './docx.js';
import { convertToPdf, measurePdf, pdfToolsAvailable, renderPng, type MeasuredLine, type MeasuredPage } from './pdf-measure.js';

/**
 * Every document type rendered to .docx, converted to PDF by LibreOffice and measured: the printed page must follow
 * GB/T 9704-2012, and the layout the preview draws must match it page for page. PNGs go to test-output/documents.
 */
const OUT = path.resolve('test-output/documents');
/** Long enough for full pages: plain Chinese text, so a full line holds exactly the grid's 28 characters. */
const LONG = '经查明该同志在担任所长期间严格按照惠民惠农补贴资金管理办法组织发放工作各项补贴均经村组公示和乡镇审核后由银行直接打卡发放未发现优亲厚友和虚报冒领的情况';
const FIELDS: Record<string, string> = {
  addressee: '中共走马镇委员会',
  allegations: '反映其在发放惠民惠农补贴资金中优亲厚友的问题，经核实，不属实\n反映其虚报冒领补贴资金的问题，经核实，不属实',
  party: '李某某',
  facts: Array.from({ length: 6 }, () => LONG).join('\n'),
  agreement: '甲方依规向乙方说明核查结果\n乙方对核查结果表示认可',
  matter: '加强惠民惠农补贴资金管理',
  problems: '补贴资金发放台账不完整\n公示时间不足规定天数',
  recommendations: '建立健全补贴资金发放台账\n严格执行公示制度',
  result: '经核实，反映的问题部分属实，已责成有关单位整改。',
  proposal: '拟转走马镇纪委办理',
  copyTo: '县财政局、县农业农村局',
  postcode: '445800',
};

const tempDir = useTempDirs();
const required = process.env.CI === 'true';

interface Rendered {
  doc: OfficialDocument;
  pages: MeasuredPage[];
  text: string;
}

describe.skipIf(!pdfToolsAvailable() && !required)('GB/T 9704 layout measured in LibreOffice', () => {
  const rendered = new Map<DocumentType, Rendered>();

  beforeAll(async () => {
    if (!pdfToolsAvailable()) throw new Error('soffice, pdftotext and pdftoppm must be on PATH (apt-get install libreoffice-writer-nogui poppler-utils)');
    const backend = await testBackend(tempDir());
    await setUpOffice(backend);
    const detail = await call(backend, 'cases.register', REAL_NAME_CASE);
    await fsp.mkdir(OUT, { recursive: true });
    const docs = new Map<DocumentType, OfficialDocument>();
    for (const type of DOCUMENT_TYPES) {
      const drafted = await call(backend, 'documents.draft', { caseId: detail.id, type, fields: FIELDS });
      docs.set(type, { ...drafted.draft, issuerMark: drafted.issuerMark, docNo: drafted.docNo.replace('　', '7') });
    }
    await backend.close();
    const files = await Promise.all(
      [...docs].map(async ([type, doc]) => {
        const file = path.join(OUT, `${type}.docx`);
        await fsp.writeFile(file, await renderDocx(doc));
        return file;
      }),
    );
    const pdfs = await convertToPdf(files, OUT);
    for (const [i, type] of [...docs.keys()].entries()) {
      const pages = await measurePdf(pdfs[i]!);
      await renderPng(pdfs[i]!, path.join(OUT, type), 50);
      rendered.set(type, { doc: docs.get(type)!, pages, text: pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n') });
    }
  }, 240_000);

  const mm = (x: number) => x * PT_PER_MM;
  const blockTop = mm(MARGIN_MM.top);
  const blockBottom = mm(MARGIN_MM.top + BLOCK_MM.height);
  const left = mm(MARGIN_MM.left);
  const right = left + mm(BLOCK_MM.width);
  /** Lines of the 主体: inside the 版心 and set in the body size (the glyph box is about 1.3 × the point size). */
  const bodyLines = (page: MeasuredPage) => page.lines.filter((l) => l.yMin >= blockTop - 2 && l.yMax <= blockBottom + 2 && Math.abs(l.fontSize - 1.3 * SIZE_PT.body) < 2);
  const isPageNumber = (l: MeasuredLine) => /^—\d+—$/.test(l.text);

  it.each(DOCUMENT_TYPES.filter((t) => t !== 'slip'))('%s: A4 pages, text block edges within 1 mm of the standard', (type) => {
    const { pages } = rendered.get(type)!;
    for (const page of pages.filter((p) => p.height > 800)) {
      expect(page.width).toBeCloseTo(595.3, 0);
      expect(page.height).toBeCloseTo(841.9, 0);
      const lines = bodyLines(page);
      for (const line of lines) expect(line.xMin).toBeGreaterThanOrEqual(left - mm(1));
      const full = lines.filter((l) => l.xMin < left + 1 && l.xMax > right - mm(3));
      for (const line of full) expect(Math.abs(line.xMax - right)).toBeLessThan(mm(1) + SIZE_PT.body);
    }
    expect(bodyLines(pages[0]!).some((l) => Math.abs(l.xMin - left) < mm(1))).toBe(true);
  });

  it('a full body line holds 28 characters, a full page 22 lines, lines 28.9 pt apart', () => {
    const { pages } = rendered.get('recommendation')!;
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const middle = bodyLines(pages[1]!);
    expect(middle).toHaveLength(22);
    const pitches = middle.slice(1).map((l, i) => l.yMin - middle[i]!.yMin);
    const median = [...pitches].sort((a, b) => a - b)[Math.floor(pitches.length / 2)]!;
    expect(median).toBeGreaterThan(28.6);
    expect(median).toBeLessThan(29.2);
    const full = middle.filter((l) => Math.abs(l.xMin - left) < 1 && /^[\u4e00-\u9fff]+$/.test(l.text));
    expect(full.length).toBeGreaterThanOrEqual(3);
    for (const line of full) expect(Array.from(line.text)).toHaveLength(28);
  });

  it.each(DOCUMENT_TYPES)('%s: the title is set in 2号 (22 pt) and centred', (type) => {
    const { pages, doc } = rendered.get(type)!;
    const layout = layoutDocument(doc);
    const titleLine = layout.flow.find((f) => f.kind === 'paragraph' && f.role === 'title');
    if (titleLine?.kind !== 'paragraph') throw new Error('no title');
    const first = titleLine.lines[0]!;
    const measured = pages[0]!.lines.find((l) => l.text === first.replace(/\s/g, ''));
    expect(measured, `title line “${first}” on page 1`).toBeDefined();
    const perChar = (measured!.xMax - measured!.xMin) / Array.from(first).length;
    expect(perChar).toBeGreaterThan(SIZE_PT.title - 2);
    expect(perChar).toBeLessThan(SIZE_PT.title + 1);
    expect(Math.abs((measured!.xMin + measured!.xMax) / 2 - (left + right) / 2)).toBeLessThan(mm(2));
  });

  it.each(DOCUMENT_TYPES)('%s: page numbers “— n —” 7 mm under the 版心, right on odd and left on even pages', (type) => {
    const { pages, doc } = rendered.get(type)!;
    const a4 = pages.filter((p) => p.height > 800);
    a4.forEach((page, i) => {
      const n = i + 1;
      const number = page.lines.find(isPageNumber);
      if (DOCUMENT_TYPE_INFO[doc.type].format === 'letter' && n === 1) {
        expect(number, '信函格式 has no page number on page 1').toBeUndefined();
        return;
      }
      expect(number?.text).toBe(`—${n}—`);
      // The glyph box's top sits a little above the dash itself.
      expect(Math.abs(number!.yMin - (blockBottom + mm(PAGE_NUMBER_BELOW_BLOCK_MM)))).toBeLessThan(mm(1.5));
      if (n % 2 === 1) expect(Math.abs(number!.xMax - (right - SIZE_PT.small))).toBeLessThan(mm(1));
      else expect(Math.abs(number!.xMin - (left + SIZE_PT.small))).toBeLessThan(mm(1));
    });
  });

  it.each(DOCUMENT_TYPES)('%s: the preview’s pages are the printed pages', (type) => {
    const { pages, doc } = rendered.get(type)!;
    const laid = layoutDocument(doc).pages.filter((p) => p.kind === 'page');
    const printed = pages.filter((p) => p.height > 800);
    expect(printed).toHaveLength(laid.length);
    laid.forEach((page, i) => {
      const firstLaid = [...page.lines].sort((a, b) => a.row - b.row)[0];
      if (!firstLaid) return;
      const printedLines = printed[i]!.lines.filter((l) => l.yMin >= blockTop - 2 && !isPageNumber(l)).map((l) => l.text);
      expect(printedLines, `page ${i + 1} holds “${firstLaid.text}”`).toContain(firstLaid.text.replace(/\s/g, ''));
    });
  });

  it.each(['clarification', 'supervision', 'assignment', 'recommendation', 'settlement', 'slip'] as const)('%s never carries the reporter’s name or contacts', (type) => {
    const { text } = rendered.get(type)!;
    for (const secret of [REPORTER.name, REPORTER.phone, REPORTER.idNumber, REPORTER.address]) expect(text).not.toContain(secret);
  });

  it('the 信函格式 puts the 标志 30 mm from the top edge, within the width of the 版心', () => {
    const { pages, doc } = rendered.get('supervision')!;
    const mark = pages[0]!.lines.find((l) => l.text === doc.issuerMark);
    expect(mark).toBeDefined();
    expect(Math.abs(mark!.yMin - mm(30))).toBeLessThan(mm(1.5));
    const width = mark!.xMax - mark!.xMin;
    expect(width).toBeLessThanOrEqual(BLOCK_WIDTH_PT);
  });
});
