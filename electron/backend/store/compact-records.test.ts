import { describe, expect, it } from 'vitest';
import { compactRecords } from './compact-records.js';

const record = (n: number) => ({
  id: `case-${n}-0000-0000-0000-000000000000`,
  receivedDate: '2026-03-02',
  steps: [{ at: '2026-03-02T09:00:00.000Z', by: '李明', notes: [] }],
  documents: [],
  summary: `反映某镇某村干部在低保评定中优亲厚友、虚报冒领等问题，第 ${n} 件。`,
  repeatOf: null,
});

describe('compactRecords', () => {
  it('keeps every value while the records share one empty list', () => {
    const records = [record(1), record(2)];
    const before = structuredClone(records);
    compactRecords(records);
    expect(records).toEqual(before);
    expect(records[0]!.documents).toBe(records[1]!.documents);
    expect(records[0]!.steps[0]!.notes).toBe(records[1]!.documents);
  });

  it('makes a change in place of a shared empty list fail, instead of reaching every record', () => {
    const records = [record(1), record(2)];
    compactRecords(records);
    expect(() => (records[0]!.documents as unknown[]).push('x')).toThrow(TypeError);
    expect(records[1]!.documents).toEqual([]);
  });
});
