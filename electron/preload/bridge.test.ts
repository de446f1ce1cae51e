import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, methodNames } from '../../shared/contract.js';
import { createBridge, type IpcPort } from './bridge.js';

function fakeIpc() {
  const listeners = new Map<string, Set<(event: unknown, message: unknown) => void>>();
  const port = {
    invoke: vi.fn(async () => ({ ok: true, value: 'from main' })),
    on: vi.fn((channel: string, l: (event: unknown, message: unknown) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
    }),
    removeListener: vi.fn((channel: string, l: (event: unknown, message: unknown) => void) => {
      listeners.get(channel)?.delete(l);
    }),
  } satisfies IpcPort;
  /** Simulates main sending on a channel; the first argument stands for the IpcRendererEvent. */
  const emit = (channel: string, message: unknown) =>
    listeners.get(channel)?.forEach((l) => l({ sender: { secret: 'ipcRenderer' } }, message));
  const count = (channel: string) => listeners.get(channel)?.size ?? 0;
  return { port, emit, count };
}

describe('preload bridge', () => {
  it('exposes exactly invoke and on', () => {
    expect(Object.keys(createBridge(fakeIpc().port)).sort()).toEqual(['invoke', 'on']);
  });

  it('sends contract methods over the one invoke channel', async () => {
    const { port } = fakeIpc();
    const bridge = createBridge(port);
    for (const method of methodNames) {
      await expect(bridge.invoke(method, { a: 1 })).resolves.toEqual({ ok: true, value: 'from main' });
      expect(port.invoke).toHaveBeenLastCalledWith(IPC_INVOKE_CHANNEL, method, { a: 1 });
    }
  });

  it.each(['no.such', 'toString', '__proto__', 'constructor', 'hasOwnProperty', '', 'settings.get ', 'SETTINGS.GET'])(
    'refuses %j without sending anything',
    async (method) => {
      const { port } = fakeIpc();
      const result = await createBridge(port).invoke(method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      expect(port.invoke).not.toHaveBeenCalled();
    },
  );

  it('turns a failed IPC call into an error envelope', async () => {
    const { port } = fakeIpc();
    port.invoke.mockRejectedValueOnce(new Error("No handler registered for 'xinfang:invoke'"));
    await expect(createBridge(port).invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('refuses non-string methods without sending anything', async () => {
    const { port } = fakeIpc();
    const bridge = createBridge(port);
    for (const method of [undefined, null, 1, {}, ['app.info']]) {
      await expect(bridge.invoke(method as unknown as string, {})).resolves.toMatchObject({ ok: false });
    }
    expect(port.invoke).not.toHaveBeenCalled();
  });

  it('passes contract events with (name, payload) only, never the IpcRendererEvent', () => {
    const { port, emit } = fakeIpc();
    const listener = vi.fn();
    createBridge(port).on(listener);
    emit(IPC_EVENT_CHANNEL, { event: 'settings.changed', payload: { x: 1 } });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith('settings.changed', { x: 1 });
    expect(listener.mock.calls[0]).toHaveLength(2);
  });

  it('drops events outside the contract and malformed messages', () => {
    const { port, emit } = fakeIpc();
    const listener = vi.fn();
    createBridge(port).on(listener);
    for (const message of [{ event: 'evil.event', payload: 1 }, { event: '__proto__' }, { payload: 1 }, null, 'settings.changed', 42]) {
      emit(IPC_EVENT_CHANNEL, message);
    }
    expect(listener).not.toHaveBeenCalled();
  });

  it('unsubscribes', () => {
    const { port, emit, count } = fakeIpc();
    const listener = vi.fn();
    const off = createBridge(port).on(listener);
    expect(count(IPC_EVENT_CHANNEL)).toBe(1);
    off();
    expect(count(IPC_EVENT_CHANNEL)).toBe(0);
    emit(IPC_EVENT_CHANNEL, { event: 'settings.changed', payload: {} });
    expect(listener).not.toHaveBeenCalled();
  });

  it('refuses a listener that is not a function', () => {
    expect(() => createBridge(fakeIpc().port).on('x' as unknown as () => void)).toThrow(TypeError);
  });
});
