import { describe, expect, it } from 'vitest';
import { SHIPPED_CALENDAR_YEARS, type CalendarYear } from '../../../shared/domain/calendar.js';
import { deadlineCommand } from './deadline-command.js';

async function run(args: string[], years?: readonly CalendarYear[]) {
  let out = '';
  let err = '';
  const code = await deadlineCommand(args, { out: (t) => (out += t), err: (t) => (err += t) }, years);
  return { code, out, err };
}

describe('deadline command', () => {
  it.each([
    [['--from', '2025-09-12', '--workdays', '15'], '2025-10-10'],
    [['--workdays', '15', '--from', '2025-09-12'], '2025-10-10'],
    [['--from=2025-12-31', '--workdays=1'], '2026-01-04'],
    [['--from', '2025-01-24', '--workdays', '6'], '2025-02-08'],
    [['--from', '2024-12-31', '--workdays', '5'], '2025-01-08'],
    [['--from', '2025-09-01', '--days', '30'], '2025-10-09'],
    [['--from', '2025-03-01', '--days', '30'], '2025-03-31'],
    [['--from', '2025-09-22', '--days', '5'], '2025-09-28'],
  ])('%j prints %s on one line', async (args, due) => {
    expect(await run(args)).toEqual({ code: 0, out: `${due}\n`, err: '' });
  });

  it('--explain adds the reasoning on a second line', async () => {
    const r = await run(['--from', '2025-09-12', '--workdays', '15', '--explain']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('2025-10-10\n15 个工作日，跳过 国庆节、中秋节 10月1日–8日，含 9月28日 调休上班；自 2025-09-12 次日起算，届满 2025-10-10\n');
    const days = await run(['--explain', '--from', '2025-09-01', '--days', '30']);
    expect(days.out.split('\n')[1]).toContain('顺延至 2025-10-09');
  });

  it.each([
    [['--from', '2027-03-01', '--workdays', '5'], '2027'],
    [['--from', '2026-12-28', '--workdays', '5'], '2027'],
    [['--from', '2026-12-01', '--days', '31'], '2027'],
    [['--from', '2024-06-03', '--workdays', '5'], '2024'],
  ])('%j is outside the loaded years: exit 1', async (args, year) => {
    const r = await run(args);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`尚未载入 ${year} 年的节假日安排`);
    expect(r.err).toContain(`holiday table for ${year} is not loaded`);
  });

  it('uses the office\'s years when given', async () => {
    const y2027: CalendarYear = { year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeUpDays: [], source: { title: '测试', issuedBy: '测试', date: '2026-11-01' } };
    expect(await run(['--from', '2026-12-28', '--workdays', '5'], [...SHIPPED_CALENDAR_YEARS, y2027])).toMatchObject({ code: 0, out: '2027-01-05\n' });
  });

  it.each([
    [[], '缺少 --from'],
    [['--workdays', '5'], '缺少 --from'],
    [['--from', '2025-03-01'], '须且只能给出'],
    [['--from', '2025-03-01', '--workdays', '5', '--days', '5'], '须且只能给出'],
    [['--from', '2025/03/01', '--workdays', '5'], 'YYYY-MM-DD'],
    [['--from', '2025-3-1', '--workdays', '5'], 'YYYY-MM-DD'],
    [['--from', '2025-02-30', '--workdays', '5'], '不存在'],
    [['--from', '2025-13-01', '--workdays', '5'], '不存在'],
    [['--from', '2025-03-01', '--workdays', '0'], '整数'],
    [['--from', '2025-03-01', '--workdays', '-3'], '整数'],
    [['--from', '2025-03-01', '--workdays', '1.5'], '整数'],
    [['--from', '2025-03-01', '--days', 'abc'], '整数'],
    [['--from', '2025-03-01', '--days', '99999'], '整数'],
    [['--from', '2025-03-01', '--days', ''], '需要一个值'],
    [['--from'], '需要一个值'],
    [['--from', '2025-03-01', '--from', '2025-03-02', '--days', '1'], '只能给一次'],
    [['--from', '2025-03-01', '--days', '1', '--verbose'], '未知选项'],
    [['--from', '2025-03-01', '--days', '1', 'extra'], '多余的参数'],
    [['--from', '2025-03-01', '--days', '1', '--explain=yes'], '不带值'],
  ])('%j is malformed: exit 2 with a clear message', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
    expect(r.err).toMatch(/error: .*[a-z]/);
    expect(r.err).toContain('usage: deadline --from YYYY-MM-DD');
  });

  it('--help prints the usage', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--workdays N');
    expect(r.out).toContain('Exit codes');
  });
});
