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
