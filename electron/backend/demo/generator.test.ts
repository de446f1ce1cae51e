import { describe, expect, it } from 'vitest';
import { replayLoop } from '../../../shared/domain/loop.js';
import { generateDemoCases } from './generator.js';

describe('demo cases', () => {
  it('are valid loops on any day, with a realistic mix of progress', () => {
    for (let d = 0; d < 30; d++) {
      const cases = generateDemoCases(300, d + 1, new Date(Date.UTC(2026, 10, 1 + d * 3)));
      for (const c of cases) expect(replayLoop(c.progress.steps).ok).toBe(true);
    }
    const cases = generateDemoCases(2000, 1, new Date('2026-11-25T09:00:00+08:00'));
    const stages = new Map<string, number>();
    for (const c of cases) {
      const r = replayLoop(c.progress.steps);
      if (r.ok) stages.set(r.state.stage, (stages.get(r.state.stage) ?? 0) + 1);
    }
    expect(stages.get('closed')).toBeGreaterThan(600);
    expect(stages.get('routed')).toBeGreaterThan(20);
    expect(stages.get('transferred')).toBeGreaterThan(20);
    expect(cases.every((c) => c.input.receivedDate >= '2025-01-02')).toBe(true);
  });
});

describe('demo aftercare and visits', () => {
  it('follow the rules: feedback and 回访 only for closed real-name cases, archives only without an owed 二次回访', async () => {
    const { ReporterFeedback, ReturnVisit, DualFeedback, secondVisitDue } = await import('../../../shared/domain/aftercare.js');
    const { ArchiveInput } = await import('../../../shared/domain/archive.js');
    const cases = generateDemoCases(2000, 1, new Date('2026-11-25T09:00:00+08:00'));
    let visited = 0;
    let unsatisfied = 0;
    let archived = 0;
    for (const c of cases) {
      const { feedbacks, returnVisits, dualFeedbacks, archive } = c.aftercare;
      const closed = c.progress.steps.at(-1)?.kind === 'close';
      if (!closed) expect(feedbacks.length + returnVisits.length + dualFeedbacks.length + (archive ? 1 : 0)).toBe(0);
      if (!c.input.reporter.realName) expect(feedbacks.length + returnVisits.length).toBe(0);
      feedbacks.forEach((f) => ReporterFeedback.parse(f));
      dualFeedbacks.forEach((f) => DualFeedback.parse(f));
      returnVisits.forEach((v) => ReturnVisit.parse(v));
      if (returnVisits.length) visited += 1;
      if (returnVisits.some((v) => v.satisfaction === '不满意')) unsatisfied += 1;
      if (archive) {
        ArchiveInput.parse(archive);
        expect(secondVisitDue(returnVisits)).toBeNull();
        expect(archive.date <= '2026-11-25').toBe(true);
        archived += 1;
      }
    }
    expect(visited).toBeGreaterThan(200);
    expect(unsatisfied).toBeGreaterThan(10);
    expect(archived).toBeGreaterThan(300);

    const { generateDemoVisits } = await import('./visits.js');
    const refs = cases.map((c, i) => ({ id: `c${i}`, caseNo: `c${i}`, region: c.input.region, receivedDate: c.input.receivedDate, closedOn: null }));
    const started = performance.now();
    const visits = generateDemoVisits(refs, 1, '2026-11-25');
    expect(performance.now() - started).toBeLessThan(500);
    expect(visits.households.length).toBeGreaterThanOrEqual(400);
    expect(visits.fieldVisits.filter((v) => v.status === 'done').length).toBeGreaterThan(30);
    expect(generateDemoVisits(refs, 1, '2026-11-25')).toEqual(visits);
  });
});
