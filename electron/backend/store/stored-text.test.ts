import { isAscii } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { asciiJson, storedText } from './stored-text.js';

describe('stored text', () => {
  const value = { caseNo: '鹤纪信〔2026〕12号', summary: '反映“保护伞”问题，€ 😀', lone: '\ud800x', plain: 'abc', n: 1.5, list: ['、', null] };

  it('writes ASCII-only JSON that parses back to the same value', () => {
    const text = asciiJson(value);
    expect(isAscii(Buffer.from(text, 'latin1'))).toBe(true);
    expect(text).toContain('\\u9e64');
    expect(text).toContain('\\ud83d\\ude00');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('reads both its own ASCII files and UTF-8 files written before', () => {
    expect(JSON.parse(storedText(Buffer.from(asciiJson(value), 'latin1')))).toEqual(value);
    expect(JSON.parse(storedText(Buffer.from(JSON.stringify(value), 'utf8')))).toEqual(value);
  });
});
