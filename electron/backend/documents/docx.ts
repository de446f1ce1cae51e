import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  FrameAnchorType,
  FrameWrap,
  HeightRule,
  HorizontalPositionRelativeFrom,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  Tab,
  TabStopType,
  TextRun,
  TextWrappingType,
  VerticalAlign,
  VerticalPositionRelativeFrom,
  WidthType,
  type IParagraphOptions,
  type ISectionOptions,
} from 'docx';
import {
  BLOCK_MM,
  ENVELOPE_MM,
  MARGIN_MM,
  FONT_NAMES,
  MARGIN_TWIPS,
  mmToTwips,
  PAGE_TWIPS,
  RED,
  ROW_TWIPS,
  SIZE_PT,
  TWIPS_PER_PT,
  type FontRole,
} from '../../../shared/documents/gbt9704.js';
import {
  FORM_CELL_PADDING_PT,
  FORM_LABEL_WIDTH_PT,
  layoutDocument,
  TABLE_CELL_PADDING_PT,
  type BackMatter,
  type FlowItem,
  type FlowParagraph,
  type FlowTable,
  type LineStyle,
  type PlacedText,
  type Rule,
} from '../../../shared/documents/layout.js';
import type { ImageBlock, LayoutInput } from '../../../shared/documents/model.js';
import { encodePng } from './png.js';

/**
 * Renders a document to .docx from its layout: every line of the 主体 on the 579-twip grid, the 标志 and the 版记 in
 * frames placed on the page, the red and black rules as floating images, page numbers in odd and even footers.
 */
const twips = (pt: number) => Math.round(pt * TWIPS_PER_PT);
const emu = (mm: number) => Math.round(mm * 36000);
/** The footer's distance from the bottom edge that puts the page number's 一字线 7 mm under the 版心 (measured). */
const FOOTER_FROM_BOTTOM_MM = 22;

const fontOf = (role: FontRole) => {
  const name = FONT_NAMES[role];
  return { ascii: name, eastAsia: name, hAnsi: name, cs: name };
};

function run(text: string, s: Pick<LineStyle, 'font' | 'sizePt' | 'red'>, breakBefore = false): TextRun {
  return new TextRun({ text, font: fontOf(s.font), size: s.sizePt * 2, characterSpacing: -5, color: s.red ? RED : '000000', break: breakBefore ? 1 : undefined });
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.BOTH } as const;

const grid = { line: ROW_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
/** No widow control: lines break across pages where the layout broke them. */
const plain = { spacing: grid, widowControl: false, keepLines: false, keepNext: false } satisfies IParagraphOptions;

function flowParagraph(item: FlowParagraph, extra: Partial<IParagraphOptions> = {}): Paragraph {
  const s = item.style;
  const children = item.explicitBreaks ? item.lines.map((line, i) => run(line, s, i > 0)) : [run(item.text, s)];
  const first = s.firstLinePt >= 0 ? { firstLine: twips(s.firstLinePt) } : { hanging: twips(-s.firstLinePt) };
  return new Paragraph({ ...plain, alignment: ALIGN[s.align], indent: { left: twips(s.leftPt), right: twips(s.rightPt), ...first }, children, ...extra });
}

/** A one-pixel PNG of a colour, stretched into a rule. */
const pixel = (hex: string) => encodePng(1, 1, Buffer.from(hex, 'hex'));
const PIXELS = { red: pixel(RED), black: pixel('000000') };

function ruleImage(rule: Rule): ImageRun {
  const px = (mm: number) => Math.max(1, Math.round((mm / 25.4) * 96));
  return new ImageRun({
    type: 'png',
    data: rule.red ? PIXELS.red : PIXELS.black,
    transformation: { width: px(rule.widthMm), height: px(rule.heightMm) },
    floating: {
      horizontalPosition: { relative: HorizontalPositionRelativeFrom.PAGE, offset: emu(rule.leftMm) },
      verticalPosition: { relative: VerticalPositionRelativeFrom.PAGE, offset: emu(rule.topMm) },
      wrap: { type: TextWrappingType.NONE },
      allowOverlap: true,
      lockAnchor: true,
    },
    altText: { name: '分隔线', description: '分隔线', title: '分隔线' },
  });
}

/** A frame at a fixed place on the page, `heightTwips` tall. */
function frameAt(leftMm: number, topMm: number, widthMm: number, heightTwips: number) {
  return {
    type: 'absolute' as const,
    position: { x: mmToTwips(leftMm), y: mmToTwips(topMm) },
    width: mmToTwips(widthMm),
    height: heightTwips,
    anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
    wrap: FrameWrap.NONE,
    rule: HeightRule.EXACT,
  };
}

/** A line of text in a frame as tall as the line, at a fixed place on the page (标志, envelope). */
function framed(text: PlacedText): Paragraph {
  const lineTwips = Math.round(text.sizePt * 1.25 * TWIPS_PER_PT);
  return new Paragraph({
    widowControl: false,
    frame: frameAt(text.leftMm, text.topMm, text.widthMm, lineTwips),
    alignment: ALIGN[text.align],
    spacing: { line: lineTwips, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: [run(text.text, { font: text.font, sizePt: text.sizePt, red: text.red })],
  });
}

function backMatterParagraphs(back: BackMatter): Paragraph[] {
  const s = back.style;
  // One frame for the whole 版记 (Word and LibreOffice merge consecutive framed paragraphs with the same frame).
  const frame = frameAt(MARGIN_MM.left, back.topMm, BLOCK_MM.width, (back.copyLines.length + (back.printedBy ? 1 : 0)) * ROW_TWIPS);
  const paragraphs: Paragraph[] = [];
  if (back.copyText) {
    paragraphs.push(
      new Paragraph({
        ...plain,
        frame,
        indent: { left: twips(s.leftPt), right: twips(s.rightPt), hanging: twips(-s.firstLinePt) },
        children: [run(back.copyText, s)],
      }),
    );
  }
  if (back.printedBy) {
    const edge = twips(SIZE_PT.small);
    paragraphs.push(
      new Paragraph({
        ...plain,
        frame,
        indent: { left: edge, right: edge },
        tabStops: [{ type: TabStopType.RIGHT, position: mmToTwips(BLOCK_MM.width) - edge }],
        children: [run(back.printedBy, s), new TextRun({ children: [new Tab()] }), run(back.printedOn, s)],
      }),
    );
  }
  return paragraphs;
}

function formTable(item: Extract<FlowItem, { kind: 'form' }>): Table {
  const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const pad = twips(FORM_CELL_PADDING_PT);
  const labelWidth = twips(FORM_LABEL_WIDTH_PT) + 2 * pad;
  const total = mmToTwips(BLOCK_MM.width);
  const cellParagraph = (text: string, align: keyof typeof ALIGN) => new Paragraph({ ...plain, alignment: ALIGN[align], children: [run(text, { font: 'body', sizePt: SIZE_PT.body })] });
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: [labelWidth, total - labelWidth],
    layout: 'fixed',
    rows: item.rows.map(
      (r) =>
        new TableRow({
          cantSplit: true,
          height: { value: r.rows * ROW_TWIPS, rule: HeightRule.EXACT },
          children: [
            new TableCell({ borders, width: { size: labelWidth, type: WidthType.DXA }, margins: { left: pad, right: pad, top: 0, bottom: 0 }, verticalAlign: VerticalAlign.CENTER, children: [cellParagraph(r.label, 'center')] }),
            new TableCell({
              borders,
              width: { size: total - labelWidth, type: WidthType.DXA },
              margins: { left: pad, right: pad, top: 0, bottom: 0 },
              verticalAlign: VerticalAlign.TOP,
              children: (r.lines.length ? r.lines : ['']).map((l) => cellParagraph(l, 'left')),
            }),
          ],
        }),
    ),
  });
}

/** A body table: one grid row per table row, the header repeated on each page (as the layout expects). */
/** Table rules of ½ pt (size in eighths of a point). */
const BORDER_TWIPS = 10;

function bodyTable(table: FlowTable): Table {
  // Borders and cell margins are set once on the table: tables of lists are long, and every cell property costs.
  const border = { style: BorderStyle.SINGLE, size: (BORDER_TWIPS / TWIPS_PER_PT) * 8, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
  const pad = twips(TABLE_CELL_PADDING_PT);
  const widths = table.columns.map((c) => twips(c.widthPt));
  const cell = (text: string, k: number, bold: boolean) =>
    new TableCell({
      width: { size: widths[k]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      children: [
        new Paragraph({
          ...plain,
          spacing: { line: twips(table.sizePt * 1.2), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          alignment: ALIGN[table.columns[k]!.align],
          children: [run(text, { font: bold ? 'h1' : 'body', sizePt: table.sizePt })],
        }),
      ],
    });
  // The table's top border adds its width to the table's height: the header row gives it back, so the rows that
  // follow stay on the grid (otherwise a table's last row or the next paragraph can slip to the next page).
  const row = (cells: string[], header: boolean) =>
    new TableRow({ tableHeader: header, cantSplit: true, height: { value: header ? ROW_TWIPS - BORDER_TWIPS : ROW_TWIPS, rule: HeightRule.EXACT }, children: cells.map((t, k) => cell(t, k, header)) });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: 'fixed',
    borders,
    margins: { left: pad, right: pad, top: 0, bottom: 0 },
    rows: [row(table.columns.map((c) => c.label), true), ...table.rows.map((r) => row(r, false))],
  });
}

/** A picture over whole grid rows, floating from its (empty) first row, centred in the 版心. */
function imageRows(image: ImageBlock, extra: Partial<IParagraphOptions>): Paragraph[] {
  const px = (mm: number) => Math.round((mm / 25.4) * 96);
  const heightMm = image.rows * (BLOCK_MM.height / 22) - 1;
  const floating = {
    horizontalPosition: { relative: HorizontalPositionRelativeFrom.MARGIN, offset: emu((BLOCK_MM.width - image.widthMm) / 2) },
    verticalPosition: { relative: VerticalPositionRelativeFrom.PARAGRAPH, offset: emu(0.5) },
    wrap: { type: TextWrappingType.NONE },
    allowOverlap: true,
    lockAnchor: true,
  };
  const transformation = { width: px(image.widthMm), height: px(heightMm) };
  const altText = { name: image.alt, description: image.alt, title: image.alt };
  const picture = image.svg
    ? new ImageRun({ type: 'svg', data: Buffer.from(image.svg, 'utf8'), fallback: { type: 'png', data: image.png }, transformation, floating, altText })
    : new ImageRun({ type: 'png', data: image.png, transformation, floating, altText });
  return [new Paragraph({ ...plain, ...extra, children: [picture] }), ...Array.from({ length: image.rows - 1 }, () => new Paragraph({ ...plain, children: [] }))];
}

function pageNumberFooter(side: 'left' | 'right'): Footer {
  const indent = twips(SIZE_PT.small);
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: indent } : { left: indent },
        spacing: { line: twips(SIZE_PT.small * 1.25), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: fontOf('pageNumber'), size: SIZE_PT.small * 2 })],
      }),
    ],
  });
}

const emptyFooter = () => new Footer({ children: [new Paragraph({ children: [] })] });

export async function renderDocx(doc: LayoutInput): Promise<Buffer> {
  const layout = layoutDocument(doc);
  const children: (Paragraph | Table)[] = [];
  let breakNext = false;
  const push = (make: (extra: Partial<IParagraphOptions>) => Paragraph) => {
    children.push(make(breakNext ? { pageBreakBefore: true } : {}));
    breakNext = false;
  };
  // The 标志 and the first page's rules hang on the first paragraph, so they stay on page 1.
  const firstPage = layout.firstPageRules.map(ruleImage);
  for (const item of layout.flow) {
    if (item.kind === 'pageBreak') breakNext = true;
    else if (item.kind === 'blank') for (let i = 0; i < item.rows; i++) push((extra) => new Paragraph({ ...plain, ...extra, children: [] }));
    else if (item.kind === 'paragraph') push((extra) => flowParagraph(item, extra));
    else if (item.kind === 'image') {
      const [anchor, ...rest] = imageRows(item.image, breakNext ? { pageBreakBefore: true } : {});
      breakNext = false;
      children.push(anchor!, ...rest);
    } else if (item.kind === 'table') children.push(bodyTable(item.table));
    else children.push(formTable(item));
  }
  if (firstPage.length) {
    if (layout.flow[0]?.kind !== 'blank') throw new Error('页首须为空行以放置分隔线');
    children[0] = new Paragraph({ ...plain, children: firstPage });
  }
  if (layout.mark) children.unshift(framed(layout.mark));

  const back = layout.backMatter;
  if (back) {
    // An empty row anchors the 版记's rules on the last page; the 版记's text sits in a frame at the bottom of the 版心.
    push((extra) => new Paragraph({ ...plain, ...extra, children: back.rules.map(ruleImage) }));
    children.push(...backMatterParagraphs(back));
  }

  const margin = { ...MARGIN_TWIPS, header: mmToTwips(15), footer: mmToTwips(FOOTER_FROM_BOTTOM_MM), gutter: 0 };
  const sections: ISectionOptions[] = [
    {
      properties: { titlePage: layout.format === 'letter', page: { size: PAGE_TWIPS, margin } },
      footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left'), first: emptyFooter() },
      children,
    },
  ];
  if (layout.envelope) {
    const envelope = layout.envelope;
    sections.push({
      properties: {
        titlePage: false,
        page: { size: { width: mmToTwips(ENVELOPE_MM.width), height: mmToTwips(ENVELOPE_MM.height) }, margin: { top: 567, bottom: 567, left: 567, right: 567, header: 0, footer: 0, gutter: 0 } },
      },
      footers: { default: emptyFooter(), even: emptyFooter(), first: emptyFooter() },
      children: [...envelope.texts.map(framed), new Paragraph({ children: [] })],
    });
  }
  const document = new Document({
    creator: 'xinfang-desk',
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: fontOf('body'), size: SIZE_PT.body * 2 } } } },
    sections,
  });
  return Packer.toBuffer(document);
}

