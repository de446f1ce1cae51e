import { describe, expect, it } from 'vitest';
import { computeStatistics, DEFAULT_STATISTICS_SETTINGS, type StatsCase } from '../domain/statistics.js';
import { buildBulletin, BULLETIN_LIST_ROWS } from './bulletin.js';
import { BLOCK_WIDTH_PT, ROWS_PER_PAGE } from './gbt9704.js';
import { fitTable, layoutDocument } from './layout.js';
import type { ImageBlock } from './model.js';

const image: ImageBlock = { kind: 'image', png: new Uint8Array(), widthMm: 150, rows: 8, alt: '统计图' };
const overdueCase = (i: number): StatsCase => ({
  id: String(i),
  caseNo: `鹤纪信〔2026〕${i}号`,
  receivedDate: '2026-03-02',
  source: '上级转办',
  channel: '来信',
  kind: '检举控告',
  categories: ['贪污贿赂'],
  accusedRanks: ['乡科级'],
  region: '走马镇',
  handler: i % 2 ? '第一纪检监察室' : '走马镇纪委',
  alert: 'red',
  concludedDate: null,
  realName: false,
  repeatOf: null,
  deadlines: [{ obligation: 'acceptOrRoute', due: '2026-03-09', fulfilledAt: null, metOnTime: null }],
  feedbackDate: null,
  returnVisits: [],
  documents: [],
  supervisions: [],
});

describe('the monthly 通报 laid out', () => {
  const stats = computeStatistics({ cases: Array.from({ length: 45 }, (_, i) => overdueCase(i + 1)), visits: [] }, { from: '2026-03-01', to: '2026-03-31' }, { asOf: '2026-11-25', settings: DEFAULT_STATISTICS_SETTINGS });
  const doc = buildBulletin(stats, { issuerMark: '中共鹤峰县纪律检查委员会', signature: '中共鹤峰县纪律检查委员会', addressee: '各乡镇纪委', printedBy: '', docNo: '', month: '2026-03', date: '2026-04-01' }, { source: image, category: image });
  const layout = layoutDocument(doc);

  it('repeats a table’s header where it continues on a new page, and never splits a chart', () => {
    const parts = layout.pages.flatMap((p) => p.tables ?? []);
    const overdueTable = parts.filter((t) => t.rows[0]![2] === '超期事项');
    expect(overdueTable.length).toBeGreaterThan(1);
    overdueTable.slice(1).forEach((part) => expect(part.row).toBe(0));
    expect(overdueTable.reduce((n, p) => n + p.rows.length - 1, 0)).toBe(BULLETIN_LIST_ROWS);
    for (const part of parts) expect(part.row + part.rows.length).toBeLessThanOrEqual(ROWS_PER_PAGE);
    const images = layout.pages.flatMap((p) => p.images ?? []);
    expect(images).toHaveLength(2);
    for (const placed of images) expect(placed.row + placed.image.rows).toBeLessThanOrEqual(ROWS_PER_PAGE);
  });

  it('names the whole list in the text and the longest-overdue cases in the table', () => {
    const text = doc.body.map((p) => p.text).join('\n');
    expect(text).toContain('超期件共45件，分布在2个承办单位：第一纪检监察室23件、走马镇纪委22件。');
    expect(text).toContain(`下表列出超期时间最长的${BULLETIN_LIST_ROWS}件`);
  });

  it('fits a table to the 版心, shrinking the text and then only the widest column', () => {
    const narrow = fitTable({ kind: 'table', columns: [{ label: '指标' }, { label: '数值' }], rows: [['收件数', '12件']] });
    expect(narrow.sizePt).toBe(14);
    expect(narrow.columns.reduce((w, c) => w + c.widthPt, 0)).toBeCloseTo(BLOCK_WIDTH_PT, 3);
    const wide = fitTable({ kind: 'table', columns: [{ label: '编号' }, { label: '情况' }], rows: [['鹤纪信〔2026〕1号', '很长的说明'.repeat(30)]] });
    expect(wide.sizePt).toBe(10.5);
    expect(wide.rows[0]![0]).toBe('鹤纪信〔2026〕1号');
    expect(wide.rows[0]![1]).toMatch(/…$/);
  });
});
