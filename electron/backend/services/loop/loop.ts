import { parseCalendarFile, mergeCalendarYears } from '../../../../shared/domain/calendar.js';
import { isFrozen } from '../../../../shared/domain/case-deadlines.js';
import type { CaseRecord } from '../../../../shared/domain/case.js';
import { ALERTS, OBLIGATION_LABELS, type Alert } from '../../../../shared/domain/deadlines.js';
import { applyStep, STEP_LABELS, type LoopStep } from '../../../../shared/domain/loop.js';
import type { AlertRow } from '../../../../shared/domain/alerts.js';
import { AppError } from '../../../../shared/errors.js';
import type { BackendContext } from '../../context.js';
import type { Handlers } from '../../dispatch.js';
import { localIsoDate } from '../../time.js';
import { checkFresh, getCase, saveCase } from '../cases/cases.js';
import { repeatLink } from '../repeats.js';

function stepSummary(step: LoopStep): string {
  const parts: string[] = [STEP_LABELS[step.kind]];
  if (step.kind === 'route') parts.push(step.routing, step.recipient ?? '');
  if (step.kind === 'screen') parts.push(`拟${step.proposedRouting}`);
  if (step.kind === 'approve') parts.push(step.approved ? '同意' : '不同意');
  if (step.kind === 'investigate') parts.push(step.disposition, step.finding ?? '');
  if (step.kind === 'supervise') parts.push(`${step.mode}${step.action}`);
  if (step.kind === 'extend') parts.push(`${OBLIGATION_LABELS[step.obligation]}延期 ${step.days} 天`);
  if (step.decision) parts.push(step.decision);
  return parts.filter(Boolean).join('：');
}

function checkDate(ctx: BackendContext, record: CaseRecord, date: string) {
  if (date > localIsoDate(ctx.now())) throw new AppError('INVALID_INPUT', '办理日期不能晚于今天');
  if (date < record.receivedDate) throw new AppError('INVALID_INPUT', `办理日期不能早于收件日期 ${record.receivedDate}`);
}

/**
 * After a calendar or rule change: derives every open deadline afresh (frozen ones keep their verdict). Only a
 * verdict that could not be given before (its year was missing) and now can is written back.
 */
export async function recomputeAll(ctx: BackendContext): Promise<{ recomputed: number; tookMs: number }> {
  const started = performance.now();
  const changed: CaseRecord[] = [];
  let recomputed = 0;
  for (const record of ctx.store.cases.values()) {
    const deadlines = ctx.view.deadlines(record);
    if (deadlines.some((d) => !isFrozen(d))) recomputed += 1;
    const frozen = deadlines.filter(isFrozen);
    if (frozen.length !== record.deadlines.length) changed.push({ ...record, deadlines: frozen });
  }
  await ctx.store.cases.put(...changed);
  changed.forEach((r) => ctx.ledger.update(r));
  if (changed.length) ctx.emit('cases.changed', { ids: changed.map((r) => r.id) });
  return { recomputed, tookMs: Math.round(performance.now() - started) };
}

/** Routing a case 重复件留存备查 links it to the first case it names, when that case is in this office's register. */
function linkByCaseNo(ctx: BackendContext, current: CaseRecord, caseNo: string | null) {
  const wanted = caseNo?.trim();
  const target = wanted ? [...ctx.store.cases.values()].find((r) => r.caseNo === wanted) : undefined;
  return target ? repeatLink(ctx, current, target) : null;
}

export function loopHandlers(ctx: BackendContext): Pick<Handlers, 'loop.apply' | 'loop.fulfil' | 'alerts.overview' | 'calendar.import' | 'deadlines.updateSettings'> {
  return {
    async 'loop.apply'({ id, expectedUpdatedAt, step }) {
      const current = getCase(ctx, id);
      checkFresh(current, expectedUpdatedAt);
      checkDate(ctx, current, step.at);
      const state = ctx.view.state(current);
      const result = applyStep(state, step);
      if (!result.ok) throw new AppError('INVALID_INPUT', result.reason);
      const link = step.kind === 'route' && step.routing === '重复件留存备查' && !current.repeatOf ? linkByCaseNo(ctx, current, step.repeatOf || state.repeatOf) : null;
      const summary = [stepSummary(step), link?.summary].filter(Boolean).join('；');
      return saveCase(ctx, current, { steps: [...current.steps, step], ...link?.change }, { action: 'step', summary });
    },

    async 'loop.fulfil'({ id, expectedUpdatedAt, obligation, date, note }) {
      const current = getCase(ctx, id);
      checkFresh(current, expectedUpdatedAt);
      checkDate(ctx, current, date);
      const open = ctx.view.deadlines(current).find((d) => d.obligation === obligation && !d.fulfilledAt);
      if (!open) throw new AppError('INVALID_INPUT', `该件当前没有待履行的“${OBLIGATION_LABELS[obligation]}”`);
      const fulfilments = [...current.fulfilments, { obligation, date, note, by: ctx.actor() }];
      return saveCase(ctx, current, { fulfilments }, { action: 'fulfil', summary: `${OBLIGATION_LABELS[obligation]}已履行（${date}）${note ? `：${note}` : ''}` });
    },

    async 'alerts.overview'() {
      const counts: Record<Alert, number> = { red: 0, yellow: 0, none: 0, blue: 0 };
      const rows: AlertRow[] = [];
      const byDepartment = new Map<string, { red: number; yellow: number }>();
      const byPerson = new Map<string, { red: number; yellow: number }>();
      const missing = new Set<number>();
      const today = localIsoDate(ctx.now());
      for (const record of ctx.store.cases.values()) {
        const alert = ctx.view.alert(record);
        counts[alert] += 1;
        if (alert !== 'red' && alert !== 'yellow') continue;
        const state = ctx.view.state(record);
        const open = ctx.view.deadlines(record).filter((d) => !d.fulfilledAt);
        open.forEach((d) => d.missingYears.forEach((y) => missing.add(y)));
        const worst = open.filter((d) => d.due === null || d.due < today || alert === 'yellow').sort((a, b) => (a.due ?? '') < (b.due ?? '') ? -1 : 1)[0];
        const department = state.recipient ?? '未分流';
        const person = state.steps.at(-1)?.by ?? '未指定';
        for (const [map, key] of [[byDepartment, department], [byPerson, person]] as const) {
          const tally = map.get(key) ?? { red: 0, yellow: 0 };
          tally[alert] += 1;
          map.set(key, tally);
        }
        rows.push({
          id: record.id,
          caseNo: record.caseNo,
          summary: record.summary.length > 80 ? `${record.summary.slice(0, 80)}…` : record.summary,
          stage: state.stage,
          alert,
          obligation: worst?.obligation ?? null,
          due: worst?.due ?? null,
          explanation: worst?.explanation ?? '',
          department,
          person,
          supervisions: state.steps.filter((s) => s.kind === 'supervise').length,
          updatedAt: record.updatedAt,
        });
      }
      const order = (a: Alert) => ALERTS.indexOf(a);
      rows.sort((a, b) => order(a.alert) - order(b.alert) || (a.due ?? '').localeCompare(b.due ?? ''));
      const tallies = (m: Map<string, { red: number; yellow: number }>) =>
        [...m].map(([name, t]) => ({ name, ...t })).sort((a, b) => b.red - a.red || b.yellow - a.yellow);
      return { counts, byDepartment: tallies(byDepartment), byPerson: tallies(byPerson), rows: rows.slice(0, 500), missingYears: [...missing].sort() };
    },

    async 'calendar.import'({ text }) {
      const parsed = parseCalendarFile(text);
      if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.message);
      await ctx.store.updateSettings((s) => ({ ...s, calendarYears: mergeCalendarYears(s.calendarYears, parsed.years) }));
      await ctx.audit('settings.change', '节假日安排', 'success', `载入 ${parsed.years.map((y) => y.year).join('、')} 年`);
      return { ...(await recomputeAll(ctx)), years: parsed.years.map((y) => y.year) };
    },

    async 'deadlines.updateSettings'(deadlines) {
      await ctx.store.updateSettings((s) => ({ ...s, deadlines }));
      await ctx.audit('settings.change', '办理期限规则', 'success', `预警提前 ${deadlines.warningDays} 个工作日；${deadlines.rules.map((r) => `${r.label} ${r.days}${r.unit}`).join('，')}`);
      return recomputeAll(ctx);
    },
  };
}
