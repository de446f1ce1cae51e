import { describe, expect, it } from 'vitest';
import { SHIPPED_CALENDAR_YEARS, WorkCalendar, addDays, shippedCalendar, type CalendarYear } from './calendar.js';
import {
  DEFAULT_DEADLINE_RULES,
  DEFAULT_DEADLINE_SETTINGS,
  DEFAULT_WARNING_DAYS,
  Deadline,
  DeadlineError,
  DeadlineSettings,
  OBLIGATIONS,
  alertColour,
  caseAlert,
  computeDeadline,
  extendDeadline,
  fulfil,
  obligationsFor,
  openDeadline,
  recomputeDeadline,
  resumeDeadline,
  ruleFor,
  suspendDeadline,
  worstAlert,
  type CaseFacts,
  type DeadlineRule,
  type Obligation,
} from './deadlines.js';

const cal = shippedCalendar();
const notice = ruleFor('acceptanceNotice');
const handle = ruleFor('acceptOrRoute');
const feedback = ruleFor('resultFeedback');

describe('default rules', () => {
  it('follow the brief and cite their basis as editable text', () => {
    expect(DeadlineSettings.parse(DEFAULT_DEADLINE_SETTINGS)).toEqual(DEFAULT_DEADLINE_SETTINGS);
    expect(DEFAULT_WARNING_DAYS).toBe(3);
    expect(new Set(DEFAULT_DEADLINE_RULES.map((r) => r.obligation))).toEqual(new Set(OBLIGATIONS));
    expect(handle).toMatchObject({ days: 5, unit: '工作日', startsFrom: 'received' });
    expect(handle.citation).toContain('第十六条');
    expect(notice).toMatchObject({ days: 15, unit: '工作日', startsFrom: 'received' });
    expect(notice.citation).toContain('重复检举控告不再告知');
    expect(feedback).toMatchObject({ days: 15, unit: '工作日', startsFrom: 'closed' });
    expect(ruleFor('assignmentReply')).toMatchObject({ unit: '日', startsFrom: 'routed' });
    expect(ruleFor('assignmentReply').citation).toContain('交办函');
    expect(ruleFor('suggestionReply')).toMatchObject({ days: 30, unit: '日', startsFrom: 'suggestionIssued' });
    expect(ruleFor('inquiryReply')).toMatchObject({ days: 15, unit: '工作日', startsFrom: 'inquirySent' });
    for (const rule of DEFAULT_DEADLINE_RULES) expect(rule.citation).toMatch(/《.+》/);
  });

  it('an office rule replaces the default; settings refuse duplicates', () => {
    const local: DeadlineRule = { ...notice, id: 'local-notice', days: 10 };
    expect(ruleFor('acceptanceNotice', [local])).toBe(local);
    expect(ruleFor('acceptOrRoute', [local])).toBe(handle);
    const twice = DeadlineSettings.safeParse({ rules: [notice, local], warningDays: 3 });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]?.message).toContain('设置了两条规则');
    expect(DeadlineSettings.safeParse({ rules: [{ ...notice, days: 0 }] }).error?.issues[0]?.message).toBe('期限至少 1 天');
    expect(DeadlineSettings.parse({ rules: [] }).warningDays).toBe(3);
  });
});

describe('obligationsFor', () => {
  const owed = (facts: CaseFacts) => obligationsFor(facts).map((o) => o.obligation);
  it.each<[string, CaseFacts, Obligation[]]>([
    ['anonymous', { realName: false, isRepeat: false }, ['acceptOrRoute']],
    ['实名', { realName: true, isRepeat: false }, ['acceptOrRoute', 'acceptanceNotice', 'resultFeedback']],
    ['实名 repeat: no acceptance notice', { realName: true, isRepeat: true }, ['acceptOrRoute', 'resultFeedback']],
    ['实名 routed as a repeat', { realName: true, isRepeat: false, routing: '重复件留存备查' }, ['acceptOrRoute', 'resultFeedback']],
    ['实名 本级承办', { realName: true, isRepeat: false, routing: '本级承办' }, ['acceptOrRoute', 'acceptanceNotice', 'resultFeedback']],
    ['实名 转办: the receiving office feeds back', { realName: true, isRepeat: false, routing: '转办' }, ['acceptOrRoute', 'acceptanceNotice']],
    ['实名 报送上级', { realName: true, isRepeat: false, routing: '报送上级' }, ['acceptOrRoute', 'acceptanceNotice']],
    ['实名 转有关机关/告知', { realName: true, isRepeat: false, routing: '转有关机关/告知' }, ['acceptOrRoute', 'acceptanceNotice']],
    ['交办 owes a reply', { realName: false, isRepeat: false, routing: '交办' }, ['acceptOrRoute', 'assignmentReply']],
    ['上级交办', { realName: false, isRepeat: false, assignedByUpper: true }, ['acceptOrRoute', 'upperAssignmentReply']],
    ['监察建议 owes a reply', { realName: false, isRepeat: false, suggestionIssued: true }, ['acceptOrRoute', 'suggestionReply']],
    ['函询', { realName: false, isRepeat: false, inquirySent: true }, ['acceptOrRoute', 'inquiryReply']],
  ])('%s', (_label, facts, expected) => {
    expect(owed(facts)).toEqual(expected);
    for (const o of obligationsFor(facts)) expect(o.reason).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('computing a deadline', () => {
  it('uses the rule\'s unit and explains the date', () => {
    expect(computeDeadline(notice, '2025-09-12', cal).due).toBe('2025-10-10');
    expect(computeDeadline(handle, '2025-09-30', cal).due).toBe('2025-10-14');
    expect(computeDeadline(ruleFor('suggestionReply'), '2025-09-01', cal).due).toBe('2025-10-09');
    const d = openDeadline(notice, '2025-09-12', cal);
    expect(Deadline.parse(d)).toEqual(d);
    expect(d).toMatchObject({ ruleId: 'acceptance-notice', obligation: 'acceptanceNotice', due: '2025-10-10', missingYears: [], paused: false });
    expect(d.explanation).toBe('实名受理告知：15 个工作日，跳过 国庆节、中秋节 10月1日–8日，含 9月28日 调休上班；自 2025-09-12 次日起算，届满 2025-10-10');
    expect(d.citation).toBe(notice.citation);
  });

  it('a date from the letter replaces the rule (交办函)', () => {
    const d = openDeadline(ruleFor('assignmentReply'), '2025-03-06', cal, { fixedDue: '2025-04-07' });
    expect(d).toMatchObject({ due: '2025-04-07', fixedDue: '2025-04-07' });
    expect(d.explanation).toContain('函件载明的 2025-04-07');
  });

  it('flags a deadline in a year without a table, and colours it yellow', () => {
    const d = openDeadline(notice, '2026-12-20', cal);
    expect(d).toMatchObject({ due: null, missingYears: [2027] });
    expect(d.estimate).not.toBeNull();
    expect(d.explanation).toContain('尚未载入 2027 年');
    expect(alertColour(d, '2026-12-21', cal)).toBe('yellow');
  });
});

describe('three colours', () => {
  // Due 2025-10-10, across 国庆.
  const d = openDeadline(notice, '2025-09-12', cal);
  it.each([
    ['2025-09-15', 'none'],
    ['2025-09-26', 'none'], // 5 working days left: 9-28, 9-29, 9-30, 10-9, 10-10
    ['2025-09-29', 'yellow'], // 3 left
    ['2025-09-30', 'yellow'], // 2 left: the holiday does not count
    ['2025-10-05', 'yellow'],
    ['2025-10-10', 'yellow'], // due today
    ['2025-10-11', 'red'],
    ['2026-03-01', 'red'],
  ] as const)('on %s an open deadline is %s', (today, colour) => {
    expect(alertColour(d, today, cal)).toBe(colour);
  });

  it('the warning window is the office\'s', () => {
    expect(alertColour(d, '2025-09-26', cal, 5)).toBe('yellow');
    expect(alertColour(d, '2025-10-09', cal, 0)).toBe('none');
    expect(alertColour(d, '2025-10-10', cal, 0)).toBe('yellow');
  });

  it('blue once fulfilled, on time or late', () => {
    expect(alertColour(fulfil(d, '2025-10-09'), '2025-12-01', cal)).toBe('blue');
    expect(alertColour(fulfil(d, '2025-10-20'), '2025-12-01', cal)).toBe('blue');
  });

  it.each([
    [[], 'none'],
    [['blue'], 'blue'],
    [['blue', 'blue'], 'blue'],
    [['blue', 'none'], 'none'],
    [['none', 'yellow', 'blue'], 'yellow'],
    [['yellow', 'red', 'none'], 'red'],
    [['red', 'blue'], 'red'],
  ] as const)('worst of %j is %s', (alerts, worst) => {
    expect(worstAlert(alerts)).toBe(worst);
  });

  it('a case shows its worst open deadline', () => {
    const done = fulfil(openDeadline(handle, '2025-09-12', cal), '2025-09-15');
    const overdue = openDeadline(handle, '2025-09-01', cal);
    expect(caseAlert([done, d], '2025-09-30', cal)).toBe('yellow');
    expect(caseAlert([done, d, overdue], '2025-09-30', cal)).toBe('red');
    expect(caseAlert([done], '2025-09-30', cal)).toBe('blue');
    expect(caseAlert([], '2025-09-30', cal)).toBe('none');
  });
});

describe('fulfilment freezes history', () => {
  const no国庆 = WorkCalendar.fromYears([{ ...SHIPPED_CALENDAR_YEARS[0]!, holidays: SHIPPED_CALENDAR_YEARS[0]!.holidays.slice(0, 5), makeUpDays: SHIPPED_CALENDAR_YEARS[0]!.makeUpDays.slice(0, 3) }, SHIPPED_CALENDAR_YEARS[1]!]);

  it('records whether it was on time', () => {
    const d = openDeadline(notice, '2025-09-12', cal);
    expect(fulfil(d, '2025-10-10')).toMatchObject({ fulfilledAt: '2025-10-10', metOnTime: true });
    expect(fulfil(d, '2025-10-13')).toMatchObject({ fulfilledAt: '2025-10-13', metOnTime: false });
  });

  it('later calendar or rule edits do not rewrite a fulfilled deadline', () => {
    const met = fulfil(openDeadline(notice, '2025-09-12', cal), '2025-10-10');
    // Without the 国庆 holiday (and its make-up days) the due date would be 2025-10-03, and 10-10 would be late.
    expect(computeDeadline(notice, '2025-09-12', no国庆).due).toBe('2025-10-03');
    expect(recomputeDeadline(met, notice, no国庆)).toBe(met);
    expect(recomputeDeadline(met, { ...notice, days: 5 }, cal)).toBe(met);
  });

  it('open deadlines are recomputed and say why', () => {
    const open = openDeadline(notice, '2025-09-12', cal);
    const moved = recomputeDeadline(open, notice, no国庆);
    expect(moved.due).toBe('2025-10-03');
    expect(moved.explanation).not.toContain('国庆');
    const shorter = recomputeDeadline(open, { ...notice, days: 5, citation: '本单位规定' }, cal);
    expect(shorter).toMatchObject({ due: '2025-09-19', citation: '本单位规定' });
  });

  it('a deadline fulfilled while its year was missing gets its verdict once the year is loaded', () => {
    const d = fulfil(openDeadline(notice, '2026-12-20', cal), '2027-01-08');
    expect(d.metOnTime).toBeNull();
    expect(recomputeDeadline(d, notice, cal)).toBe(d);
    const y2027: CalendarYear = { year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeUpDays: [], source: { title: '测试', issuedBy: '测试', date: '2026-11-01' } };
    const full = WorkCalendar.fromYears([...SHIPPED_CALENDAR_YEARS, y2027]);
    // 12-21…12-31: 9 working days; then 1-4…1-8: 5 → 14; 1-11 is the 15th.
    const judged = recomputeDeadline(d, notice, full);
    expect(judged).toMatchObject({ due: '2027-01-11', metOnTime: true, fulfilledAt: '2027-01-08', missingYears: [] });
    expect(recomputeDeadline(judged, notice, cal)).toBe(judged);
  });

  it('refuses misuse', () => {
    const d = openDeadline(notice, '2025-09-12', cal);
    const done = fulfil(d, '2025-09-20');
    expect(() => fulfil(done, '2025-09-21')).toThrow(DeadlineError);
    expect(() => fulfil(d, '2025-09-11')).toThrow('早于起算日期');
    expect(() => recomputeDeadline(d, handle, cal)).toThrow('不适用于');
    expect(() => extendDeadline(done, { days: 1, reason: '理由', approver: '王书记', at: '2025-09-22' }, notice, cal)).toThrow('已于 2025-09-20 履行');
  });
});

describe('extension and suspension', () => {
  it('an extension adds days in the rule\'s unit from the current due date', () => {
    const d = openDeadline(notice, '2025-09-12', cal);
    const extended = extendDeadline(d, { days: 5, reason: '需补充调查', approver: '王书记', at: '2025-10-09' }, notice, cal);
    // After 10-10: 10-11 (调休上班), 13, 14, 15, 16.
    expect(extended.due).toBe('2025-10-16');
    expect(extended.explanation).toContain('经 王书记 批准延期 5 个工作日（需补充调查），至 2025-10-16');
    const letter = openDeadline(ruleFor('suggestionReply'), '2025-09-01', cal);
    expect(extendDeadline(letter, { days: 30, reason: '整改周期长', approver: '王书记', at: '2025-10-01' }, ruleFor('suggestionReply'), cal).due).toBe('2025-11-10');
  });

  it('a suspension stops the clock and moves the due date on resumption', () => {
    const d = openDeadline(notice, '2025-03-03', cal);
    expect(d.due).toBe('2025-03-24');
    const suspended = suspendDeadline(d, '2025-03-10', notice, cal);
    expect(suspended.paused).toBe(true);
    expect(alertColour(suspended, '2025-04-30', cal)).toBe('none');
    expect(() => suspendDeadline(suspended, '2025-03-11', notice, cal)).toThrow('不能重复中止');
    const resumed = resumeDeadline(suspended, '2025-03-14', notice, cal);
    expect(resumed).toMatchObject({ paused: false, due: '2025-03-28' });
    expect(resumed.explanation).toContain('2025-03-10 至 2025-03-14 中止办理，顺延 4 个工作日');
    expect(() => resumeDeadline(resumed, '2025-03-15', notice, cal)).toThrow('未中止');
  });

  it('a suspension after the due date does not save an overdue deadline', () => {
    const d = openDeadline(notice, '2025-03-03', cal);
    const late = suspendDeadline(d, '2025-03-25', notice, cal);
    expect(late.paused).toBe(false);
    expect(alertColour(late, '2025-03-26', cal)).toBe('red');
  });

  it('calendar-day rules move by calendar days', () => {
    const rule = ruleFor('suggestionReply');
    const d = openDeadline(rule, '2025-03-03', cal);
    expect(d.due).toBe('2025-04-02');
    const resumed = resumeDeadline(suspendDeadline(d, '2025-03-10', rule, cal), '2025-03-20', rule, cal);
    expect(resumed.due).toBe('2025-04-14'); // 04-12 is a Saturday
  });
});

describe('recomputing after a calendar change', () => {
  it('50,000 cases: every open deadline recomputed, fulfilled ones untouched (timing logged)', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const rules = [handle, notice, feedback, ruleFor('assignmentReply')];
    const cases = Array.from({ length: 50_000 }, () => {
      const received = addDays('2025-01-01', Math.floor(next() * 700));
      return rules.slice(0, 2 + Math.floor(next() * 3)).map((rule) => {
        const d = openDeadline(rule, received, cal);
        return next() < 0.4 ? fulfil(d, addDays(received, Math.floor(next() * 30))) : d;
      });
    });
    const deadlineCount = cases.reduce((n, c) => n + c.length, 0);
    // The office corrects 2026: an extra holiday on 2026-07-01.
    const corrected = WorkCalendar.fromYears([
      SHIPPED_CALENDAR_YEARS[0]!,
      { ...SHIPPED_CALENDAR_YEARS[1]!, holidays: [...SHIPPED_CALENDAR_YEARS[1]!.holidays, { name: '测试假日', from: '2026-07-01', to: '2026-07-01' }] },
    ]);
    const byId = new Map(rules.map((r) => [r.id, r]));

    const started = performance.now();
    const recomputed = cases.map((deadlines) => deadlines.map((d) => recomputeDeadline(d, byId.get(d.ruleId)!, corrected)));
    const colours = recomputed.map((deadlines) => caseAlert(deadlines, '2026-06-20', corrected));
    const ms = performance.now() - started;
    console.log(`recomputed ${deadlineCount} deadlines of ${cases.length} cases and their colours in ${ms.toFixed(0)} ms`);

    expect(colours).toHaveLength(50_000);
    let moved = 0;
    recomputed.forEach((deadlines, i) =>
      deadlines.forEach((d, j) => {
        const before = cases[i]![j]!;
        if (before.fulfilledAt) expect(d).toBe(before);
        else if (d.due !== before.due) moved++;
      }),
    );
    expect(moved).toBeGreaterThan(0);
  });
});
