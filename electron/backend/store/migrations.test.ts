import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, migrateToCurrent, migrationSteps } from './migrations.js';

describe('migrateToCurrent', () => {
  it('applies each step in order and stamps the new version', () => {
    const steps = {
      1: (d: Record<string, unknown>) => ({ ...d, cases: d.items, items: undefined }),
      2: (d: Record<string, unknown>) => ({ ...d, renamed: true }),
    };
    expect(migrateToCurrent('x', { schemaVersion: 1, items: [1] }, steps, 3)).toEqual({
      schemaVersion: 3,
      cases: [1],
      items: undefined,
      renamed: true,
    });
  });

  it('refuses data written by a newer program and data without a version', () => {
    expect(() => migrateToCurrent('x', { schemaVersion: CURRENT_SCHEMA_VERSION + 1 })).toThrow(/请升级程序/);
    expect(() => migrateToCurrent('x', { office: null })).toThrow(/schemaVersion/);
    expect(() => migrateToCurrent('x', [])).toThrow(/JSON 对象/);
  });

  it('has a step for every version below the current one, for every kind with steps', () => {
    for (const [kind, steps] of Object.entries(migrationSteps)) {
      for (let v = 1; v < CURRENT_SCHEMA_VERSION; v++) expect(steps[v], `${kind} v${v}`).toBeTypeOf('function');
    }
  });
});
