import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskName, maskPhone } from './mask.js';

describe('masking', () => {
  it('masks names, phones, ID numbers and addresses', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('0718-8221234')).toBe('071*****1234');
    expect(maskPhone('12388')).toBe('*2388');
    expect(maskIdNumber('42282819800101001X')).toBe('422***********001X');
    expect(maskAddress('鹤峰县容美镇屏山村3组')).toBe('鹤峰县****');
  });
});
