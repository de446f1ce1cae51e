import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract.js';
import type { Result } from '../../shared/errors.js';
import type { Backend } from '../backend/backend.js';
import { isTrustedSender } from './trust.js';

export const FORBIDDEN_RESULT: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: '拒绝访问：请求来源不可信。' },
};

const INTERNAL_RESULT: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: '操作失败，请重试或联系系统管理员；详情已写入日志。' },
};

/**
 * The one IPC channel: check the sender, then hand the call to the backend's dispatch (which validates the method
 * and the input against the contract). Backend events go to our window only. Returns a function that unregisters.
 */
export function registerIpc(backend: Backend, mainWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
    const win = mainWindow();
    const contentsId = win && !win.isDestroyed() ? win.webContents.id : undefined;
    if (!isTrustedSender(event.senderFrame?.url, event.sender.id, contentsId)) {
      backend.context.log.error('ipc: refused a call from an untrusted sender', {
        url: event.senderFrame?.url?.slice(0, 200),
        method: String(method).slice(0, 100),
      });
      return FORBIDDEN_RESULT;
    }
    try {
      return await backend.dispatch(method, input);
    } catch (err) {
      backend.context.log.error('ipc: dispatch failed', err);
      return INTERNAL_RESULT;
    }
  });

  const stopEvents = backend.onEvent((name, payload) => {
    const win = mainWindow();
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, { event: name, payload });
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    stopEvents();
  };
}
