/**
 * 编号 patterns. Tokens: {年} four-digit year, {月} {日} two digits, {序号} the running number,
 * {序号:N} zero-padded to N digits. The running number restarts each year when the pattern holds {年},
 * otherwise it runs on forever; numbers are never reused.
 */
const TOKEN = /\{(年|月|日|序号(?::(\d))?)\}/g;

export function validateCaseNoPattern(pattern: string): string | null {
  if (!pattern) return '请填写编号规则';
  const tokens = [...pattern.matchAll(TOKEN)].map((m) => m[1] ?? '');
  const stray = pattern.replace(TOKEN, '');
  if (/[{}]/.test(stray)) return '编号规则中有无法识别的占位符，可用 {年} {月} {日} {序号} {序号:4}';
  const serials = tokens.filter((t) => t.startsWith('序号'));
  if (serials.length !== 1) return '编号规则必须且只能包含一个 {序号}';
  if (tokens.filter((t) => t === '年').length > 1) return '编号规则中 {年} 只能出现一次';
  return null;
}

/** Which counter a pattern draws from: per year when the year is part of the number, else one global counter. */
export function caseNoCounterKey(pattern: string, year: number): string {
  return pattern.includes('{年}') ? String(year) : 'all';
}

export function formatCaseNo(pattern: string, date: { year: number; month: number; day: number }, serial: number): string {
  return pattern.replace(TOKEN, (_whole, token: string, width?: string) => {
    if (token === '年') return String(date.year);
    if (token === '月') return String(date.month).padStart(2, '0');
    if (token === '日') return String(date.day).padStart(2, '0');
    return width ? String(serial).padStart(Number(width), '0') : String(serial);
  });
}

export function defaultCaseNoPattern(docCode: string): string {
  return `${docCode}信〔{年}〕{序号}号`;
}
