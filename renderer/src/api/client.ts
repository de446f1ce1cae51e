import type { AppApi, EventName, EventPayload, Method } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { chooseTransport, type Transport } from './transport';

export const SESSION_LOST = 'xinfang-session-lost';

/** AppApi derived from the contract: every method forwards to the transport and unwraps the result envelope. */
export function createClient(transport: Transport): AppApi {
  return new Proxy({} as AppApi, {
    get(_target, method: string) {
      return async (input: unknown) => {
        const result = await transport.invoke(method as Method, input);
        if (!result.ok) {
          // The session ended (idle lock, logout elsewhere): the shell shows the login screen.
          if (result.error.code === 'LOCKED' || result.error.code === 'NOT_LOGGED_IN') window.dispatchEvent(new Event(SESSION_LOST));
          throw new AppError(result.error.code, result.error.message);
        }
        return result.value;
      };
    },
  });
}

const transport = chooseTransport();
export const api = createClient(transport);

export function onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  return transport.on((event, payload) => {
    if (event === name) listener(payload as EventPayload<E>);
  });
}

export function errorMessage(err: unknown): string {
  return err instanceof AppError ? err.message : '操作失败，请重试。';
}
