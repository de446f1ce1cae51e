import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, methodNames } from '../../shared/contract.js';
import type { Backend, EventListener } from '../backend/backend.js';

/** The Electron binary is absent here: ipcMain is replaced by a recorder, so the real handler can be called. */
const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));
const { registerIpc } = await import('./ipc.js');

function fakeBackend() {
  let listener: EventListener | null = null;
  const backend = {
    context: { log: { info: vi.fn(), error: vi.fn() } },
    dispatch: vi.fn(async (method: unknown) => ({ ok: true, value: `did ${String(method)}` })),
    onEvent: vi.fn((l: EventListener) => {
      listener = l;
      return () => (listener = null);
    }),
  };
  return { backend, backendApi: backend as unknown as Backend, emit: (...args: Parameters<EventListener>) => listener?.(...args) };
}

function fakeWindow(id = 3) {
  return { isDestroyed: () => false, webContents: { id, send: vi.fn() } };
}

const fromFrame = (url: string | null, senderId = 3) => ({ senderFrame: url === null ? null : { url }, sender: { id: senderId } });

describe('registerIpc', () => {
  beforeEach(() => handlers.clear());

  it('checks the sender for every contract method (a new method cannot be missed)', async () => {
    const { backend, backendApi } = fakeBackend();
    registerIpc(backendApi, () => fakeWindow() as never);
    for (const method of methodNames) {
      const refused = await handlers.get(IPC_INVOKE_CHANNEL)!(fromFrame('https://evil.example/'), method, {});
      expect(refused, method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const accepted = await handlers.get(IPC_INVOKE_CHANNEL)!(fromFrame('app://renderer/index.html'), method, {});
      expect(accepted, method).toEqual({ ok: true, value: `did ${method}` });
    }
    expect(backend.dispatch).toHaveBeenCalledTimes(methodNames.length);
  });

  it('dispatches a call from our page in our window', async () => {
    const { backend, backendApi } = fakeBackend();
    registerIpc(backendApi, () => fakeWindow() as never);
    const result = await handlers.get(IPC_INVOKE_CHANNEL)!(fromFrame('app://renderer/index.html'), 'app.info', {});
    expect(result).toEqual({ ok: true, value: 'did app.info' });
    expect(backend.dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it.each([
    ['another origin', fromFrame('https://evil.example/')],
    ['a file page', fromFrame('file:///tmp/evil.html')],
    ['a look-alike host', fromFrame('app://renderer.evil/index.html')],
    ['a data: frame', fromFrame('data:text/html,<script>1</script>')],
    ['a frame that is gone', fromFrame(null)],
    ['our URL in another webContents', fromFrame('app://renderer/index.html', 99)],
  ])('refuses %s with FORBIDDEN and never dispatches', async (_name, event) => {
    const { backend, backendApi } = fakeBackend();
    registerIpc(backendApi, () => fakeWindow() as never);
    const result = await handlers.get(IPC_INVOKE_CHANNEL)!(event, 'settings.get', {});
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：请求来源不可信。' } });
    expect(backend.dispatch).not.toHaveBeenCalled();
    expect(backend.context.log.error).toHaveBeenCalled();
  });

  it('refuses everything when the window is closed', async () => {
    const { backend, backendApi } = fakeBackend();
    registerIpc(backendApi, () => null);
    await expect(handlers.get(IPC_INVOKE_CHANNEL)!(fromFrame('app://renderer/index.html'), 'app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(backend.dispatch).not.toHaveBeenCalled();
  });

  it('turns a thrown dispatch into an error envelope', async () => {
    const { backend, backendApi } = fakeBackend();
    backend.dispatch.mockRejectedValueOnce(new Error('boom'));
    registerIpc(backendApi, () => fakeWindow() as never);
    await expect(handlers.get(IPC_INVOKE_CHANNEL)!(fromFrame('app://renderer/'), 'app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('forwards backend events to our window as {event, payload} and stops on unregister', () => {
    const { backendApi, emit } = fakeBackend();
    const win = fakeWindow();
    const unregister = registerIpc(backendApi, () => win as never);
    emit('store.recovered', { file: 'a', from: 'b', reason: 'c' });
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, { event: 'store.recovered', payload: { file: 'a', from: 'b', reason: 'c' } });
    unregister();
    expect(handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
    emit('store.recovered', { file: 'a', from: 'b', reason: 'c' });
    expect(win.webContents.send).toHaveBeenCalledTimes(1);
  });
});
