/**
 * GB/T 9704-2012《党政机关公文格式》 layout numbers, in the units the two renderers need. The body is a grid of 22
 * lines × 28 characters filling a 156 × 225 mm 版心; every line of the 主体 sits on that grid.
 */
export const PT_PER_MM = 72 / 25.4;
export const TWIPS_PER_PT = 20;
export const mmToTwips = (mm: number) => Math.round(mm * PT_PER_MM * TWIPS_PER_PT);

export const PAGE_MM = { width: 210, height: 297 } as const;
/** 天头 37, 订口 28; the 版心 is 156 × 225, which leaves 26 on the right and 35 at the bottom. */
export const MARGIN_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;
export const BLOCK_MM = { width: 156, height: 225 } as const;
/** Twips written into the .docx (integers: Word does not read millimetre strings in transitional OOXML). */
export const MARGIN_TWIPS = { top: 2097, bottom: 1984, left: 1587, right: 1474 } as const;
export const PAGE_TWIPS = { width: 11906, height: 16838 } as const;

export const ROWS_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
/** 225 mm / 22 lines = 28.95 pt, written as exact line spacing (LineRuleType.EXACT). */
export const ROW_TWIPS = 579;
export const ROW_MM = BLOCK_MM.height / ROWS_PER_PAGE;
export const BLOCK_WIDTH_PT = BLOCK_MM.width * PT_PER_MM;

/** 3号 body, 2号 title, 4号 版记 and page numbers. */
export const SIZE_PT = { body: 16, title: 22, small: 14 } as const;
/** −0.25 pt between characters brings 28 characters of 16 pt onto a 156 mm line (measured in LibreOffice). */
export const CHAR_SPACING_PT = -0.25;
/** One character of the body: the unit of indents. */
export const CHAR_PT = SIZE_PT.body;

/** The standard's fonts by name, written in the eastAsia slot so WPS and Word on office PCs pick them. */
export const FONT_NAMES = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  h1: '黑体',
  h2: '楷体_GB2312',
  small: '仿宋_GB2312',
  pageNumber: '宋体',
} as const;
export type FontRole = keyof typeof FONT_NAMES;

/** 发文机关标志 and separators: red (Y80% M80% in print). */
export const RED = 'E50012';

/** 信函格式 (§10.1): 标志 30 mm from the top edge; double lines 170 mm long, 4 mm under the 标志 and 20 mm from the bottom. */
export const LETTER_FORMAT = { markTopMm: 30, gapMm: 4, ruleLengthMm: 170, bottomRuleFromBottomMm: 20 } as const;
/** 文件格式 (§7.2.4): the 标志's upper edge 35 mm below the top of the 版心. */
export const DOCUMENT_FORMAT = { markTopBelowBlockMm: 35 } as const;
/** Page numbers: the 一字线 7 mm below the 版心. */
export const PAGE_NUMBER_BELOW_BLOCK_MM = 7;
/** Envelope (DL, 220 × 110 mm) for notices to reporters. */
export const ENVELOPE_MM = { width: 220, height: 110 } as const;
