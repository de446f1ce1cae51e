import { DOCUMENT_TYPE_INFO, type DocumentType } from './model.js';

/** 发文字号: 代字〔年份全称〕顺序号号, with no 第 and no leading zeros (GB/T 9704-2012 §7.2.5). */
export function formatDocNo(code: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`文号顺序号无效：${seq}`);
  return `${code}〔${year}〕${seq}号`;
}

/** The 文号 a draft shows before a number is taken: the 代字 and year with the number left blank. */
export function provisionalDocNo(code: string, year: number): string {
  return `${code}〔${year}〕\u3000号`;
}

/** The 代字 of a type: the office's own setting, else the office's 发文代字 plus the type's suffix (鹤纪 + 澄). */
export function docCodeOf(type: DocumentType, officeCode: string, configured: Partial<Record<DocumentType, string>>): string {
  return configured[type]?.trim() || `${officeCode}${DOCUMENT_TYPE_INFO[type].codeSuffix}`;
}

/** Registry counter key: numbers run per 代字 and year, so two types sharing a 代字 share one sequence. */
export function docNoCounterKey(code: string, year: number): string {
  return `文号:${code}:${year}`;
}
