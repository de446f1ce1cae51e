/** The only error shape that crosses a boundary: a stable code for programs and a Chinese message for the user. */
export type ErrorCode =
  | 'UNKNOWN_METHOD'
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'NOT_SET_UP'
  | 'ALREADY_SET_UP'
  | 'STORE_UNAVAILABLE'
  | 'FORBIDDEN'
  | 'NOT_LOGGED_IN'
  | 'LOCKED'
  | 'ACCOUNT_LOCKED'
  | 'BAD_CREDENTIALS'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'INTERNAL';

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error implements AppErrorShape {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    /** Precise detail for the log; never shown to the user. */
    public readonly detail?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
