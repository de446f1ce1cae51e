import { z } from 'zod';
import { contract, isMethod, type Method, type MethodOutput, type ParsedInput } from '../../shared/contract.js';
import type { Access } from '../../shared/domain/users.js';
import { AppError, type Result } from '../../shared/errors.js';
import type { Logger } from './log.js';

z.config(z.locales.zhCN());

/** One function per contract method; the backend's feature modules each provide their part. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> };

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}：${issue.message}` : issue.message))
    .join('；');
}

/**
 * The one dispatch both hosts call: known method? → validate input → call → validate output → result envelope.
 * Errors become { code, message } with a Chinese message; details go to the log only.
 */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  rawInput: unknown,
  log: Logger,
  /** Throws an AppError when the current session may not call a method of this access. */
  authorise: (access: Access, method: Method) => void | Promise<void> = () => undefined,
): Promise<Result<unknown>> {
  if (!isMethod(method)) {
    log.error('dispatch: unknown method', { method: String(method).slice(0, 100) });
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: '未知的操作请求。' } };
  }
  const spec = contract[method];
  try {
    await authorise(spec.access, method);
  } catch (err) {
    const error = err instanceof AppError ? err : new AppError('FORBIDDEN', '拒绝访问。');
    log.info(`dispatch ${method}: refused (${error.code})`);
    return { ok: false, error: { code: error.code, message: error.message } };
  }
  const input = spec.input.safeParse(rawInput ?? {});
  if (!input.success) {
    // Paths and codes only: messages and values may carry a reporter's name or number, which never go to the log.
    log.info(`dispatch ${method}: invalid input`, input.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code })));
    return { ok: false, error: { code: 'INVALID_INPUT', message: `输入有误：${describeIssues(input.error)}` } };
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    const value = await handler(input.data);
    const output = spec.output.safeParse(value);
    if (!output.success) {
      log.error(`dispatch ${method}: output does not match the contract`, output.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code })));
      return { ok: false, error: { code: 'INTERNAL', message: '程序内部错误，操作未完成；详情已写入日志。' } };
    }
    return { ok: true, value: output.data };
  } catch (err) {
    if (err instanceof AppError) {
      // The Chinese message is for the user and may name people; the log gets the code and the technical detail.
      log.info(`dispatch ${method}: ${err.code}`, err.detail);
      return { ok: false, error: { code: err.code, message: err.message } };
    }
    log.error(`dispatch ${method}: unexpected failure`, err instanceof Error ? `${err.name}: ${err.stack?.split('\n').slice(1, 6).join(' | ')}` : typeof err);
    return { ok: false, error: { code: 'INTERNAL', message: '操作失败，请重试或联系系统管理员；详情已写入日志。' } };
  }
}

export type { MethodOutput };
