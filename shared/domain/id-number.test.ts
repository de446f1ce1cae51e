import { describe, expect, it } from 'vitest';
import { checkIdNumber, idNumberCheckChar } from './id-number.js';

describe('checkIdNumber', () => {
  it('accepts a number with a correct checksum (GB 11643 example)', () => {
    expect(checkIdNumber('11010519491231002X')).toBeNull();
    expect(checkIdNumber('11010519491231002x')).toBeNull();
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
  });
  it('explains each kind of bad number', () => {
    expect(checkIdNumber('110105194912310021')).toMatch(/校验位/);
    expect(checkIdNumber('1101051949123100')).toMatch(/18 位/);
    expect(checkIdNumber('110105194902301234')).toMatch(/出生日期无效/);
    const future = '110105203001010011';
    const fixed = future.slice(0, 17) + idNumberCheckChar(future.slice(0, 17));
    expect(checkIdNumber(fixed, '2026-11-25')).toMatch(/晚于今天/);
  });
});
