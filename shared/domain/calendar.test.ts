import { describe, expect, it } from 'vitest';
import {
  CalendarYear,
  CalendarYearMissingError,
  SHIPPED_CALENDAR_YEARS,
  WorkCalendar,
  addDays,
  mergeCalendarYears,
  parseCalendarFile,
  shippedCalendar,
  type CalendarYearInput,
} from './calendar.js';

/*
 * The expectations below are typed in again from research/domain-brief.md §6 (not read back from calendar.ts),
 * so a slip in the shipped table shows up as a failure here.
 */
const OFFICIAL: { year: number; holidays: [string, string, string][]; makeUp: string[] }[] = [
  {
    year: 2025,
    holidays: [
      ['元旦', '2025-01-01', '2025-01-01'],
      ['春节', '2025-01-28', '2025-02-04'],
      ['清明节', '2025-04-04', '2025-04-06'],
      ['劳动节', '2025-05-01', '2025-05-05'],
      ['端午节', '2025-05-31', '2025-06-02'],
      ['国庆节、中秋节', '2025-10-01', '2025-10-08'],
    ],
    makeUp: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    holidays: [
      ['元旦', '2026-01-01', '2026-01-03'],
      ['春节', '2026-02-15', '2026-02-23'],
      ['清明节', '2026-04-04', '2026-04-06'],
      ['劳动节', '2026-05-01', '2026-05-05'],
      ['端午节', '2026-06-19', '2026-06-21'],
      ['中秋节', '2026-09-25', '2026-09-27'],
      ['国庆节', '2026-10-01', '2026-10-07'],
    ],
    makeUp: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

function each(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
const dow = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
const OFF = new Map(OFFICIAL.flatMap((y) => y.holidays.flatMap(([name, from, to]) => each(from, to).map((d) => [d, name] as const))));
const ON = new Set(OFFICIAL.flatMap((y) => y.makeUp));
/** An independent oracle: the plain definition, applied to the brief's table. */
function oracleWorking(iso: string): boolean {
  if (ON.has(iso)) return true;
  if (OFF.has(iso)) return false;
  return dow(iso) !== 0 && dow(iso) !== 6;
}

const cal = shippedCalendar();

describe('shipped tables', () => {
  it('match the State Council notices in the brief, with their citations', () => {
    for (const year of SHIPPED_CALENDAR_YEARS) expect(CalendarYear.safeParse(year).success).toBe(true);
    expect(SHIPPED_CALENDAR_YEARS.map((y) => ({ year: y.year, holidays: y.holidays.map((h) => [h.name, h.from, h.to]), makeUp: y.makeUpDays }))).toEqual(OFFICIAL);
    const [y2025, y2026] = SHIPPED_CALENDAR_YEARS;
    expect(y2025!.source).toMatchObject({ issuedBy: '国务院办公厅', date: '2024-11-12', docNo: '国办发明电〔2024〕12号' });
    expect(y2025!.source.title).toContain('2025年部分节假日安排');
    expect(y2026!.source).toMatchObject({ issuedBy: '国务院办公厅', date: '2025-11-04' });
    expect(y2026!.source.docNo).toBeUndefined();
    expect(y2026!.source.note).toContain('文号未见，待核实');
    expect(cal.years).toEqual([2025, 2026]);
    expect(cal.covers(2025) && cal.covers(2026)).toBe(true);
    expect(cal.covers(2024) || cal.covers(2027)).toBe(false);
  });

  it('the brief\'s weekdays hold (a check on the transcription)', () => {
    const stated: [string, number][] = [
      ['2025-01-01', 3], ['2025-01-28', 2], ['2025-02-04', 2], ['2025-01-26', 0], ['2025-02-08', 6], ['2025-04-04', 5],
      ['2025-05-01', 4], ['2025-05-05', 1], ['2025-04-27', 0], ['2025-05-31', 6], ['2025-10-01', 3], ['2025-10-08', 3],
      ['2025-09-28', 0], ['2025-10-11', 6], ['2026-01-01', 4], ['2026-01-04', 0], ['2026-02-15', 0], ['2026-02-23', 1],
      ['2026-02-14', 6], ['2026-02-28', 6], ['2026-04-04', 6], ['2026-05-01', 5], ['2026-05-05', 2], ['2026-05-09', 6],
      ['2026-06-19', 5], ['2026-09-25', 5], ['2026-10-01', 4], ['2026-10-07', 3], ['2026-09-20', 0], ['2026-10-10', 6],
    ];
    for (const [date, weekday] of stated) expect([date, dow(date)]).toEqual([date, weekday]);
  });

  const holidayDays = [...OFF.entries()];
  it.each(holidayDays)('%s is a holiday (%s)', (date, name) => {
    expect(cal.isWorkingDay(date)).toBe(false);
    expect(cal.describeDay(date)).toMatchObject({ kind: '节假日', working: false, holiday: name });
  });

  it.each([...ON])('%s is a make-up working day (调休上班)', (date) => {
    expect(cal.isWorkingDay(date)).toBe(true);
    expect(cal.describeDay(date)).toMatchObject({ kind: '调休上班', working: true });
  });

  it('every day of 2025 and 2026 agrees with the plain definition', () => {
    for (const date of each('2025-01-01', '2026-12-31')) expect([date, cal.isWorkingDay(date)]).toEqual([date, oracleWorking(date)]);
    expect(cal.describeDay('2025-03-08')).toMatchObject({ kind: '休息日', weekday: '星期六' });
    expect(cal.describeDay('2025-03-10')).toMatchObject({ kind: '工作日', weekday: '星期一' });
  });

  it('counts 248 working days in each year', () => {
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
    expect(cal.workingDaysBetween('2024-12-31', '2026-12-31')).toBe(496);
  });
});

describe('N 个工作日: the N-th working day strictly after the start', () => {
  const cases: [string, string, number, string][] = [
    ['ordinary week', '2025-03-03', 5, '2025-03-10'],
    ['start on a Friday', '2025-03-07', 1, '2025-03-10'],
    ['start on a Saturday', '2025-03-08', 1, '2025-03-10'],
    ['start on a Sunday', '2025-03-09', 5, '2025-03-14'],
    ['元旦 2025, from the last day of 2024', '2024-12-31', 1, '2025-01-02'],
    ['元旦 2025, five days', '2024-12-31', 5, '2025-01-08'],
    ['春节 2025: make-up Sunday first', '2025-01-24', 1, '2025-01-26'],
    ['春节 2025: skips the eight days', '2025-01-24', 3, '2025-02-05'],
    ['春节 2025: counts the make-up Saturday', '2025-01-24', 6, '2025-02-08'],
    ['春节 2025: after both make-up days', '2025-01-24', 7, '2025-02-10'],
    ['start on a holiday (春节)', '2025-01-30', 1, '2025-02-05'],
    ['start on a holiday, due on a make-up Saturday', '2025-01-30', 4, '2025-02-08'],
    ['清明 2025', '2025-04-03', 1, '2025-04-07'],
    ['劳动节 2025: make-up Sunday', '2025-04-25', 1, '2025-04-27'],
    ['劳动节 2025: skips 5月1日–5日', '2025-04-25', 5, '2025-05-06'],
    ['start on a holiday (劳动节)', '2025-05-03', 1, '2025-05-06'],
    ['端午 2025', '2025-05-30', 1, '2025-06-03'],
    ['国庆 2025: make-up Sunday', '2025-09-26', 1, '2025-09-28'],
    ['国庆 2025: skips 10月1日–8日', '2025-09-26', 4, '2025-10-09'],
    ['国庆 2025: make-up Saturday 10月11日', '2025-09-26', 6, '2025-10-11'],
    ['国庆 2025: after it', '2025-09-26', 7, '2025-10-13'],
    ['start on a holiday (国庆)', '2025-10-05', 1, '2025-10-09'],
    ['start on a make-up day', '2025-09-28', 1, '2025-09-29'],
    ['the issue\'s example', '2025-09-12', 15, '2025-10-10'],
    ['year boundary: lands on the make-up Sunday 2026-01-04', '2025-12-31', 1, '2026-01-04'],
    ['year boundary: five days', '2025-12-31', 5, '2026-01-08'],
    ['year boundary: ten days from Christmas', '2025-12-25', 10, '2026-01-09'],
    ['春节 2026: make-up Saturday before', '2026-02-13', 1, '2026-02-14'],
    ['春节 2026: skips 2月15日–23日', '2026-02-13', 2, '2026-02-24'],
    ['春节 2026: make-up Saturday after', '2026-02-13', 6, '2026-02-28'],
    ['春节 2026: after both', '2026-02-13', 7, '2026-03-02'],
    ['start on a holiday (春节 2026)', '2026-02-18', 1, '2026-02-24'],
    ['清明 2026', '2026-04-03', 1, '2026-04-07'],
    ['劳动节 2026', '2026-04-30', 1, '2026-05-06'],
    ['劳动节 2026: make-up Saturday', '2026-05-08', 1, '2026-05-09'],
    ['端午 2026', '2026-06-18', 1, '2026-06-22'],
    ['中秋 2026: make-up Sunday 9月20日', '2026-09-18', 1, '2026-09-20'],
    ['中秋 2026', '2026-09-24', 1, '2026-09-28'],
    ['国庆 2026', '2026-09-30', 1, '2026-10-08'],
    ['国庆 2026: make-up Saturday', '2026-09-30', 3, '2026-10-10'],
    ['国庆 2026: after it', '2026-09-30', 4, '2026-10-12'],
    ['end of the loaded years', '2026-12-24', 5, '2026-12-31'],
  ];
  it.each(cases)('%s: %s + %i 个工作日 = %s', (_label, from, n, due) => {
    const result = cal.addWorkingDays(from, n);
    expect(result.due).toBe(due);
    expect(result.missingYears).toEqual([]);
    expect(cal.workingDaysBetween(from, due)).toBe(n);
  });

  it('explains the count as the issue asks', () => {
    expect(cal.addWorkingDays('2025-09-12', 15).explanation).toBe(
      '15 个工作日，跳过 国庆节、中秋节 10月1日–8日，含 9月28日 调休上班；自 2025-09-12 次日起算，届满 2025-10-10',
    );
    const boundary = cal.addWorkingDays('2025-12-25', 10);
    expect(boundary.explanation).toContain('跳过 元旦 2026年1月1日–3日，含 2026年1月4日 调休上班');
    expect(boundary.skippedHolidays).toEqual([{ name: '元旦', from: '2026-01-01', to: '2026-01-03' }]);
    expect(boundary.makeUpDays).toEqual(['2026-01-04']);
    expect(cal.addWorkingDays('2025-01-20', 10).explanation).toContain('跳过 春节 1月28日–2月4日，含 1月26日、2月8日 调休上班');
    // Starting inside a holiday names only the part that was stepped over.
    expect(cal.addWorkingDays('2025-10-05', 1).explanation).toContain('国庆节、中秋节 10月6日–8日');
    expect(cal.addWorkingDays('2025-03-03', 5).explanation).toBe('5 个工作日；自 2025-03-03 次日起算，届满 2025-03-10');
  });
});

describe('N 日: start + N, moved to the next working day (民法典 201, 203)', () => {
  const cases: [string, string, number, string][] = [
    ['no move', '2025-03-01', 30, '2025-03-31'],
    ['start on a Saturday', '2025-03-08', 2, '2025-03-10'],
    ['lands on a Saturday', '2025-06-02', 5, '2025-06-09'],
    ['lands on a Saturday before a make-up Sunday', '2025-09-22', 5, '2025-09-28'],
    ['lands in 国庆 2025', '2025-09-01', 30, '2025-10-09'],
    ['start on a holiday, lands on one', '2025-10-03', 3, '2025-10-09'],
    ['start on a holiday, lands after', '2025-10-03', 10, '2025-10-13'],
    ['lands in 春节 2025', '2025-01-20', 10, '2025-02-05'],
    ['lands on 元旦 2026 → make-up Sunday', '2025-12-31', 1, '2026-01-04'],
    ['lands on the make-up Sunday itself', '2025-12-20', 15, '2026-01-04'],
    ['lands on New Year\'s Eve', '2025-12-16', 15, '2025-12-31'],
    ['lands on a make-up Saturday', '2026-01-15', 30, '2026-02-14'],
    ['lands in 春节 2026', '2026-01-16', 30, '2026-02-24'],
    ['60 日', '2026-03-01', 60, '2026-04-30'],
    ['from 2024: only the landing year matters', '2024-12-15', 30, '2025-01-14'],
    ['end of the loaded years', '2026-12-01', 30, '2026-12-31'],
  ];
  it.each(cases)('%s: %s + %i 日 = %s', (_label, from, n, due) => {
    const result = cal.addCalendarDays(from, n);
    expect(result.due).toBe(due);
    expect(result.missingYears).toEqual([]);
  });

  it('explains the move', () => {
    expect(cal.addCalendarDays('2025-09-01', 30).explanation).toBe(
      '30 日；自 2025-09-01 次日起算，第 30 日为 2025-10-01（国庆节、中秋节），顺延至 2025-10-09（《民法典》第二百零三条）',
    );
    expect(cal.addCalendarDays('2025-06-02', 5).explanation).toContain('第 5 日为 2025-06-07（星期六），顺延至 2025-06-09');
    expect(cal.addCalendarDays('2025-09-22', 5).explanation).toContain('顺延至 2025-09-28（调休上班）');
    expect(cal.addCalendarDays('2025-03-01', 30).explanation).toBe('30 日；自 2025-03-01 次日起算，届满 2025-03-31');
  });
});

describe('a year without a loaded table is flagged, never counted as plain weekdays', () => {
  it('working days into 2027', () => {
    const r = cal.addWorkingDays('2026-12-24', 6);
    expect(r.due).toBeNull();
    expect(r.missingYears).toEqual([2027]);
    expect(r.estimate).toBe('2027-01-01');
    expect(r.explanation).toContain('尚未载入 2027 年的节假日安排');
    expect(r.explanation).toContain('仅供参考');
  });
  it('working days inside 2027 and 2024', () => {
    expect(cal.addWorkingDays('2027-03-01', 5)).toMatchObject({ due: null, missingYears: [2027], estimate: '2027-03-08' });
    expect(cal.addWorkingDays('2024-06-03', 5)).toMatchObject({ due: null, missingYears: [2024] });
    expect(cal.addWorkingDays('2024-12-20', 5)).toMatchObject({ due: null, missingYears: [2024] });
  });
  it('calendar days landing in 2027 or 2024', () => {
    expect(cal.addCalendarDays('2026-12-01', 31)).toMatchObject({ due: null, missingYears: [2027] });
    expect(cal.addCalendarDays('2024-11-01', 30)).toMatchObject({ due: null, missingYears: [2024] });
    // The last day is a Thursday in 2026: no need for 2027.
    expect(cal.addCalendarDays('2026-11-01', 60).due).toBe('2026-12-31');
  });
  it('day questions throw a dedicated error, counts between return null', () => {
    expect(() => cal.isWorkingDay('2027-01-04')).toThrow(CalendarYearMissingError);
    expect(() => cal.isWorkingDay('2027-01-04')).toThrow('2027 年');
    expect(() => cal.describeDay('2024-10-01')).toThrow(CalendarYearMissingError);
    expect(cal.workingDaysBetween('2026-12-30', '2027-01-05')).toBeNull();
    expect(cal.workingDaysBetween('2027-01-05', '2026-12-30')).toBeNull();
    expect(cal.missingYearsBetween('2024-12-30', '2027-01-05')).toEqual([2024, 2027]);
  });
  it('a gap between loaded years is flagged too', () => {
    const fake2027 = { year: 2027, holidays: [], makeUpDays: [], source: { title: '测试', issuedBy: '测试', date: '2026-11-01' } };
    const gap = WorkCalendar.fromYears([SHIPPED_CALENDAR_YEARS[0]!, fake2027]);
    expect(gap.addWorkingDays('2025-12-25', 10)).toMatchObject({ due: null, missingYears: [2026] });
    expect(gap.addWorkingDays('2025-12-01', 10).due).toBe('2025-12-15');
    expect(gap.addWorkingDays('2026-12-31', 1).due).toBe('2027-01-01');
  });
  it('an empty calendar flags everything', () => {
    const empty = WorkCalendar.fromYears([]);
    expect(empty.addWorkingDays('2025-03-03', 1)).toMatchObject({ due: null, missingYears: [2025], estimate: '2025-03-04' });
    expect(empty.addCalendarDays('2025-03-03', 1)).toMatchObject({ due: null, missingYears: [2025] });
  });
});

describe('workingDaysBetween (the yellow window)', () => {
  it.each([
    ['2025-09-30', '2025-10-10', 2],
    ['2025-10-10', '2025-09-30', -2],
    ['2025-09-29', '2025-10-10', 3],
    ['2025-09-26', '2025-10-10', 5],
    ['2025-10-10', '2025-10-10', 0],
    ['2025-03-08', '2025-03-10', 1],
    ['2025-12-31', '2026-01-05', 2],
  ] as const)('(%s, %s] has %i working days', (from, to, n) => {
    expect(cal.workingDaysBetween(from, to)).toBe(n);
  });
});

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('properties over random start dates (seeded)', () => {
  const next = random(20250101);
  const samples = Array.from({ length: 5000 }, () => ({ from: addDays('2024-12-31', Math.floor(next() * 731)), n: 1 + Math.floor(next() * 30) }));

  it('N 个工作日: the due date is a working day with exactly N working days in (from, due]', () => {
    let flagged = 0;
    for (const { from, n } of samples) {
      const r = cal.addWorkingDays(from, n);
      if (r.due === null) {
        flagged++;
        expect(r.missingYears).toEqual([2027]);
        expect(r.estimate! > '2026-12-31').toBe(true);
        continue;
      }
      expect(cal.isWorkingDay(r.due)).toBe(true);
      expect(oracleWorking(r.due)).toBe(true);
      const counted = each(addDays(from, 1), r.due).filter(oracleWorking).length;
      expect({ from, n, counted }).toEqual({ from, n, counted: n });
      expect(cal.workingDaysBetween(from, r.due)).toBe(n);
      expect(r.due >= addDays(from, n)).toBe(true);
    }
    expect(flagged).toBeGreaterThan(0);
  });

  it('N 日: the due date is the first working day on or after from + N', () => {
    for (const { from, n } of samples) {
      const r = cal.addCalendarDays(from, n);
      if (r.due === null) {
        expect(r.missingYears).toEqual([2027]);
        continue;
      }
      expect(oracleWorking(r.due)).toBe(true);
      expect(r.due >= addDays(from, n)).toBe(true);
      for (const d of each(addDays(from, n), addDays(r.due, -1))) expect([d, oracleWorking(d)]).toEqual([d, false]);
    }
  });
});

describe('importing and typing in a year', () => {
  const y2027: CalendarYearInput = {
    year: 2027,
    holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
    makeUpDays: [],
    source: { title: '国务院办公厅关于2027年部分节假日安排的通知', issuedBy: '国务院办公厅', date: '2026-11-05' },
  };

  it('parses a file with one year or a list, and a loaded 2027 resolves the flag', () => {
    const one = parseCalendarFile(JSON.stringify(y2027));
    expect(one.ok).toBe(true);
    const list = parseCalendarFile(JSON.stringify([y2027]));
    if (!list.ok) throw new Error(list.message);
    const merged = mergeCalendarYears(SHIPPED_CALENDAR_YEARS, list.years);
    expect(merged.map((y) => y.year)).toEqual([2025, 2026, 2027]);
    const withNext = WorkCalendar.fromYears(merged);
    expect(withNext.signature).not.toBe(cal.signature);
    // 2026-12-29, 30, 31, then 2027-01-04 and 05 (元旦 1月1日–3日).
    expect(withNext.addWorkingDays('2026-12-28', 5)).toMatchObject({ due: '2027-01-05', missingYears: [] });
  });

  it('an imported year replaces the loaded one', () => {
    const corrected = { ...SHIPPED_CALENDAR_YEARS[1]!, makeUpDays: [] };
    const merged = mergeCalendarYears(SHIPPED_CALENDAR_YEARS, [corrected]);
    expect(merged).toHaveLength(2);
    expect(WorkCalendar.fromYears(merged).isWorkingDay('2026-01-04')).toBe(false);
  });

  it.each([
    ['not JSON', '{', /不是有效的 JSON/],
    ['empty list', '[]', /没有任何年份/],
    ['no such day', JSON.stringify({ ...y2027, makeUpDays: ['2027-02-30'] }), /日期不存在/],
    ['wrong format', JSON.stringify({ ...y2027, makeUpDays: ['2027/2/6'] }), /YYYY-MM-DD/],
    ['end before start', JSON.stringify({ ...y2027, holidays: [{ name: '元旦', from: '2027-01-03', to: '2027-01-01' }] }), /结束日期不能早于开始日期/],
    ['overlap', JSON.stringify({ ...y2027, holidays: [{ name: '甲', from: '2027-01-01', to: '2027-01-03' }, { name: '乙', from: '2027-01-03', to: '2027-01-04' }] }), /重叠/],
    ['make-up on a weekday', JSON.stringify({ ...y2027, makeUpDays: ['2027-02-03'] }), /应为周六或周日/],
    ['make-up inside a holiday', JSON.stringify({ ...y2027, makeUpDays: ['2027-01-02'] }), /落在元旦假期内/],
    ['date in another year', JSON.stringify({ ...y2027, holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-03' }] }), /不在 2027 年/],
    ['year twice', JSON.stringify([y2027, y2027]), /出现了两次/],
    ['no source', JSON.stringify({ ...y2027, source: undefined }), /source/],
  ])('refuses %s with a Chinese message', (_label, text, message) => {
    const r = parseCalendarFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('allows a notice that reaches into the neighbouring year (元旦 2023 began on 2022-12-31)', () => {
    const y2023 = { year: 2023, holidays: [{ name: '元旦', from: '2022-12-31', to: '2023-01-02' }], makeUpDays: [], source: y2027.source };
    expect(CalendarYear.safeParse(y2023).success).toBe(true);
    const c = WorkCalendar.fromYears([y2023]);
    expect(c.isWorkingDay('2023-01-02')).toBe(false);
    // 2022 itself is not loaded, so a count through 2022-12-31 is still flagged.
    expect(c.addWorkingDays('2022-12-29', 2)).toMatchObject({ due: null, missingYears: [2022] });
  });

  it('refuses a year loaded twice or a day both off and worked', () => {
    expect(() => WorkCalendar.fromYears([SHIPPED_CALENDAR_YEARS[0]!, SHIPPED_CALENDAR_YEARS[0]!])).toThrow('2025 年的节假日安排载入了两次');
    const clash = { ...SHIPPED_CALENDAR_YEARS[0]!, makeUpDays: ['2026-01-03'] };
    expect(() => WorkCalendar.fromYears([clash, SHIPPED_CALENDAR_YEARS[1]!])).toThrow(/既是/);
  });
});

describe('input checks', () => {
  it.each(['2025-02-30', '2025-13-01', '2025-1-1', '20250101', ''])('refuses the date "%s"', (date) => {
    expect(() => cal.addWorkingDays(date, 1)).toThrow(RangeError);
    expect(() => cal.addCalendarDays(date, 1)).toThrow(/不是有效的日期/);
  });
  it.each([0, -1, 1.5, Number.NaN, 3661])('refuses the period %s', (n) => {
    expect(() => cal.addWorkingDays('2025-03-03', n)).toThrow(/期限天数/);
    expect(() => cal.addCalendarDays('2025-03-03', n)).toThrow(/期限天数/);
  });
});
