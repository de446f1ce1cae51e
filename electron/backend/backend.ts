import type { EventName, EventPayload } from '../../shared/contract.js';
import type { Result } from '../../shared/errors.js';
import type { BackendContext } from './context.js';
import { dispatch, type Handlers } from './dispatch.js';
import { fileLogger, type Logger } from './log.js';
import { attachmentHandlers } from './services/attachments.js';
import { caseHandlers } from './services/cases/cases.js';
import { LedgerIndex } from './services/cases/ledger-index.js';
import { ledgerHandlers } from './services/cases/ledger.js';
import { demoHandlers } from './services/demo.js';
import { settingsHandlers } from './services/settings.js';
import { lockDataDir } from './store/lock.js';
import { Store } from './store/store.js';

export interface BackendOptions {
  dataDir: string;
  host: BackendContext['host'];
  version: string;
  now?: () => Date;
  log?: Logger;
}

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface Backend {
  readonly context: BackendContext;
  readonly ledger: LedgerIndex;
  readonly handlers: Handlers;
  /** The single entry point of both hosts. */
  dispatch(method: unknown, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
}

/** Composition root of the backend: lock the data directory, open the store, wire the feature modules. */
export async function openBackend(options: BackendOptions): Promise<Backend> {
  const log = options.log ?? fileLogger(options.dataDir);
  const lock = await lockDataDir(options.dataDir);
  const listeners = new Set<EventListener>();
  try {
    const store = await Store.open(options.dataDir, {
      onRecover: (r) => log.error('store: recovered from backup', r),
    });
    const context: BackendContext = {
      store,
      dataDir: options.dataDir,
      host: options.host,
      version: options.version,
      now: options.now ?? (() => new Date()),
      log,
      emit: (name, payload) => listeners.forEach((l) => l(name, payload)),
    };
    const ledger = new LedgerIndex(() => store.cases.values());
    const handlers: Handlers = {
      ...settingsHandlers(context),
      ...caseHandlers(context, ledger),
      ...ledgerHandlers(context, ledger),
      ...attachmentHandlers(context),
      ...demoHandlers(context, ledger),
    };
    log.info('backend opened', { dataDir: options.dataDir, host: options.host, cases: store.cases.size });
    if (options.host !== 'cli') setImmediate(() => void ledger.warm().catch((err: unknown) => log.error('ledger index warm-up failed', err)));
    return {
      context,
      ledger,
      handlers,
      dispatch: (method, input) => dispatch(handlers, method, input, log),
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      async close() {
        listeners.clear();
        await lock.release();
      },
    };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
