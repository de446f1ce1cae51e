import { API_PREFIX, TOKEN_HEADER, type EventName } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';

/** How calls reach the backend: the preload's IPC bridge in Electron, HTTP in browser mode. */
export interface Transport {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  on(listener: (event: EventName, payload: unknown) => void): () => void;
}

/** The preload exposes exactly this, nothing else. */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  on(listener: (event: EventName, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    xinfang?: PreloadBridge;
  }
}

const TOKEN_KEY = 'xinfang.token';

/** Browser mode gets its per-launch token in the URL fragment once; keep it for this tab and drop it from the URL. */
export function takeToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function httpTransport(token: string): Transport {
  return {
    async invoke(method, input) {
      try {
        const res = await fetch(API_PREFIX + method, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as Result<unknown>;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: '无法连接本机服务，请确认信访举报工作台仍在运行。' } };
      }
    },
    on(listener) {
      const source = new EventSource(`${API_PREFIX}events?token=${encodeURIComponent(token)}`);
      source.onmessage = (e: MessageEvent<string>) => {
        const { event, payload } = JSON.parse(e.data) as { event: EventName; payload: unknown };
        listener(event, payload);
      };
      return () => source.close();
    },
  };
}

export function chooseTransport(): Transport {
  return window.xinfang ?? httpTransport(takeToken());
}
