import { describe, expect, it } from 'vitest';
import { call, setUpOffice, testBackend } from '../test-support/backend.js';
import { useTempDirs } from '../test-support/tmp.js';

const tempDir = useTempDirs();

describe('demo data', () => {
  it('seeds archived cases numbered per year, 回访, and visits the lists show', async () => {
    const backend = await testBackend(tempDir());
    await setUpOffice(backend);
    const started = performance.now();
    await call(backend, 'demo.load', { cases: 600 });
    expect(performance.now() - started).toBeLessThan(20_000);
    const archived = (await call(backend, 'cases.ledger', { statuses: ['已存档'], pageSize: 500 })).total;
    expect(archived).toBeGreaterThan(50);
    const list2026 = await call(backend, 'archive.list', { year: 2026 });
    const list2025 = await call(backend, 'archive.list', { year: 2025 });
    expect(list2026.years).toEqual([2026, 2025]);
    expect(list2025.rows.length + list2026.rows.length).toBe(archived);
    expect(list2026.rows.map((r) => r.archive.serial)).toEqual(list2026.rows.map((_r, i) => i + 1));
    const households = await call(backend, 'householdVisits.list', {});
    expect(households.totals.visits).toBeGreaterThanOrEqual(120);
    const fieldVisits = await call(backend, 'fieldVisits.list', {});
    expect(fieldVisits.some((v) => v.status === 'planned')).toBe(true);
    const one = await call(backend, 'cases.get', { id: list2026.rows[0]!.id });
    expect(one.status).toBe('已存档');
    await backend.close();
  });
});
