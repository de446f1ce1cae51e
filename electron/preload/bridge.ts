import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, isEventName, isMethod, type EventName } from '../../shared/contract.js';
import type { Result } from '../../shared/errors.js';

/** The part of ipcRenderer the bridge uses; injected so that bridge.test.ts needs no Electron. */
export interface IpcPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

export interface XinfangBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  on(listener: (event: EventName, payload: unknown) => void): () => void;
}

const UNKNOWN_METHOD: Result<never> = { ok: false, error: { code: 'UNKNOWN_METHOD', message: '未知的操作请求。' } };
const UNREACHABLE: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: '无法连接程序后台，请重新启动信访举报工作台。' },
};

/**
 * What the page gets as window.xinfang: exactly invoke and on. Methods outside the contract are refused here,
 * without an IPC message; the IpcRendererEvent (whose .sender is ipcRenderer) never reaches the page.
 */
export function createBridge(ipc: IpcPort): XinfangBridge {
  return {
    invoke(method, input) {
      if (!isMethod(method)) return Promise.resolve(UNKNOWN_METHOD);
      // The page always gets a result envelope, never a rejected promise carrying Electron's error text.
      return (ipc.invoke(IPC_INVOKE_CHANNEL, method, input) as Promise<Result<unknown>>).catch(() => UNREACHABLE);
    },
    on(listener) {
      if (typeof listener !== 'function') throw new TypeError('on(listener) 需要一个函数 / needs a function');
      const forward = (_event: unknown, message: unknown) => {
        if (typeof message !== 'object' || message === null) return;
        const { event, payload } = message as { event?: unknown; payload?: unknown };
        if (isEventName(event)) listener(event, payload);
      };
      ipc.on(IPC_EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(IPC_EVENT_CHANNEL, forward);
      };
    },
  };
}
