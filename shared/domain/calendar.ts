import { z } from 'zod';

/**
 * 工作日历: the State Council holiday notices as data, and the day counting that deadlines use.
 *
 * Conventions (kept exactly, see research/domain-brief.md §1.3 C and §6):
 * - "N 个工作日 from D" ends on the N-th working day strictly after D; D itself never counts.
 * - "N 日 from D" ends on D + N (民法典 第二百零一条: the first day is not counted); when that day is not a working day
 *   the period ends on the next working day (第二百零三条).
 * - A working day is a Monday–Friday that is not an official holiday, plus every official make-up day (调休上班).
 *
 * A year without a loaded table is never counted as plain weekdays: every result names the missing years and then
 * carries `due: null` (see {@link DueDate}); `isWorkingDay` throws {@link CalendarYearMissingError}. Only the years
 * whose days the answer depends on are needed: "N 个工作日" needs the years of the days in (D, due], "N 日" those of
 * [D + N, due]. So a case received on 2024-12-31 gets its 5-working-day deadline from the 2025 table alone.
 *
 * Import format (one JSON file holds one year object or an array of them), the same shape as {@link CalendarYear}:
 * ```json
 * {
 *   "year": 2027,
 *   "holidays": [{ "name": "元旦", "from": "2027-01-01", "to": "2027-01-01" }],
 *   "makeUpDays": ["2027-02-06"],
 *   "source": { "title": "国务院办公厅关于2027年部分节假日安排的通知", "issuedBy": "国务院办公厅",
 *               "date": "2026-11-05", "docNo": "国办发明电〔2026〕…号", "url": "https://www.gov.cn/…" }
 * }
 * ```
 * `holidays` are the official off ranges (inclusive; weekends inside a range are part of it), `makeUpDays` the
 * Saturdays and Sundays that are worked. Dates may reach into December of the year before or January of the year
 * after, because a notice sometimes does (元旦 2023 began on 2022-12-31). Parse a file with {@link parseCalendarFile}.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Longest period we count: ten years covers every rule and every extension an office could set. */
export const MAX_PERIOD_DAYS = 3660;

/*
 * Dates are day numbers (days since 1970-01-01) converted with integer arithmetic (H. Hinnant's civil-date
 * algorithms): recomputing tens of thousands of deadlines must not allocate a Date per day.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function ymdOf(dayNo: number): { year: number; month: number; day: number } {
  const z = dayNo + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

function yearOf(dayNo: number): number {
  return ymdOf(dayNo).year;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Day number of a valid 'YYYY-MM-DD', or NaN. Parsed by hand: this runs for every deadline recomputed. */
function dayNumber(iso: string): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return Number.NaN;
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 7);
  const day = digits(iso, 8, 10);
  if (Number.isNaN(year + month + day) || month < 1 || month > 12 || day < 1) return Number.NaN;
  if (day > (month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!)) return Number.NaN;
  return daysFromCivil(year, month, day);
}

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    n = n * 10 + c;
  }
  return n;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
function isoOf(dayNo: number): string {
  const d = ymdOf(dayNo);
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekendDay(day: number): boolean {
  const w = weekdayOfDay(day);
  return w === 0 || w === 6;
}

function parseDay(iso: string, label: string): number {
  const n = dayNumber(iso);
  if (Number.isNaN(n)) throw new RangeError(`${label}“${iso}”不是有效的日期，应为 YYYY-MM-DD`);
  return n;
}

export function isIsoDate(value: string): boolean {
  return !Number.isNaN(dayNumber(value));
}

/** The date n calendar days after (or before, for negative n) the given one. */
export function addDays(iso: string, n: number): string {
  return isoOf(parseDay(iso, '日期') + n);
}

/** Calendar days from a to b (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return parseDay(b, '日期') - parseDay(a, '日期');
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(iso: string): number {
  return weekdayOfDay(parseDay(iso, '日期'));
}

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

// ---------------------------------------------------------------------------------------------------------------
// The data

export const CalendarDate = z
  .string('请填写日期')
  .regex(ISO, '日期格式应为 YYYY-MM-DD')
  .refine(isIsoDate, { message: '日期不存在（请检查月份和日）' });

export const CalendarHoliday = z
  .object({
    /** e.g. 春节, 国庆节、中秋节 */
    name: z.string().trim().min(1, '请填写节日名称').max(20, '节日名称不能超过 20 个字'),
    from: CalendarDate,
    to: CalendarDate,
  })
  .refine((h) => h.from <= h.to, { message: '放假结束日期不能早于开始日期', path: ['to'] })
  .refine((h) => !isIsoDate(h.from) || !isIsoDate(h.to) || daysBetween(h.from, h.to) < 20, { message: '一次放假不能超过 20 天', path: ['to'] });
export type CalendarHoliday = z.infer<typeof CalendarHoliday>;

export const CalendarSource = z.object({
  /** 国务院办公厅关于2025年部分节假日安排的通知 */
  title: z.string().trim().min(1, '请填写通知标题').max(200),
  issuedBy: z.string().trim().min(1, '请填写发文机关').max(60),
  /** 成文或发布日期 */
  date: CalendarDate,
  docNo: z.string().trim().max(60).optional(),
  url: z.string().trim().max(500).optional(),
  /** What is not yet verified, e.g. a document number not seen in any source. */
  note: z.string().trim().max(500).optional(),
});
export type CalendarSource = z.infer<typeof CalendarSource>;

export const CalendarYear = z
  .object({
    year: z.number().int().min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间'),
    holidays: z.array(CalendarHoliday).max(40),
    makeUpDays: z.array(CalendarDate).max(40),
    source: CalendarSource,
  })
  .superRefine((y, ctx) => {
    const earliest = `${y.year - 1}-12-01`;
    const latest = `${y.year + 1}-01-31`;
    const outside = (d: string) => d < earliest || d > latest;
    y.holidays.forEach((h, i) => {
      if (outside(h.from) || outside(h.to))
        ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `${h.name}的日期不在 ${y.year} 年（可含上年 12 月、次年 1 月）内` });
    });
    const sorted = [...y.holidays].sort((a, b) => (a.from < b.from ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.from <= sorted[i - 1]!.to)
        ctx.addIssue({ code: 'custom', path: ['holidays'], message: `${sorted[i - 1]!.name}与${sorted[i]!.name}的放假日期重叠` });
    }
    const seen = new Set<string>();
    y.makeUpDays.forEach((d, i) => {
      if (!isIsoDate(d)) return;
      if (outside(d)) ctx.addIssue({ code: 'custom', path: ['makeUpDays', i], message: `调休上班日 ${d} 不在 ${y.year} 年内` });
      if (seen.has(d)) ctx.addIssue({ code: 'custom', path: ['makeUpDays', i], message: `调休上班日 ${d} 重复` });
      seen.add(d);
      // A worked weekday would change nothing: it is almost certainly a typing error.
      if (!isWeekendDay(dayNumber(d))) ctx.addIssue({ code: 'custom', path: ['makeUpDays', i], message: `调休上班日 ${d} 是${WEEKDAY_NAMES[weekdayOf(d)]}，应为周六或周日` });
      const inHoliday = y.holidays.find((h) => h.from <= d && d <= h.to);
      if (inHoliday) ctx.addIssue({ code: 'custom', path: ['makeUpDays', i], message: `调休上班日 ${d} 落在${inHoliday.name}假期内` });
    });
  });
export type CalendarYear = z.infer<typeof CalendarYear>;
export type CalendarYearInput = z.input<typeof CalendarYear>;

/**
 * 2025: 国办发明电〔2024〕12号 (2024-11-12), as transcribed in research/domain-brief.md §6 from 新华社 reposts.
 * 2026: 国务院办公厅 notice dated 2025-11-04 (光明网 / 新华社); its document number was not seen in any source.
 */
export const SHIPPED_CALENDAR_YEARS: readonly CalendarYear[] = [
  {
    year: 2025,
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    makeUpDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    source: {
      title: '国务院办公厅关于2025年部分节假日安排的通知',
      issuedBy: '国务院办公厅',
      date: '2024-11-12',
      docNo: '国办发明电〔2024〕12号',
      note: '据新华社转载文本录入；以中国政府网公布的原文为准',
    },
  },
  {
    year: 2026,
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    source: {
      title: '国务院办公厅关于2026年部分节假日安排的通知',
      issuedBy: '国务院办公厅',
      date: '2025-11-04',
      url: 'https://politics.gmw.cn/2025-11/04/content_38391083.htm',
      note: '文号未见，待核实；据光明网转载的新华社电文录入，以中国政府网公布的原文为准',
    },
  },
];

/** An imported file: one year or a list of years. Returns the years or one Chinese message naming the first problem. */
export function parseCalendarFile(text: string): { ok: true; years: CalendarYear[] } | { ok: false; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `节假日安排文件不是有效的 JSON：${(err as Error).message}` };
  }
  const parsed = z.array(CalendarYear).min(1, '文件中没有任何年份').safeParse(Array.isArray(data) ? data : [data]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `（位置：${issue.path.join('.')}）` : '';
    return { ok: false, message: `节假日安排有误：${issue.message}${where}` };
  }
  const years = parsed.data.map((y) => y.year);
  const twice = years.find((y, i) => years.indexOf(y) !== i);
  if (twice !== undefined) return { ok: false, message: `文件中 ${twice} 年出现了两次` };
  return { ok: true, years: parsed.data };
}

/** The office's list after an import: an imported year replaces the one already loaded. */
export function mergeCalendarYears(current: readonly CalendarYear[], incoming: readonly CalendarYear[]): CalendarYear[] {
  const byYear = new Map(current.map((y) => [y.year, y]));
  for (const y of incoming) byYear.set(y.year, y);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

// ---------------------------------------------------------------------------------------------------------------
// Counting

/** Thrown only by {@link WorkCalendar.isWorkingDay} and {@link WorkCalendar.describeDay}; the counting methods flag instead. */
export class CalendarYearMissingError extends Error {
  constructor(public readonly years: readonly number[]) {
    super(missingYearsMessage(years));
    this.name = 'CalendarYearMissingError';
  }
}

export function missingYearsMessage(years: readonly number[]): string {
  const list = years.map((y) => `${y} 年`).join('、');
  return `尚未载入 ${list}的节假日安排（国务院办公厅通知），无法确定期限；请先导入或录入 ${list}的节假日安排`;
}

export interface DueDate {
  /** The last day of the period, or null when a needed year has no loaded table. */
  due: string | null;
  /** Why the date is what it is, in Chinese; for a flagged result, which year is missing. */
  explanation: string;
  /** Years whose table the answer needs but which are not loaded; empty when `due` is set. */
  missingYears: number[];
  /**
   * Only when `due` is null: the date the missing years would give if they had no holidays at all. For display as
   * "约…，仅供参考" next to the warning; never for colours, reminders or history.
   */
  estimate: string | null;
  /** The official holidays (the part inside the period) the count stepped over. */
  skippedHolidays: CalendarHoliday[];
  /** Make-up working days counted inside the period. */
  makeUpDays: string[];
}

export type DayKind = '工作日' | '休息日' | '节假日' | '调休上班';
export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  weekday: (typeof WEEKDAY_NAMES)[number];
  /** The holiday's name when kind is 节假日. */
  holiday?: string;
}

const KIND_WORK = 0;
const KIND_REST = 1;
const KIND_HOLIDAY = 2;
const KIND_MAKEUP = 3;

interface HolidaySpan {
  name: string;
  from: number;
  to: number;
}

/**
 * The loaded years, indexed once: a day-kind array over every day from 1 January of the first loaded year to
 * 31 December of the last, a running count of working days and the position of each working day, so adding N
 * working days is two array reads. Unloaded years between loaded ones are filled with plain weekdays, used only
 * for `estimate`.
 */
export class WorkCalendar {
  readonly years: readonly number[];
  readonly tables: readonly CalendarYear[];
  /** Changes whenever any loaded date changes: store it with computed deadlines to know when to recompute. */
  readonly signature: string;
  private readonly loaded: ReadonlySet<number>;
  private readonly start: number;
  private readonly kinds: Uint8Array;
  /** cum[i] = working days among table days [0, i). */
  private readonly cum: Int32Array;
  /** positions[k] = table index of the (k+1)-th working day. */
  private readonly positions: Int32Array;
  private readonly holidayAt: Int16Array;
  /** uncovered[i] = days among table days [0, i) in years without a loaded table (gaps between loaded years). */
  private readonly uncovered: Int32Array;
  private readonly isoByIndex: string[];
  private readonly holidays: readonly HolidaySpan[];
  private readonly makeUps: readonly number[];

  /** Validates every year; throws a RangeError (Chinese message) for a year given twice or a day declared both off and worked. */
  static fromYears(years: readonly CalendarYearInput[]): WorkCalendar {
    return new WorkCalendar(years.map((y) => CalendarYear.parse(y)));
  }

  private constructor(tables: CalendarYear[]) {
    tables.sort((a, b) => a.year - b.year);
    const yearList = tables.map((t) => t.year);
    const twice = yearList.find((y, i) => yearList.indexOf(y) !== i);
    if (twice !== undefined) throw new RangeError(`${twice} 年的节假日安排载入了两次`);
    this.tables = tables;
    this.years = yearList;
    this.loaded = new Set(yearList);
    this.signature = fingerprint(JSON.stringify(tables.map((t) => [t.year, t.holidays, t.makeUpDays])));

    const first = yearList[0];
    const last = yearList[yearList.length - 1];
    this.start = first === undefined ? 0 : dayNumber(`${first}-01-01`);
    const end = last === undefined ? -1 : dayNumber(`${last}-12-31`);
    const length = Math.max(0, end - this.start + 1);
    this.kinds = new Uint8Array(length);
    this.holidayAt = new Int16Array(length).fill(-1);
    for (let i = 0; i < length; i++) this.kinds[i] = isWeekendDay(this.start + i) ? KIND_REST : KIND_WORK;

    const holidays: HolidaySpan[] = [];
    const makeUps: number[] = [];
    const declared = new Map<number, string>();
    const declare = (day: number, what: string) => {
      const before = declared.get(day);
      if (before !== undefined && before !== what) throw new RangeError(`${isoOf(day)} 在不同年份的安排中既是${before}又是${what}`);
      declared.set(day, what);
    };
    for (const t of tables) {
      for (const h of t.holidays) {
        const span = { name: h.name, from: dayNumber(h.from), to: dayNumber(h.to) };
        // Two notices may both list a range that straddles New Year.
        if (holidays.some((o) => o.from === span.from && o.to === span.to)) continue;
        for (let d = span.from; d <= span.to; d++) declare(d, '节假日');
        holidays.push(span);
      }
      for (const m of t.makeUpDays) {
        const d = dayNumber(m);
        declare(d, '调休上班日');
        if (!makeUps.includes(d)) makeUps.push(d);
      }
    }
    this.holidays = holidays.sort((a, b) => a.from - b.from);
    this.makeUps = makeUps.sort((a, b) => a - b);
    this.holidays.forEach((h, k) => {
      for (let d = Math.max(h.from, this.start); d <= Math.min(h.to, this.start + length - 1); d++) {
        this.kinds[d - this.start] = KIND_HOLIDAY;
        this.holidayAt[d - this.start] = k;
      }
    });
    for (const d of this.makeUps) if (d >= this.start && d < this.start + length) this.kinds[d - this.start] = KIND_MAKEUP;

    this.isoByIndex = new Array<string>(length);
    this.uncovered = new Int32Array(length + 1);
    for (let i = 0, gap = 0; i < length; i++) {
      const ymd = ymdOf(this.start + i);
      this.isoByIndex[i] = `${ymd.year}-${pad2(ymd.month)}-${pad2(ymd.day)}`;
      this.uncovered[i] = gap;
      if (!this.loaded.has(ymd.year)) gap++;
      this.uncovered[i + 1] = gap;
    }

    this.cum = new Int32Array(length + 1);
    let working = 0;
    for (let i = 0; i < length; i++) {
      this.cum[i] = working;
      const k = this.kinds[i];
      if (k === KIND_WORK || k === KIND_MAKEUP) working++;
    }
    this.cum[length] = working;
    this.positions = new Int32Array(working);
    for (let i = 0, k = 0; i < length; i++) {
      const kind = this.kinds[i];
      if (kind === KIND_WORK || kind === KIND_MAKEUP) this.positions[k++] = i;
    }
  }

  covers(year: number): boolean {
    return this.loaded.has(year);
  }

  /** Throws {@link CalendarYearMissingError} for a date in a year without a loaded table, RangeError for a malformed date. */
  isWorkingDay(date: string): boolean {
    return this.describeDay(date).working;
  }

  describeDay(date: string): DayInfo {
    const day = parseDay(date, '日期');
    const year = yearOf(day);
    if (!this.loaded.has(year)) throw new CalendarYearMissingError([year]);
    const i = day - this.start;
    const kind = this.kinds[i]!;
    const weekday = WEEKDAY_NAMES[weekdayOfDay(day)]!;
    switch (kind) {
      case KIND_HOLIDAY:
        return { date, working: false, kind: '节假日', weekday, holiday: this.holidays[this.holidayAt[i]!]!.name };
      case KIND_MAKEUP:
        return { date, working: true, kind: '调休上班', weekday };
      case KIND_REST:
        return { date, working: false, kind: '休息日', weekday };
      default:
        return { date, working: true, kind: '工作日', weekday };
    }
  }

  /** The N-th working day strictly after `from` (N ≥ 1). */
  addWorkingDays(from: string, n: number): DueDate {
    const fromDay = parseDay(from, '起算日期');
    checkPeriod(n);
    const fromIdx = fromDay - this.start;
    let dueDay: number;
    if (fromIdx >= -1 && fromIdx < this.kinds.length && this.cum[fromIdx + 1]! + n - 1 < this.positions.length) {
      dueDay = this.start + this.positions[this.cum[fromIdx + 1]! + n - 1]!;
    } else {
      dueDay = fromDay;
      for (let counted = 0; counted < n; ) if (this.workingOrWeekday(++dueDay)) counted++;
    }
    const missing = this.missingIn(fromDay + 1, dueDay);
    if (missing.length) return flagged(missing, dueDay);

    const withYear = yearOf(fromDay) !== yearOf(dueDay);
    const skippedHolidays = this.holidaysIn(fromDay + 1, dueDay);
    const makeUpDays = this.makeUps.filter((d) => d > fromDay && d <= dueDay);
    const parts = [`${n} 个工作日`];
    if (skippedHolidays.length) parts.push(`跳过 ${skippedHolidays.map((h) => `${h.name} ${formatRange(h.from, h.to, withYear)}`).join('、')}`);
    if (makeUpDays.length) parts.push(`含 ${makeUpDays.map((d) => formatDay(d, withYear)).join('、')} 调休上班`);
    return {
      due: this.iso(dueDay),
      explanation: `${parts.join('，')}；自 ${from} 次日起算，届满 ${this.iso(dueDay)}`,
      missingYears: [],
      estimate: null,
      skippedHolidays: skippedHolidays.map((h) => ({ name: h.name, from: this.iso(h.from), to: this.iso(h.to) })),
      makeUpDays: makeUpDays.map((d) => this.iso(d)),
    };
  }

  /** `from` + N calendar days (N ≥ 1), moved to the next working day when it is not one. */
  addCalendarDays(from: string, n: number): DueDate {
    const fromDay = parseDay(from, '起算日期');
    checkPeriod(n);
    const endDay = fromDay + n;
    let dueDay = endDay;
    while (!this.workingOrWeekday(dueDay)) dueDay++;
    const missing = this.missingIn(endDay, dueDay);
    if (missing.length) return flagged(missing, dueDay);

    const base = `${n} 日；自 ${from} 次日起算`;
    if (dueDay === endDay) {
      return { due: this.iso(dueDay), explanation: `${base}，届满 ${this.iso(dueDay)}`, missingYears: [], estimate: null, skippedHolidays: [], makeUpDays: [] };
    }
    const skipped = this.holidaysIn(endDay, dueDay);
    const i = endDay - this.start;
    const endKind = this.kinds[i] === KIND_HOLIDAY ? this.holidays[this.holidayAt[i]!]!.name : WEEKDAY_NAMES[weekdayOfDay(endDay)]!;
    const dueNote = this.kinds[dueDay - this.start] === KIND_MAKEUP ? '（调休上班）' : '';
    return {
      due: this.iso(dueDay),
      explanation: `${base}，第 ${n} 日为 ${this.iso(endDay)}（${endKind}），顺延至 ${this.iso(dueDay)}${dueNote}（《民法典》第二百零三条）`,
      missingYears: [],
      estimate: null,
      skippedHolidays: skipped.map((h) => ({ name: h.name, from: this.iso(h.from), to: this.iso(h.to) })),
      makeUpDays: dueNote ? [this.iso(dueDay)] : [],
    };
  }

  /**
   * Working days in (from, to]; negative, counting (to, from], when `to` is earlier; 0 when equal.
   * Null when a needed year has no loaded table.
   */
  workingDaysBetween(from: string, to: string): number | null {
    const a = parseDay(from, '日期');
    const b = parseDay(to, '日期');
    if (a === b) return 0;
    const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
    if (this.missingIn(lo + 1, hi).length) return null;
    return sign * (this.workingUpTo(hi) - this.workingUpTo(lo));
  }

  /** Years of the days in (from, to] that have no loaded table. */
  missingYearsBetween(from: string, to: string): number[] {
    return this.missingIn(parseDay(from, '日期') + 1, parseDay(to, '日期'));
  }

  /** Working days among table days up to and including `day` (the day must be inside the table or just before it). */
  private workingUpTo(day: number): number {
    return this.cum[Math.max(0, day - this.start + 1)]!;
  }

  private iso(day: number): string {
    return this.isoByIndex[day - this.start] ?? isoOf(day);
  }

  private workingOrWeekday(day: number): boolean {
    const i = day - this.start;
    if (i < 0 || i >= this.kinds.length) return !isWeekendDay(day);
    const k = this.kinds[i];
    return k === KIND_WORK || k === KIND_MAKEUP;
  }

  /** Years of the days in [a, b] without a loaded table. */
  private missingIn(a: number, b: number): number[] {
    if (b < a) return [];
    const i = a - this.start;
    const j = b - this.start;
    if (i >= 0 && j < this.kinds.length && this.uncovered[j + 1] === this.uncovered[i]) return [];
    const missing: number[] = [];
    for (let y = yearOf(a), last = yearOf(b); y <= last; y++) if (!this.loaded.has(y)) missing.push(y);
    return missing;
  }

  /** The holidays overlapping [a, b], each cut to its part inside. */
  private holidaysIn(a: number, b: number): HolidaySpan[] {
    const out: HolidaySpan[] = [];
    for (const h of this.holidays) {
      if (h.from > b) break;
      if (h.to >= a) out.push({ name: h.name, from: Math.max(h.from, a), to: Math.min(h.to, b) });
    }
    return out;
  }
}

function checkPeriod(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_PERIOD_DAYS) throw new RangeError(`期限天数应为 1–${MAX_PERIOD_DAYS} 之间的整数，收到 ${n}`);
}

function flagged(missingYears: number[], estimateDay: number): DueDate {
  return {
    due: null,
    explanation: `${missingYearsMessage(missingYears)}。若按周一至周五估算约为 ${isoOf(estimateDay)}，仅供参考`,
    missingYears,
    estimate: isoOf(estimateDay),
    skippedHolidays: [],
    makeUpDays: [],
  };
}

function formatDay(day: number, withYear: boolean): string {
  const d = ymdOf(day);
  return `${withYear ? `${d.year}年` : ''}${d.month}月${d.day}日`;
}

function formatRange(from: number, to: number, withYear: boolean): string {
  if (from === to) return formatDay(from, withYear);
  const a = ymdOf(from);
  const b = ymdOf(to);
  if (a.year !== b.year) return `${formatDay(from, true)}–${formatDay(to, true)}`;
  if (a.month !== b.month) return `${formatDay(from, withYear)}–${b.month}月${b.day}日`;
  return `${formatDay(from, withYear)}–${b.day}日`;
}

/** FNV-1a, enough to notice that a table changed; not a security hash. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

let shipped: WorkCalendar | undefined;
/** The 2025 and 2026 tables that ship with the app. */
export function shippedCalendar(): WorkCalendar {
  return (shipped ??= WorkCalendar.fromYears(SHIPPED_CALENDAR_YEARS));
}
