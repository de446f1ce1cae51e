import { isAscii } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { asciiJson } from './stored-text.js';

describe('stored text', () => {
  const value = { caseNo: '鹤纪信〔2026〕12号', summary: '反映“保护伞”问题，€ 😀', lone: '\ud800x', plain: 'abc', n: 1.5, list: ['、', null] };

  it('writes ASCII-only JSON that parses back to the same value', () => {
    const text = asciiJson(value);
    expect(isAscii(Buffer.from(text, 'utf8'))).toBe(true);
    expect(text).toContain('\\u9e64');
    expect(text).toContain('\\ud83d\\ude00');
    expect(JSON.parse(Buffer.from(text, 'utf8').toString('utf8'))).toEqual(value);
  });
});
