import { SHIPPED_CALENDAR_YEARS, WorkCalendar, isIsoDate, MAX_PERIOD_DAYS, type CalendarYear, type DueDate } from '../../../shared/domain/calendar.js';

export const DEADLINE_USAGE = `用法 / usage: deadline --from YYYY-MM-DD (--workdays N | --days N) [--explain]

  --from YYYY-MM-DD   起算日期（当日不计入） / start date (not counted)
  --workdays N        N 个工作日：起算日之后第 N 个工作日 / the N-th working day after the start date
  --days N            N 日：起算日加 N 日，遇节假日或休息日顺延至下一个工作日
                      N calendar days; a non-working last day moves to the next working day
  --explain           另起一行说明计算过程 / add a line explaining the count

输出期限届满日 YYYY-MM-DD（一行）。退出码：0 成功；1 所需年份的节假日安排未载入；2 输入或用法错误。
Prints the due date as YYYY-MM-DD on one line. Exit codes: 0 success; 1 a needed year's holiday table is not
loaded; 2 malformed input or usage.
`;

class UsageError extends Error {}

/**
 * `deadline --from YYYY-MM-DD (--workdays N | --days N) [--explain]`. Uses the shipped 2025–2026 tables unless the
 * caller passes the office's loaded years.
 */
export async function deadlineCommand(
  args: string[],
  io: { out(t: string): void; err(t: string): void },
  calendarYears: readonly CalendarYear[] = SHIPPED_CALENDAR_YEARS,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(DEADLINE_USAGE);
    return 0;
  }
  let request: { from: string; n: number; unit: 'workdays' | 'days'; explain: boolean };
  try {
    request = parse(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`错误 / error: ${err.message}\n\n${DEADLINE_USAGE}`);
    return 2;
  }

  const calendar = WorkCalendar.fromYears(calendarYears);
  const result: DueDate = request.unit === 'workdays' ? calendar.addWorkingDays(request.from, request.n) : calendar.addCalendarDays(request.from, request.n);
  if (result.due === null) {
    const years = result.missingYears.join(', ');
    const loaded = calendar.years.length ? calendar.years.join(', ') : 'none';
    io.err(
      `错误：${result.explanation}。\n` +
        `error: the holiday table for ${years} is not loaded (loaded years: ${loaded}); the due date cannot be computed. ` +
        `Import the State Council holiday notice for ${years} first (calendar import).\n`,
    );
    return 1;
  }
  io.out(`${result.due}\n`);
  if (request.explain) io.out(`${result.explanation}\n`);
  return 0;
}

function parse(args: string[]): { from: string; n: number; unit: 'workdays' | 'days'; explain: boolean } {
  const values: Record<string, string> = {};
  let explain = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`多余的参数 / unexpected argument: ${arg}`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (name === 'explain') {
      if (eq >= 0) throw new UsageError('--explain 不带值 / --explain takes no value');
      explain = true;
      continue;
    }
    if (name !== 'from' && name !== 'workdays' && name !== 'days') throw new UsageError(`未知选项 / unknown option: --${name}`);
    const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`--${name} 需要一个值 / --${name} needs a value`);
    if (name in values) throw new UsageError(`--${name} 只能给一次 / --${name} given twice`);
    values[name] = value;
  }

  const from = values.from;
  if (from === undefined) throw new UsageError('缺少 --from YYYY-MM-DD / missing --from YYYY-MM-DD');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) throw new UsageError(`--from 应为 YYYY-MM-DD，收到“${from}” / --from must be YYYY-MM-DD, got "${from}"`);
  if (!isIsoDate(from)) throw new UsageError(`日期 ${from} 不存在 / ${from} is not a calendar date`);

  if ((values.workdays === undefined) === (values.days === undefined)) {
    throw new UsageError('须且只能给出 --workdays N 或 --days N 之一 / give exactly one of --workdays N or --days N');
  }
  const unit = values.workdays !== undefined ? 'workdays' : 'days';
  const raw = (values.workdays ?? values.days)!;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PERIOD_DAYS) {
    throw new UsageError(`--${unit} 应为 1–${MAX_PERIOD_DAYS} 的整数，收到“${raw}” / --${unit} must be an integer from 1 to ${MAX_PERIOD_DAYS}, got "${raw}"`);
  }
  return { from, n: Number(raw), unit, explain };
}
