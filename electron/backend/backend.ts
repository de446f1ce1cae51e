import type { EventName, EventPayload } from '../../shared/contract.js';
import { AppError, type Result } from '../../shared/errors.js';
import type { BackendContext } from './context.js';
import { dispatch, type Handlers } from './dispatch.js';
import { fileLogger, type Logger } from './log.js';
import { AuditLog } from './security/audit-log.js';
import { encryptedCodec, subKey } from './security/codec.js';
import type { KdfCost, Keys } from './security/keyring.js';
import { Keyring } from './security/keyring.js';
import { migratePlainStore } from './security/migrate.js';
import { Session } from './security/session.js';
import { attachmentHandlers } from './services/attachments.js';
import { authHandlers } from './services/auth.js';
import { caseHandlers } from './services/cases/cases.js';
import { cachedLedger, writeLedgerCache } from './services/cases/ledger-cache.js';
import { LedgerIndex } from './services/cases/ledger-index.js';
import { ledgerHandlers } from './services/cases/ledger.js';
import { demoHandlers } from './services/demo.js';
import { CaseView } from './services/loop/case-view.js';
import { loopHandlers } from './services/loop/loop.js';
import { documentHandlers } from './services/documents.js';
import { difficultHandlers } from './services/difficult.js';
import { exchangeHandlers } from './services/exchange/exchange.js';
import { RepeatIndex, repeatHandlers } from './services/repeats.js';
import { archiveHandlers } from './services/aftercare/archive.js';
import { feedbackHandlers } from './services/aftercare/feedback.js';
import { fieldVisitHandlers } from './services/visits/field-visits.js';
import { householdVisitHandlers } from './services/visits/household-visits.js';
import { localIsoDate } from './time.js';
import { settingsHandlers } from './services/settings.js';
import { statisticsHandlers } from './services/statistics.js';
import { userHandlers } from './services/users.js';
import { lockDataDir } from './store/lock.js';
import { Store } from './store/store.js';

export interface BackendOptions {
  dataDir: string;
  host: BackendContext['host'];
  version: string;
  now?: () => Date;
  log?: Logger;
  /** Lower scrypt cost for tests only. */
  kdfCost?: KdfCost;
  /**
   * Read the case records after login, in the background, with the ledger opened from its cache meanwhile
   * (default: in the app, not in the CLI, whose commands need the records at once).
   */
  deferRecords?: boolean;
}

/** Methods answered before the records are read (see openStore); every other call waits for them. */
const READY_BEFORE_RECORDS = new Set(['app.info', 'auth.status', 'auth.setupAdmin', 'auth.login', 'auth.logout', 'auth.touch', 'settings.get', 'cases.ledger', 'cases.regions']);

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface Backend {
  readonly context: BackendContext;
  readonly handlers: Handlers;
  /** The single entry point of both hosts: access check, validation, call, result envelope. */
  dispatch(method: unknown, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: EventListener): () => void;
  /** Resolves when the work started after login (reading the records, building the indexes) has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Composition root of the backend: lock the data directory, open the keyring and the audit log; the encrypted
 * store opens with the first login's keys. Every call passes the session's access check in the dispatch.
 */
export async function openBackend(options: BackendOptions): Promise<Backend> {
  const log = options.log ?? fileLogger(options.dataDir);
  const lock = await lockDataDir(options.dataDir);
  const listeners = new Set<EventListener>();
  const now = options.now ?? (() => new Date());
  try {
    const keyring = await Keyring.open(options.dataDir, options.kdfCost);
    const auditLog = await AuditLog.open(options.dataDir, now);
    if (auditLog.problems.length) log.error('audit log: chain problems on open', auditLog.problems);
    const session = new Session(keyring, now);
    let opened: { store: Store; ledger: LedgerIndex; view: CaseView; repeats: RepeatIndex } | null = null;
    const required = () => {
      if (!opened) throw new AppError('NOT_LOGGED_IN', '请先登录');
      return opened;
    };

    const context: BackendContext = {
      dataDir: options.dataDir,
      host: options.host,
      version: options.version,
      now,
      log,
      keyring,
      session,
      auditLog,
      get store() {
        return required().store;
      },
      get ledger() {
        return required().ledger;
      },
      get view() {
        return required().view;
      },
      get repeats() {
        return required().repeats;
      },
      actor: () => {
        const u = session.user;
        return u ? `${u.displayName}（${u.name}）` : '系统';
      },
      async audit(action, object, outcome = 'success', detail = '') {
        await auditLog.append({ user: session.user?.name ?? '—', action, object, outcome, detail });
        // The encrypted store keeps the latest head, so a deleted tail of the plaintext log is detected.
        if (opened) await opened.store.setAuditHead(auditLog.head());
      },
      emit: (name, payload) => listeners.forEach((l) => l(name, payload)),
    };

    const deferRecords = options.deferRecords ?? options.host !== 'cli';
    let closed = false;
    let afterLogin: Promise<void> = Promise.resolve();
    /** The saves and rules the ledger cache on disk reflects; the cache is written again at close when they differ. */
    let cachedAs: string | null = null;
    const cacheState = (store: Store, view: CaseView) => `${view.deadlineKey()}|${store.cases.settledSaves().join()}`;

    async function openStore(keys: Keys, migrating: boolean) {
      if (opened) return;
      const codec = encryptedCodec(subKey(keys.data, 'files'), { acceptPlain: migrating });
      const attachmentKeys = { fileKey: subKey(keys.data, 'files'), nameKey: subKey(keys.data, 'names') };
      const deferCases = deferRecords && !migrating;
      const store = await Store.open(options.dataDir, { codec, attachmentKeys, now, deferCases, onRecover: (r) => {
          log.error('store: recovered from backup', r);
          // A shard read in the background after login is recovered after the screen has asked: it is told now.
          context.emit('store.recovered', r);
        },
      });
      // A deleted tail of the (plaintext) audit log shows as a head that no longer matches the encrypted one.
      await auditLog.checkHead(store.auditHead());
      const view = new CaseView(() => store.settings(), () => localIsoDate(now()));
      const ledger = new LedgerIndex(() => store.cases.values(), view);
      opened = { store, ledger, view, repeats: new RepeatIndex(context) };
      if (codec.sawPlain) {
        const report = await migratePlainStore(store, options.dataDir, keys.identity);
        log.info('store: encrypted a data directory from before encryption', report);
        await context.audit('data.migrate', '数据目录', 'success', `加密 ${report.cases} 件、附件 ${report.attachments} 个，清除明文文件 ${report.removed} 个`);
      }
      // The ledger opens from its cache: only shards changed since it was written are read now.
      let cacheUsed = false;
      if (!store.cases.loaded) {
        const cached = await cachedLedger(store, view, log);
        if (cached) ledger.fill(cached.summaries, view.deadlineKey());
        cacheUsed = cached?.reread === 0;
        log.info('ledger opened', cached ? { fromCache: store.cases.shardCount - cached.reread, reread: cached.reread } : { fromCache: 0 });
      }
      if (!deferRecords) return;
      // After start-up, in slices: the records, the ledger's index, files from an older version rewritten in the
      // current format, the ledger cache when it is out of date, then the repeat index (which opens every identity).
      const { repeats } = opened;
      const stopped = () => closed;
      const background = async () => {
        await store.cases.load();
        await ledger.warm(stopped);
        if (closed) return;
        const rewritten = await store.upgradeFiles();
        if (rewritten) log.info('store: files rewritten in the current format', { rewritten });
        if (closed) return;
        if (!cacheUsed || rewritten) await writeCache(store, view);
        else cachedAs = cacheState(store, view);
        await repeats.warm(stopped);
      };
      afterLogin = new Promise((resolve) => setImmediate(resolve)).then(background).catch((err: unknown) => void (closed || log.error('start-up background work failed', err)));
    }

    async function writeCache(store: Store, view: CaseView) {
      const state = cacheState(store, view);
      const shards = await writeLedgerCache(store, view);
      cachedAs = state;
      log.info('ledger cache written', { shards });
    }

    /** Every call but READY_BEFORE_RECORDS waits until the records have been read. */
    async function recordsRead(method: unknown) {
      if (!opened || opened.store.cases.loaded || READY_BEFORE_RECORDS.has(method as string)) return;
      try {
        await opened.store.cases.load();
      } catch (err) {
        throw new AppError('STORE_UNAVAILABLE', '信访件数据文件无法读取，请联系管理员（可用“verify”命令检查数据目录）', (err as Error).message);
      }
    }

    const handlers: Handlers = {
      ...authHandlers(context, { openStore }),
      ...userHandlers(context),
      ...settingsHandlers(context),
      ...caseHandlers(context),
      ...ledgerHandlers(context),
      ...attachmentHandlers(context),
      ...demoHandlers(context),
      ...loopHandlers(context),
      ...documentHandlers(context),
      ...repeatHandlers(context),
      ...difficultHandlers(context),
      ...feedbackHandlers(context),
      ...archiveHandlers(context),
      ...fieldVisitHandlers(context),
      ...householdVisitHandlers(context),
      ...statisticsHandlers(context),
      ...exchangeHandlers(context),
    };

    const lockIfIdle = async () => {
      const locked = session.lockIfIdle();
      if (!locked) return;
      await auditLog.append({ user: locked.name, action: 'lock', object: locked.name, outcome: 'success', detail: '长时间未操作，自动锁定' });
      context.emit('auth.changed', { locked: true });
    };
    // The UI learns of an idle lock even when it makes no call.
    const idleTimer = setInterval(() => void lockIfIdle(), 30_000);
    idleTimer.unref();

    log.info('backend opened', { dataDir: options.dataDir, host: options.host, users: keyring.users().length });
    return {
      context,
      handlers,
      async dispatch(method, input) {
        await lockIfIdle();
        return dispatch(handlers, method, input, log, async (access, name) => {
          try {
            session.authorise(access);
          } catch (err) {
            if (err instanceof AppError && err.code === 'FORBIDDEN') {
              await auditLog.append({ user: session.user?.name ?? '—', action: 'permission.denied', object: name, outcome: 'denied', detail: err.message });
            }
            throw err;
          }
          await recordsRead(method);
        });
      },
      settled: () => afterLogin,
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      async close() {
        closed = true;
        opened?.store.cases.stopLoading();
        clearInterval(idleTimer);
        listeners.clear();
        try {
          // Saves since the ledger cache was written, or other rules: the next start would read those shards.
          if (opened?.store.cases.loaded && deferRecords && cachedAs !== cacheState(opened.store, opened.view)) await writeCache(opened.store, opened.view);
        } catch (err) {
          log.error('ledger cache not written at close', err);
        } finally {
          await lock.release();
        }
      },
    };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
