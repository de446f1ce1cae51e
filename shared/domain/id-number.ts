/**
 * 居民身份证号码 (GB 11643-1999): 18 characters, the last a checksum over the first 17 (ISO 7064 MOD 11-2).
 * Returns null when valid, otherwise the reason in Chinese.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * WEIGHTS[i]!, 0);
  return CHECK[sum % 11]!;
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function checkIdNumber(raw: string, today?: string): string | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号码应为 18 位，前 17 位为数字，最后一位为数字或 X';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || !validDate(y, m, d)) return '身份证号码中的出生日期无效';
  if (today && id.slice(6, 14) > today.replaceAll('-', '')) return '身份证号码中的出生日期晚于今天';
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return '身份证号码校验位不正确，请核对';
  return null;
}
