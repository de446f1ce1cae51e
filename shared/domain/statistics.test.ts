import { describe, expect, it } from 'vitest';
import {
  computeStatistics,
  DEFAULT_STATISTICS_SETTINGS,
  monthOf,
  monthsIn,
  percent,
  previousMonth,
  statisticalMonth,
  statisticalQuarter,
  statisticalYear,
  type StatsCase,
} from './statistics.js';

const base: StatsCase = {
  id: 'x',
  caseNo: 'X',
  receivedDate: '2026-05-01',
  source: '本级受理',
  channel: '来信',
  kind: '检举控告',
  categories: [],
  accusedRanks: [],
  region: '',
  handler: '',
  alert: 'none',
  concludedDate: null,
  realName: false,
  repeatOf: null,
  deadlines: [],
  feedbackDate: null,
  returnVisits: [],
  documents: [],
  supervisions: [],
};
const c = (over: Partial<StatsCase>): StatsCase => ({ ...base, ...over });

describe('统计口径: statistical months', () => {
  it('runs a month from the configured day of the previous month', () => {
    expect(statisticalMonth('2026-05', 21)).toEqual({ from: '2026-04-21', to: '2026-05-20' });
    expect(statisticalMonth('2026-01', 21)).toEqual({ from: '2025-12-21', to: '2026-01-20' });
    expect(statisticalMonth('2026-02', 1)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(statisticalMonth('2028-02', 1)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthOf('2026-04-21', 21)).toBe('2026-05');
    expect(monthOf('2026-04-20', 21)).toBe('2026-04');
    expect(monthOf('2026-12-25', 21)).toBe('2027-01');
    expect(monthOf('2026-04-30', 1)).toBe('2026-04');
    expect(previousMonth('2026-11-25', 21)).toBe('2026-11');
    expect(previousMonth('2026-11-20', 21)).toBe('2026-10');
  });

  it('builds quarters and years from statistical months', () => {
    expect(statisticalQuarter(2026, 2, 21)).toEqual({ from: '2026-03-21', to: '2026-06-20' });
    expect(statisticalYear(2026, 21)).toEqual({ from: '2025-12-21', to: '2026-12-20' });
    expect(statisticalYear(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(monthsIn(statisticalQuarter(2026, 2, 21), 21)).toEqual(['2026-04', '2026-05', '2026-06']);
  });
});

describe('computeStatistics', () => {
  const period = statisticalMonth('2026-05', 21);
  const options = { asOf: '2026-11-25', settings: { ...DEFAULT_STATISTICS_SETTINGS, monthStartDay: 21 } };

  it('counts received cases, rates and breakdowns by the period and the cut-off', () => {
    const cases = [
      // Received before the period: only its work in the period counts (a supervision, a document, its conclusion).
      c({ id: 'a', caseNo: 'A', receivedDate: '2026-04-01', concludedDate: '2026-05-02', deadlines: [{ obligation: 'acceptOrRoute', due: '2026-04-08', fulfilledAt: '2026-04-07', metOnTime: true }], supervisions: [{ date: '2026-04-25', action: '督办', mode: '电话' }], documents: [{ type: 'supervision', issuedAt: '2026-04-25T08:00:00.000Z' }] }),
      // Received in the period, concluded late, real name, fed back and visited twice (last: 不满意).
      c({
        id: 'b',
        caseNo: 'B',
        receivedDate: '2026-04-21',
        source: '上级转办',
        channel: '网络',
        categories: ['贪污贿赂', '违反廉洁纪律'],
        accusedRanks: ['乡科级', '乡科级'],
        region: '走马镇',
        handler: '第一纪检监察室',
        realName: true,
        concludedDate: '2026-05-10',
        feedbackDate: '2026-05-09',
        deadlines: [
          { obligation: 'acceptOrRoute', due: '2026-04-28', fulfilledAt: '2026-04-30', metOnTime: false },
          { obligation: 'resultFeedback', due: '2026-06-01', fulfilledAt: '2026-05-09', metOnTime: true },
        ],
        returnVisits: [{ date: '2026-05-12', satisfaction: '满意' }, { date: '2026-05-15', satisfaction: '不满意' }],
        alert: 'blue',
      }),
      // Received in the period, still open and overdue at the cut-off; a repeat.
      c({ id: 'c', caseNo: 'C', receivedDate: '2026-05-20', repeatOf: 'B', handler: '第二纪检监察室', deadlines: [{ obligation: 'acceptOrRoute', due: '2026-05-19', fulfilledAt: null, metOnTime: null }], alert: 'red', accusedRanks: ['单位'] }),
      // After the period: not counted at all.
      c({ id: 'd', caseNo: 'D', receivedDate: '2026-05-21' }),
    ];
    const visits = [
      { kind: '带信下访' as const, date: '2026-05-01', problemsSolved: 2, leads: 1, households: 0 },
      { kind: '入户走访' as const, date: '2026-05-03', problemsSolved: 0, leads: 0, households: 12 },
      { kind: '入户走访' as const, date: '2026-06-03', problemsSolved: 0, leads: 0, households: 5 },
    ];
    const s = computeStatistics({ cases, visits }, period, options);
    expect(s.cutoff).toBe('2026-05-20');
    expect(s.totals).toEqual({ received: 2, concluded: 1, open: 1, concludedInPeriod: 2, realName: 1, repeats: 1, overdue: 1 });
    expect(s.rates.concluded).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    // A and B concluded in the period; A met its deadline, B did not.
    expect(s.rates.onTime).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(s.rates.feedback).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(s.rates.returnVisit.value).toBe(1);
    expect(s.rates.satisfaction).toEqual({ numerator: 0, denominator: 1, value: 0 });
    expect(percent(s.rates.repeat)).toBe('50.0%');
    expect(s.by.source.find((t) => t.key === '上级转办')).toEqual({ key: '上级转办', count: 1, concluded: 1 });
    expect(s.by.category.filter((t) => t.count).map((t) => t.key)).toEqual(['违反廉洁纪律', '贪污贿赂', '未填写']);
    expect(s.by.rank.filter((t) => t.count)).toEqual([{ key: '乡科级', count: 1, concluded: 1 }, { key: '单位', count: 1, concluded: 0 }]);
    expect(s.by.handler.map((t) => t.key)).toEqual(['第二纪检监察室', '第一纪检监察室']);
    expect(s.supervisions.total).toBe(1);
    expect(s.documents.byType.find((d) => d.type === 'supervision')?.count).toBe(1);
    expect(s.documents.sets[0]).toMatchObject({ name: '三函一书', count: 1 });
    expect(s.visits['入户走访']).toEqual({ count: 1, problemsSolved: 0, leads: 0, households: 12 });
    expect(s.visits['带信下访'].count).toBe(1);
    expect(s.overdueByUnit).toEqual([{ unit: '第二纪检监察室', total: 1, rows: [{ caseNo: 'C', receivedDate: '2026-05-20', handler: '第二纪检监察室', detail: '受理、转办或报送，2026-05-19届满', days: 1 }] }]);
    expect(s.lists.map((l) => [l.name, l.rows.length])).toEqual([['超期件清单', 1], ['积案清单', 0], ['重复件清单', 1], ['督办件清单', 1]]);
    expect(s.trend).toEqual([{ month: '2026-05', received: 2, concluded: 2 }]);
  });

  it('gives no rate without a denominator', () => {
    const s = computeStatistics({ cases: [], visits: [] }, period, options);
    expect(s.rates.concluded.value).toBeNull();
    expect(percent(s.rates.satisfaction)).toBe('—');
  });
});
