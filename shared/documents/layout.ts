import {
  BLOCK_MM,
  BLOCK_WIDTH_PT,
  CHAR_PT,
  CHAR_SPACING_PT,
  DOCUMENT_FORMAT,
  ENVELOPE_MM,
  LETTER_FORMAT,
  MARGIN_MM,
  PAGE_MM,
  PT_PER_MM,
  ROW_MM,
  ROWS_PER_PAGE,
  SIZE_PT,
  type FontRole,
} from './gbt9704.js';
import { chineseDate, DOCUMENT_TYPE_INFO, REPORT_TYPE_INFO, type DocumentFormat, type FormRow, type ImageBlock, type LayoutInput, type Paragraph, type TableBlock } from './model.js';

/**
 * The one layout of a document, shared by the .docx renderer and the preview: which text goes on which grid row of
 * which page, and where the 标志, the red lines, the 版记 and the page numbers sit. Lines are broken the way a word
 * processor breaks Chinese text on the 28-character grid (hanging 。，、 at the line end, no closing mark at a line
 * start, no opening mark at a line end), so the preview shows the pages the .docx prints.
 */
export type Align = 'left' | 'center' | 'right' | 'justify';

export interface LineStyle {
  font: FontRole;
  sizePt: number;
  align: Align;
  leftPt: number;
  rightPt: number;
  /** Relative to leftPt; negative for a hanging indent. */
  firstLinePt: number;
  red?: boolean;
}

export type FlowRole = 'docNo' | 'title' | 'addressee' | 'body' | 'attachment' | 'signature' | 'date' | 'note';

export interface FlowParagraph {
  kind: 'paragraph';
  role: FlowRole;
  text: string;
  lines: string[];
  style: LineStyle;
  /** The title is written with its line breaks, so it splits where the layout split it. */
  explicitBreaks: boolean;
}
export interface FlowFormRow {
  label: string;
  lines: string[];
  rows: number;
}
/** A body table fitted to the 版心: column widths and the text size chosen so every cell holds one line. */
export interface FlowTable {
  columns: { label: string; align: 'left' | 'center' | 'right'; widthPt: number }[];
  rows: string[][];
  sizePt: number;
}
export type FlowItem =
  | FlowParagraph
  | { kind: 'blank'; rows: number }
  | { kind: 'pageBreak' }
  | { kind: 'form'; rows: FlowFormRow[] }
  | { kind: 'table'; table: FlowTable }
  | { kind: 'image'; image: ImageBlock };

export interface PlacedLine {
  row: number;
  text: string;
  style: LineStyle;
  /** Not the last line of its paragraph: stretched to the full measure when justified. */
  full: boolean;
}
/** Text placed by millimetres from the page's top-left corner (标志, 版记, envelope). */
export interface PlacedText {
  text: string;
  /** Set flush right in the same box (the 印发 date beside the 印发机关). */
  rightText?: string;
  topMm: number;
  leftMm: number;
  widthMm: number;
  sizePt: number;
  font: FontRole;
  align: 'left' | 'center' | 'right';
  red?: boolean;
}
export interface Rule {
  topMm: number;
  leftMm: number;
  widthMm: number;
  heightMm: number;
  red: boolean;
}
export interface PlacedCell {
  row: number;
  rows: number;
  label: string;
  lines: string[];
}
/** The part of a body table on one page: its first grid row and its rows (the header first). */
export interface PlacedTable {
  row: number;
  table: FlowTable;
  rows: string[][];
}
export interface PlacedImage {
  row: number;
  image: ImageBlock;
}
export interface LaidPage {
  kind: 'page' | 'envelope';
  widthMm: number;
  heightMm: number;
  lines: PlacedLine[];
  texts: PlacedText[];
  rules: Rule[];
  cells: PlacedCell[];
  tables?: PlacedTable[];
  images?: PlacedImage[];
  pageNumber: { text: string; side: 'left' | 'right' } | null;
}

/** 版记: 抄送 and 印发 at the bottom of the 版心 on the last page, between a thick, a thin and a thick line. */
export interface BackMatter {
  /** 抄送：…。 as one paragraph, and as the lines it wraps to. */
  copyText: string;
  copyLines: string[];
  printedBy: string;
  printedOn: string;
  /** Top of the first 版记 row, from the top of the page. */
  topMm: number;
  /** 4号, indented one character each side; wrapped 抄送 lines align after the colon. */
  style: LineStyle;
  /** The thick, thin and thick lines of the 版记. */
  rules: Rule[];
}

export interface DocumentLayout {
  format: DocumentFormat;
  flow: FlowItem[];
  pages: LaidPage[];
  /** 标志 and the first page's rules, placed absolutely on page 1. */
  mark: PlacedText | null;
  firstPageRules: Rule[];
  backMatter: BackMatter | null;
  envelope: LaidPage | null;
}

const HANGING = new Set('，。、．,.');
const NO_LINE_START = new Set('”’）》」』】〕？！；：…%)]}');
const NO_LINE_END = new Set('“‘（《「『【〔([{');

/**
 * Width of one character in points: CJK and full-width forms take a full em, Latin letters and digits a little over
 * half (the proportional digits of the CJK fonts), and word processors add a quarter of an em where CJK meets Latin.
 */
const isHalfWidth = (ch: string) => {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x0250 || (code >= 0xff61 && code <= 0xff9f);
};
const LATIN_EM = 0.55;
const SCRIPT_GAP_EM = 0.2;

export function charWidthPt(ch: string, sizePt: number, previous?: string): number {
  const half = isHalfWidth(ch);
  const gap = previous !== undefined && previous !== ' ' && ch !== ' ' && half !== isHalfWidth(previous) ? SCRIPT_GAP_EM * sizePt : 0;
  return (half ? sizePt * LATIN_EM : sizePt) + CHAR_SPACING_PT + gap;
}

export function textWidthPt(text: string, sizePt: number): number {
  let width = 0;
  let previous: string | undefined;
  for (const ch of text) {
    width += charWidthPt(ch, sizePt, previous);
    previous = ch;
  }
  return width;
}

/** Breaks a paragraph into lines of at most `widthPt` (the first line narrowed or widened by `firstLinePt`). */
export function wrapText(text: string, sizePt: number, widthPt: number, firstLinePt = 0): string[] {
  const lines: string[][] = [];
  let current: string[] = [];
  let used = 0;
  const room = () => widthPt - (lines.length === 0 ? firstLinePt : 0) + 0.01;
  for (const ch of text) {
    const w = charWidthPt(ch, sizePt, current[current.length - 1]);
    if (used + w <= room() || current.length === 0) {
      current.push(ch);
      used += w;
      continue;
    }
    if (HANGING.has(ch)) {
      current.push(ch);
      lines.push(current);
      current = [];
      used = 0;
      continue;
    }
    const carried: string[] = [];
    if (NO_LINE_START.has(ch) && current.length > 1) carried.unshift(current.pop()!);
    while (current.length > 1 && NO_LINE_END.has(current[current.length - 1]!)) carried.unshift(current.pop()!);
    lines.push(current);
    current = [...carried, ch];
    used = textWidthPt(current.join(''), sizePt);
  }
  lines.push(current);
  return lines.map((l) => l.join(''));
}

/** Where a title may break: not inside a number or a Latin word, not before a closing or after an opening mark. */
function breakCost(chars: string[], at: number): number {
  const before = chars[at - 1]!;
  const after = chars[at]!;
  if (NO_LINE_START.has(after) || HANGING.has(after) || NO_LINE_END.has(before)) return 100;
  if (/[0-9A-Za-z〕]/.test(before) && /[0-9A-Za-z号]/.test(after)) return 100;
  if (/[0-9A-Za-z]/.test(before) || /[0-9A-Za-z]/.test(after)) return 3;
  return 0;
}

/**
 * The title split into lines of about equal length, longer ones first (a trapezoid), never wider than the 版心, and
 * kept whole where it matters (a 文号 or a number is not split).
 */
export function splitTitle(title: string): string[] {
  const wrapped = wrapText(title, SIZE_PT.title, BLOCK_WIDTH_PT);
  if (wrapped.length === 1) return wrapped;
  const chars = Array.from(title);
  const lines: string[] = [];
  let start = 0;
  for (let n = wrapped.length; n > 1; n--) {
    const ideal = start + Math.ceil((chars.length - start) / n);
    let best = -1;
    let bestCost = Infinity;
    for (let at = ideal - 4; at <= ideal + 4; at++) {
      if (at <= start || at >= chars.length) continue;
      if (textWidthPt(chars.slice(start, at).join(''), SIZE_PT.title) > BLOCK_WIDTH_PT + 0.01) continue;
      const cost = breakCost(chars, at) + Math.abs(at - ideal) * 2 + (at < ideal ? 1 : 0);
      if (cost < bestCost) [best, bestCost] = [at, cost];
    }
    if (best < 0) return wrapped;
    lines.push(chars.slice(start, best).join(''));
    start = best;
  }
  lines.push(chars.slice(start).join(''));
  return lines.every((l) => textWidthPt(l, SIZE_PT.title) <= BLOCK_WIDTH_PT + 0.01) ? lines : wrapped;
}

export function formatOf(doc: Pick<LayoutInput, 'type'>): DocumentFormat {
  return doc.type === 'bulletin' ? REPORT_TYPE_INFO[doc.type].format : DOCUMENT_TYPE_INFO[doc.type].format;
}

const style = (over: Partial<LineStyle> = {}): LineStyle => ({
  font: 'body',
  sizePt: SIZE_PT.body,
  align: 'justify',
  leftPt: 0,
  rightPt: 0,
  firstLinePt: 0,
  ...over,
});

const BODY_FONTS: Record<Paragraph['level'], FontRole> = { 0: 'body', 1: 'h1', 2: 'h2', 3: 'body', 4: 'body' };

function paragraph(role: FlowRole, text: string, s: LineStyle, explicitBreaks = false): FlowParagraph {
  const lines = explicitBreaks ? splitTitle(text) : wrapText(text, s.sizePt, BLOCK_WIDTH_PT - s.leftPt - s.rightPt, s.firstLinePt);
  return { kind: 'paragraph', role, text, lines, style: s, explicitBreaks };
}

const blank = (rows: number): FlowItem => ({ kind: 'blank', rows });

/** The 标志's size: as large as the format allows while the name fits the 版心 on one line. */
function markSize(text: string, maxPt: number): number {
  return Math.min(maxPt, Math.floor((BLOCK_WIDTH_PT * 0.95) / Math.max(1, Array.from(text).length)));
}

const LETTER_RULES = { thickMm: 0.8, thinMm: 0.35, gapMm: 0.8 };

function headMatter(doc: LayoutInput): { flow: FlowItem[]; mark: PlacedText | null; rules: Rule[] } {
  const format = formatOf(doc);
  const title = paragraph('title', doc.title, style({ font: 'title', sizePt: SIZE_PT.title, align: 'center' }), true);
  const docNo = (align: Align) => paragraph('docNo', doc.docNo, style({ align }));
  const centredMark = (topMm: number, sizePt: number): PlacedText => ({
    text: doc.issuerMark,
    topMm,
    leftMm: MARGIN_MM.left,
    widthMm: BLOCK_MM.width,
    sizePt,
    font: 'title',
    align: 'center',
    red: true,
  });
  const ruleLeft = (PAGE_MM.width - LETTER_FORMAT.ruleLengthMm) / 2;
  if (format === 'letter') {
    const mark = centredMark(LETTER_FORMAT.markTopMm, markSize(doc.issuerMark, 30));
    const lineTop = mark.topMm + mark.sizePt / PT_PER_MM + LETTER_FORMAT.gapMm;
    const bottom = PAGE_MM.height - LETTER_FORMAT.bottomRuleFromBottomMm;
    const { thickMm, thinMm, gapMm } = LETTER_RULES;
    const rule = (topMm: number, heightMm: number): Rule => ({ topMm, leftMm: ruleLeft, widthMm: LETTER_FORMAT.ruleLengthMm, heightMm, red: true });
    return {
      // Row 0 lies under the 标志 and its double line; the 文号 sits flush right on row 1, just below the line.
      flow: [blank(1), docNo('right'), blank(1), title, blank(1)],
      mark,
      rules: [rule(lineTop, thickMm), rule(lineTop + thickMm + gapMm, thinMm), rule(bottom - thinMm - gapMm - thickMm, thinMm), rule(bottom - thickMm, thickMm)],
    };
  }
  if (format === 'document') {
    const mark = centredMark(MARGIN_MM.top + DOCUMENT_FORMAT.markTopBelowBlockMm, markSize(doc.issuerMark, 42));
    const markBottomRow = Math.ceil((mark.topMm + mark.sizePt / PT_PER_MM - MARGIN_MM.top) / ROW_MM);
    const docNoRow = markBottomRow + 1;
    // The red separator: the width of the 版心, 4 mm under the 文号.
    const separator: Rule = { topMm: MARGIN_MM.top + (docNoRow + 1) * ROW_MM - 1.2, leftMm: MARGIN_MM.left, widthMm: BLOCK_MM.width, heightMm: 0.6, red: true };
    return { flow: [blank(docNoRow), docNo('center'), blank(3), title, blank(1)], mark, rules: [separator] };
  }
  if (format === 'form') return { flow: [title, ...(doc.docNo ? [docNo('right')] : [])], mark: null, rules: [] };
  return { flow: [blank(1), title, ...(doc.docNo ? [docNo('right')] : []), blank(1)], mark: null, rules: [] };
}

function bodyParagraphs(doc: LayoutInput): FlowItem[] {
  const items: FlowItem[] = [];
  if (doc.addressee) {
    const text = /[：:]$/.test(doc.addressee) ? doc.addressee : `${doc.addressee}：`;
    items.push(paragraph('addressee', text, style({ align: 'left' })));
  }
  const blocksAfter = (i: number) => (doc.blocks ?? []).filter((b) => b.after === i).map((b): FlowItem => (b.block.kind === 'table' ? { kind: 'table', table: fitTable(b.block) } : { kind: 'image', image: b.block }));
  items.push(...blocksAfter(-1));
  doc.body.forEach((p, i) => {
    items.push(paragraph('body', p.text, style({ font: BODY_FONTS[p.level], firstLinePt: 2 * CHAR_PT })));
    items.push(...blocksAfter(i));
  });
  if (doc.attachments.length > 0) {
    items.push(blank(1));
    const label = '附件：';
    const labelPt = textWidthPt(label, SIZE_PT.body);
    doc.attachments.forEach((name, i) => {
      const numbered = doc.attachments.length > 1 ? `${i + 1}.` : '';
      const text = `${i === 0 ? label : ''}${numbered}${name.replace(/[。．.，,；;]+$/, '')}`;
      const hang = textWidthPt(numbered, SIZE_PT.body);
      const left = 2 * CHAR_PT + labelPt + hang;
      items.push(paragraph('attachment', text, style({ align: 'left', leftPt: left, firstLinePt: -(hang + (i === 0 ? labelPt : 0)) })));
    });
  }
  return items;
}

function signatureBlock(doc: LayoutInput): FlowItem[] {
  if (doc.signatures.length === 0) return [];
  const date = chineseDate(doc.date);
  const dateRight = 4 * CHAR_PT;
  const dateWidth = textWidthPt(date, SIZE_PT.body);
  // Room for the seal, which presses on the 署名 and the date; the 署名 is centred over the date.
  const items: FlowItem[] = [blank(2)];
  for (const name of doc.signatures) {
    const right = Math.max(0, dateRight + (dateWidth - textWidthPt(name, SIZE_PT.body)) / 2);
    items.push(paragraph('signature', name, style({ align: 'right', rightPt: right })));
  }
  items.push(paragraph('date', date, style({ align: 'right', rightPt: dateRight })));
  if (doc.note) {
    const note = /^（.*）$/.test(doc.note) ? doc.note : `（${doc.note}）`;
    items.push(paragraph('note', note, style({ firstLinePt: 2 * CHAR_PT })));
  }
  return items;
}

export const FORM_LABEL_WIDTH_PT = 5 * CHAR_PT;
/** Cell margins on each side of a form cell. */
export const FORM_CELL_PADDING_PT = 5.4;
export const FORM_VALUE_WIDTH_PT = BLOCK_WIDTH_PT - FORM_LABEL_WIDTH_PT - 4 * FORM_CELL_PADDING_PT;

function formRows(rows: FormRow[]): FlowFormRow[] {
  return rows.map((r) => {
    const lines = r.value ? r.value.split('\n').flatMap((l) => wrapText(l, SIZE_PT.body, FORM_VALUE_WIDTH_PT)) : [];
    return { label: r.label, lines, rows: Math.max(r.minLines, lines.length, 1) };
  });
}

const BACK_STYLE = style({ font: 'small', sizePt: SIZE_PT.small, align: 'left', leftPt: SIZE_PT.small, rightPt: SIZE_PT.small });

type UnplacedBackMatter = Omit<BackMatter, 'topMm' | 'rules'>;

function backMatterOf(doc: LayoutInput): UnplacedBackMatter | null {
  if (doc.copyTo.length === 0 && !doc.printedBy) return null;
  const label = '抄送：';
  const labelPt = textWidthPt(label, SIZE_PT.small);
  const s = { ...BACK_STYLE, leftPt: BACK_STYLE.leftPt + labelPt, firstLinePt: -labelPt };
  const copyText = doc.copyTo.length ? `${label}${doc.copyTo.map((c) => c.replace(/[。，、；]+$/, '')).join('，')}。` : '';
  const copyLines = copyText ? wrapText(copyText, SIZE_PT.small, BLOCK_WIDTH_PT - s.leftPt - s.rightPt, s.firstLinePt) : [];
  return { copyText, copyLines, printedBy: doc.printedBy, printedOn: `${chineseDate(doc.date)}印发`, style: s };
}

const backRows = (b: UnplacedBackMatter) => b.copyLines.length + (b.printedBy ? 1 : 0);

/** Sizes a table may be set in: 4号, 小4号, 5号. */
const TABLE_SIZES_PT = [SIZE_PT.small, 12, 10.5];
export const TABLE_CELL_PADDING_PT = FORM_CELL_PADDING_PT;

function clip(text: string, sizePt: number, widthPt: number): string {
  if (textWidthPt(text, sizePt) <= widthPt) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && textWidthPt(`${chars.join('')}…`, sizePt) > widthPt) chars.pop();
  return `${chars.join('')}…`;
}

/**
 * The largest size at which every cell fits on one line, with the spare width shared out in proportion; at the
 * smallest size, over-long cells are shortened with “…” (the full text goes to the Excel workbook).
 */
export function fitTable(block: TableBlock): FlowTable {
  const all = [block.columns.map((c) => c.label), ...block.rows];
  const pad = 2 * TABLE_CELL_PADDING_PT + 1;
  for (const [i, sizePt] of TABLE_SIZES_PT.entries()) {
    const natural = block.columns.map((_, c) => Math.max(...all.map((r) => textWidthPt(r[c] ?? '', sizePt))) + pad);
    const sum = natural.reduce((a, b) => a + b, 0);
    if (sum > BLOCK_WIDTH_PT && i < TABLE_SIZES_PT.length - 1) continue;
    // Too wide even at the smallest size: only the widest columns give way, down to a common width.
    let cap = Math.max(...natural);
    while (cap > pad && natural.reduce((a, w) => a + Math.min(w, cap), 0) > BLOCK_WIDTH_PT) cap -= 1;
    const capped = natural.map((w) => Math.min(w, cap));
    const total = capped.reduce((a, b) => a + b, 0);
    const widths = capped.map((w) => (w * BLOCK_WIDTH_PT) / total);
    return {
      sizePt,
      columns: block.columns.map((c, k) => ({ label: clip(c.label, sizePt, widths[k]! - pad), align: c.align ?? 'center', widthPt: widths[k]! })),
      rows: block.rows.map((r) => block.columns.map((_, k) => clip(r[k] ?? '', sizePt, widths[k]! - pad))),
    };
  }
  throw new Error('unreachable');
}

/** Places the flow on pages of 22 rows; a form row or the 版记 that does not fit moves to the next page. */
export function layoutDocument(doc: LayoutInput): DocumentLayout {
  const format = formatOf(doc);
  const head = headMatter(doc);
  const flow: FlowItem[] = [...head.flow];
  if (format === 'form') flow.push({ kind: 'form', rows: formRows(doc.form) });
  else flow.push(...bodyParagraphs(doc), ...signatureBlock(doc));

  const pages: LaidPage[] = [];
  const newPage = (): LaidPage => {
    const page: LaidPage = { kind: 'page', widthMm: PAGE_MM.width, heightMm: PAGE_MM.height, lines: [], texts: [], rules: [], cells: [], pageNumber: null };
    pages.push(page);
    return page;
  };
  let page = newPage();
  let row = 0;
  // Rows run on past the page's end (blank rows spill onto the next page too); a page is opened when text needs it.
  const turn = () => {
    while (row >= ROWS_PER_PAGE) {
      row -= ROWS_PER_PAGE;
      page = newPage();
    }
  };
  const laid: FlowItem[] = [];
  const breakPage = () => {
    laid.push({ kind: 'pageBreak' });
    turn();
    if (row > 0) row = ROWS_PER_PAGE;
  };
  for (const item of flow) {
    if (item.kind === 'table') {
      turn();
      // The header and a first row together: otherwise the table starts a new page, after one free row.
      if (row + 2 > ROWS_PER_PAGE) {
        breakPage();
        laid.push(blank(1));
        turn();
        row += 1;
      }
      const [header, ...rows] = [item.table.columns.map((c) => c.label), ...item.table.rows];
      let part: PlacedTable = { row, table: item.table, rows: [header!] };
      (page.tables ??= []).push(part);
      row++;
      for (const cells of rows) {
        if (row >= ROWS_PER_PAGE) {
          turn();
          // The header row repeats at the top of the next page.
          part = { row, table: item.table, rows: [header!] };
          (page.tables ??= []).push(part);
          row++;
        }
        part.rows.push(cells);
        row++;
      }
      laid.push(item);
      continue;
    }
    if (item.kind === 'image') {
      turn();
      if (row + item.image.rows > ROWS_PER_PAGE && row > 0) breakPage();
      turn();
      (page.images ??= []).push({ row, image: item.image });
      row += item.image.rows;
      laid.push(item);
      continue;
    }
    laid.push(item);
    if (item.kind === 'blank') row += item.rows;
    else if (item.kind === 'pageBreak') {
      turn();
      if (row > 0) row = ROWS_PER_PAGE;
    } else if (item.kind === 'paragraph') {
      item.lines.forEach((text, i) => {
        turn();
        page.lines.push({ row, text, style: item.style, full: !item.explicitBreaks && i < item.lines.length - 1 });
        row++;
      });
    } else {
      for (const r of item.rows) {
        turn();
        if (row + r.rows > ROWS_PER_PAGE && row > 0) row = ROWS_PER_PAGE;
        turn();
        page.cells.push({ row, rows: r.rows, label: r.label, lines: r.lines });
        row += r.rows;
      }
    }
  }

  let backMatter: BackMatter | null = null;
  const back = backMatterOf(doc);
  if (back) {
    // One free row at least between the text and the 版记; otherwise the 版记 goes to the bottom of a new page.
    const rows = backRows(back);
    if (row + 1 + rows > ROWS_PER_PAGE) {
      laid.push({ kind: 'pageBreak' });
      page = newPage();
    }
    backMatter = placeAtBottom(back, rows);
  }

  if (head.mark) pages[0]!.texts.push(head.mark);
  pages[0]!.rules.push(...head.rules);
  pages.forEach((p, i) => {
    const n = i + 1;
    const numbered = !(format === 'letter' && n === 1);
    p.pageNumber = numbered ? { text: `— ${n} —`, side: n % 2 === 1 ? 'right' : 'left' } : null;
  });
  if (backMatter) placeBackMatter(pages[pages.length - 1]!, backMatter);
  const envelope = doc.envelope ? layoutEnvelope(doc.envelope) : null;
  return { format, flow: laid, pages: envelope ? [...pages, envelope] : pages, mark: head.mark, firstPageRules: head.rules, backMatter, envelope };
}

const BACK_MATTER_RULES = { thickMm: 0.35, thinMm: 0.25 };

/** The 版记's last row on the 版心's bottom edge, with a thick line above and below and a thin one before 印发. */
function placeAtBottom(back: UnplacedBackMatter, rows: number): BackMatter {
  const topMm = MARGIN_MM.top + (ROWS_PER_PAGE - rows) * ROW_MM;
  const bottom = MARGIN_MM.top + BLOCK_MM.height;
  const rule = (at: number, heightMm: number): Rule => ({ topMm: at, leftMm: MARGIN_MM.left, widthMm: BLOCK_MM.width, heightMm, red: false });
  const rules = [rule(topMm, BACK_MATTER_RULES.thickMm), rule(bottom - BACK_MATTER_RULES.thickMm, BACK_MATTER_RULES.thickMm)];
  if (back.printedBy && back.copyLines.length) rules.push(rule(topMm + back.copyLines.length * ROW_MM, BACK_MATTER_RULES.thinMm));
  return { ...back, topMm, rules };
}

function placeBackMatter(page: LaidPage, back: BackMatter): void {
  page.rules.push(...back.rules);
  const s = back.style;
  const text = (t: string, topMm: number, indentPt: number): PlacedText => ({
    text: t,
    topMm,
    leftMm: MARGIN_MM.left + indentPt / PT_PER_MM,
    widthMm: BLOCK_MM.width - (indentPt + s.rightPt) / PT_PER_MM,
    sizePt: s.sizePt,
    font: 'small',
    align: 'left',
  });
  back.copyLines.forEach((line, i) => page.texts.push(text(line, back.topMm + i * ROW_MM, s.leftPt + (i === 0 ? s.firstLinePt : 0))));
  if (back.printedBy) {
    const top = back.topMm + back.copyLines.length * ROW_MM;
    page.texts.push({ ...text(back.printedBy, top, BACK_STYLE.leftPt), rightText: back.printedOn });
  }
}

function layoutEnvelope(envelope: NonNullable<LayoutInput['envelope']>): LaidPage {
  const text = (t: string, topMm: number, leftMm: number, widthMm: number, sizePt: number, align: PlacedText['align']): PlacedText => ({ text: t, topMm, leftMm, widthMm, sizePt, font: 'body', align });
  return {
    kind: 'envelope',
    widthMm: ENVELOPE_MM.width,
    heightMm: ENVELOPE_MM.height,
    lines: [],
    texts: [
      ...(envelope.postcode ? [text(envelope.postcode.split('').join(' '), 12, 14, 60, 16, 'left')] : []),
      text(envelope.address, 30, 20, 180, 14, 'left'),
      text(`${envelope.to}\u3000收`, 52, 20, 180, 22, 'center'),
      text(envelope.returnAddress, 88, 20, 186, 12, 'right'),
    ],
    rules: [],
    cells: [],
    pageNumber: null,
  };
}
