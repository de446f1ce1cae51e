import { PrinterOutlined } from '@ant-design/icons';
import { Button, Slider, Typography } from 'antd';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import {
  BLOCK_MM,
  ENVELOPE_MM,
  MARGIN_MM,
  PAGE_MM,
  PAGE_NUMBER_BELOW_BLOCK_MM,
  RED,
  ROW_MM,
  SIZE_PT,
  type FontRole,
} from '../../../../shared/documents/gbt9704';
import { FORM_CELL_PADDING_PT, FORM_LABEL_WIDTH_PT, layoutDocument, type LaidPage, type PlacedLine, type PlacedText } from '../../../../shared/documents/layout';
import { REPORTER_ADDRESS, REPORTER_NAME, type OfficialDocument } from '../../../../shared/documents/model';
import './documents.css';

/** The standard's faces first (as office PCs have them), then what a Linux or Mac machine offers. */
export const FONT_FAMILIES: Record<FontRole, string> = {
  title: "'方正小标宋简体','FZXiaoBiaoSong-B05S','XF Title Fallback','Noto Serif CJK SC',serif",
  body: "'仿宋_GB2312','FangSong','STFangsong','Noto Serif CJK SC',serif",
  small: "'仿宋_GB2312','FangSong','STFangsong','Noto Serif CJK SC',serif",
  h1: "'黑体','SimHei','Noto Sans CJK SC',sans-serif",
  h2: "'楷体_GB2312','KaiTi','AR PL UKai CN',serif",
  pageNumber: "'宋体','SimSun','Noto Serif CJK SC',serif",
};

const RED_CSS = `#${RED}`;
const PAGE_GAP_MM = 8;
/** CSS pixels per millimetre (96 dpi). */
const PX_PER_MM = 96 / 25.4;
const BLANK = /(【请填写[^】]*】)/;
const REPORTER = new RegExp(`(${REPORTER_NAME}|${REPORTER_ADDRESS})`);

/** Marks the gaps still to fill in (yellow) and the reporter placeholders filled in on issue (blue); on screen only. */
function marked(text: string, highlight: boolean): ReactNode {
  if (!highlight || (!text.includes('【请填写') && !text.includes('【检举控告人'))) return text;
  return text
    .split(BLANK)
    .flatMap((part) => (BLANK.test(part) ? [part] : part.split(REPORTER)))
    .filter(Boolean)
    .map((part, i) =>
      BLANK.test(part) ? (
        <span key={i} className="doc-blank">{part}</span>
      ) : REPORTER.test(part) ? (
        <span key={i} className="doc-reporter" title="出具时由系统从保密登记信息中填入">{part}</span>
      ) : (
        part
      ),
    );
}

const mm = (v: number) => `${v}mm`;

function Line({ line, first, highlight }: { line: PlacedLine; first: boolean; highlight: boolean }) {
  const s = line.style;
  const left = s.leftPt + (first ? s.firstLinePt : 0);
  const justified = s.align === 'justify';
  const style: CSSProperties = {
    top: mm(MARGIN_MM.top + line.row * ROW_MM),
    left: `calc(${MARGIN_MM.left}mm + ${left}pt)`,
    width: `calc(${BLOCK_MM.width}mm - ${left + s.rightPt}pt)`,
    height: mm(ROW_MM),
    lineHeight: mm(ROW_MM),
    fontFamily: FONT_FAMILIES[s.font],
    fontSize: `${s.sizePt}pt`,
    textAlign: justified ? 'justify' : s.align,
    textAlignLast: justified ? (line.full ? 'justify' : 'left') : s.align,
    color: s.red ? RED_CSS : undefined,
  };
  return (
    <div className="doc-line" style={style} data-role={s.font}>
      {marked(line.text, highlight)}
    </div>
  );
}

function Text({ text, highlight }: { text: PlacedText; highlight: boolean }) {
  // The 版记 sits on the grid rows; the 标志 and the envelope's lines are boxes 1.25 lines high from their top edge.
  const lineHeight = text.font === 'small' ? mm(ROW_MM) : `${text.sizePt * 1.25}pt`;
  const style: CSSProperties = {
    top: mm(text.topMm),
    left: mm(text.leftMm),
    width: mm(text.widthMm),
    lineHeight,
    fontFamily: FONT_FAMILIES[text.font],
    fontSize: `${text.sizePt}pt`,
    textAlign: text.align,
    color: text.red ? RED_CSS : undefined,
  };
  if (text.rightText !== undefined) {
    return (
      <div className="doc-text doc-text-split" style={style}>
        <span>{marked(text.text, highlight)}</span>
        <span>{text.rightText}</span>
      </div>
    );
  }
  return (
    <div className={text.red ? 'doc-text doc-mark' : 'doc-text'} style={style}>
      {marked(text.text, highlight)}
    </div>
  );
}

/** One page (or the envelope) at its real size in millimetres. */
function Sheet({ sheet: { page, first }, highlight }: { sheet: SheetModel; highlight: boolean }) {
  const cellEnds = new Set(page.cells.map((c) => c.row + c.rows));
  const labelWidthPt = FORM_LABEL_WIDTH_PT + 2 * FORM_CELL_PADDING_PT;
  const pageNoLineHeightPt = SIZE_PT.small * 1.25;
  return (
    <div
      className={page.kind === 'envelope' ? 'doc-sheet doc-sheet-envelope' : 'doc-sheet doc-sheet-page'}
      style={{ width: mm(page.widthMm), height: mm(page.heightMm) }}
      data-testid={page.kind === 'envelope' ? 'doc-envelope' : 'doc-page'}
    >
      {page.rules.map((r, i) => (
        <div
          key={`r${i}`}
          className="doc-rule"
          style={{ top: mm(r.topMm), left: mm(r.leftMm), width: mm(r.widthMm), borderTop: `${r.heightMm}mm solid ${r.red ? RED_CSS : '#000'}` }}
        />
      ))}
      {page.cells.map((c, i) => (
        <div
          key={`c${i}`}
          className={cellEnds.has(c.row) ? 'doc-cell' : 'doc-cell doc-cell-top'}
          style={{
            top: mm(MARGIN_MM.top + c.row * ROW_MM),
            left: mm(MARGIN_MM.left),
            width: mm(BLOCK_MM.width),
            height: mm(c.rows * ROW_MM),
            gridTemplateColumns: `${labelWidthPt}pt 1fr`,
            fontFamily: FONT_FAMILIES.body,
            fontSize: `${SIZE_PT.body}pt`,
          }}
        >
          <div className="doc-cell-label" style={{ padding: `0 ${FORM_CELL_PADDING_PT}pt` }}>{c.label}</div>
          <div className="doc-cell-value" style={{ padding: `0 ${FORM_CELL_PADDING_PT}pt`, lineHeight: mm(ROW_MM) }}>
            {c.lines.map((l, j) => (
              <div key={j}>{marked(l, highlight)}</div>
            ))}
          </div>
        </div>
      ))}
      {page.lines.map((line, i) => (
        <Line key={`l${i}`} line={line} first={first[i] ?? true} highlight={highlight} />
      ))}
      {page.texts.map((t, i) => (
        <Text key={`t${i}`} text={t} highlight={highlight} />
      ))}
      {page.pageNumber && (
        <div
          className="doc-pageno"
          style={{
            top: `calc(${MARGIN_MM.top + BLOCK_MM.height + PAGE_NUMBER_BELOW_BLOCK_MM}mm - ${pageNoLineHeightPt / 2}pt)`,
            left: page.pageNumber.side === 'left' ? `calc(${MARGIN_MM.left}mm + ${SIZE_PT.small}pt)` : mm(MARGIN_MM.left),
            width: `calc(${BLOCK_MM.width}mm - ${SIZE_PT.small}pt)`,
            textAlign: page.pageNumber.side,
            lineHeight: `${pageNoLineHeightPt}pt`,
            fontFamily: FONT_FAMILIES.pageNumber,
            fontSize: `${SIZE_PT.small}pt`,
            letterSpacing: 0,
          }}
        >
          {page.pageNumber.text}
        </div>
      )}
    </div>
  );
}

interface SheetModel {
  page: LaidPage;
  /** Per line: the first line of its paragraph (which takes the first-line indent). */
  first: boolean[];
}

/**
 * The pages of the layout, with each line marked as a paragraph's first or not: lines of one paragraph share its
 * style object and all but the last are `full`, so a paragraph continued across a page break keeps no indent.
 */
function laidOut(doc: OfficialDocument): SheetModel[] {
  let previous: PlacedLine | undefined;
  return layoutDocument(doc).pages.map((page) => ({
    page,
    first: page.lines.map((line) => {
      const first = !(previous && previous.style === line.style && previous.full);
      previous = line;
      return first;
    }),
  }));
}

/** Prints exactly the sheets: the rest of the app is hidden while the browser prints (see documents.css). */
function PrintPortal({ pages, onDone }: { pages: SheetModel[]; onDone(): void }) {
  useLayoutEffect(() => {
    document.body.classList.add('doc-printing');
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      document.body.classList.remove('doc-printing');
      onDone();
    };
    window.addEventListener('afterprint', finish, { once: true });
    // Let the sheets' fonts load before the print dialog takes its snapshot.
    const timer = window.setTimeout(() => {
      void document.fonts.ready.then(() => {
        window.print();
        // Chromium fires afterprint; a host whose print() returns at once without it is covered by a later tick.
        window.setTimeout(finish, 1000);
      });
    }, 0);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('afterprint', finish);
      document.body.classList.remove('doc-printing');
    };
  }, [onDone]);
  return createPortal(
    <div className="doc-print">
      <style>{`@page { size: A4; margin: 0; } @page xf-envelope { size: ${ENVELOPE_MM.width}mm ${ENVELOPE_MM.height}mm; margin: 0; }`}</style>
      {pages.map((p, i) => (
        <Sheet key={i} sheet={p} highlight={false} />
      ))}
    </div>,
    document.body,
  );
}

interface PreviewProps {
  doc: OfficialDocument;
  /** Offer printing (an issued document; a draft's blanks are never printed). */
  printable?: boolean;
  /** Why printing is not offered, shown instead of the button. */
  printNote?: string;
  /** Mark the 【请填写】 gaps on screen. */
  highlight?: boolean;
}

/** A document page by page, as it prints: scaled to the available width (50–100 %), with an optional print button. */
export function DocumentPreview({ doc, printable = false, printNote, highlight = true }: PreviewProps) {
  const pages = useMemo(() => laidOut(doc), [doc]);
  const area = useRef<HTMLDivElement>(null);
  const [areaWidth, setAreaWidth] = useState(0);
  const [zoom, setZoom] = useState<number | null>(null);
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    const el = area.current;
    if (!el) return;
    const measure = () => setAreaWidth(el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const widestMm = Math.max(PAGE_MM.width, ...pages.map((p) => p.page.widthMm));
  const totalMm = pages.reduce((sum, p) => sum + p.page.heightMm, 0) + PAGE_GAP_MM * (pages.length - 1);
  const fit = areaWidth > 0 ? (areaWidth - 32) / (widestMm * PX_PER_MM) : 1;
  const scale = zoom ?? Math.min(1, Math.max(0.5, Math.floor(fit * 100) / 100));
  const sheets = pages.filter((p) => p.page.kind === 'page').length;
  const donePrinting = useCallback(() => setPrinting(false), []);

  return (
    <div className="doc-preview" data-testid="document-preview">
      <div className="doc-preview-toolbar">
        <Typography.Text type="secondary">
          共 {sheets} 页{pages.length > sheets ? '，另附信封' : ''}
        </Typography.Text>
        <span>缩放</span>
        <Slider min={50} max={100} step={5} value={Math.round(scale * 100)} tooltip={{ formatter: (v) => `${v}%` }} onChange={(v) => setZoom(v / 100)} aria-label="缩放比例" />
        <Typography.Text style={{ width: 40 }}>{Math.round(scale * 100)}%</Typography.Text>
        <Button size="small" onClick={() => setZoom(null)} disabled={zoom === null}>
          适合宽度
        </Button>
        <span style={{ flex: 1 }} />
        {printable ? (
          <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>
            打印
          </Button>
        ) : (
          printNote && <Typography.Text type="secondary">{printNote}</Typography.Text>
        )}
      </div>
      <div className="doc-preview-area" ref={area}>
        <div className="doc-preview-stage" style={{ width: mm(widestMm * scale), height: mm(totalMm * scale) }}>
          <div className="doc-preview-pages" style={{ width: mm(widestMm), transform: `scale(${scale})` }}>
            {pages.map((p, i) => (
              <Sheet key={i} sheet={p} highlight={highlight} />
            ))}
          </div>
        </div>
      </div>
      {printing && <PrintPortal pages={pages} onDone={donePrinting} />}
    </div>
  );
}
