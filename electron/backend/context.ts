import type { EventName, EventPayload } from '../../shared/contract.js';
import type { Logger } from './log.js';
import type { Store } from './store/store.js';

/** What every feature module of the backend receives. */
export interface BackendContext {
  store: Store;
  dataDir: string;
  host: 'electron' | 'web' | 'cli';
  version: string;
  now: () => Date;
  log: Logger;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}
