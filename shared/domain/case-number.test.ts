import { describe, expect, it } from 'vitest';
import { caseNoCounterKey, formatCaseNo, validateCaseNoPattern } from './case-number.js';

describe('case number patterns', () => {
  const d = { year: 2026, month: 3, day: 7 };
  it('formats the office pattern', () => {
    expect(formatCaseNo('鹤纪信〔{年}〕{序号}号', d, 12)).toBe('鹤纪信〔2026〕12号');
    expect(formatCaseNo('{年}{月}{日}{序号:2}', d, 3)).toBe('2026030703');
    expect(formatCaseNo('XF-{序号:4}', d, 12345)).toBe('XF-12345');
  });
  it('restarts numbering yearly only when the year is in the number', () => {
    expect(caseNoCounterKey('鹤纪信〔{年}〕{序号}号', 2026)).toBe('2026');
    expect(caseNoCounterKey('XF-{序号:4}', 2026)).toBe('all');
  });
  it('explains what is wrong with a pattern', () => {
    expect(validateCaseNoPattern('鹤纪信〔{年}〕{序号}号')).toBeNull();
    expect(validateCaseNoPattern('鹤纪信〔{年}〕号')).toMatch(/\{序号\}/);
    expect(validateCaseNoPattern('{序号}{序号}')).toMatch(/只能包含一个/);
    expect(validateCaseNoPattern('{年份}{序号}')).toMatch(/无法识别/);
    expect(validateCaseNoPattern('')).toMatch(/请填写/);
  });
});
