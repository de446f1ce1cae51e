import type { EventName, EventPayload } from '../../shared/contract.js';
import { AppError, type Result } from '../../shared/errors.js';
import { AppStart } from './app-start.js';
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
import type { RecoveryReport } from './store/document.js';
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
    const start = new AppStart(log);

    async function openStore(keys: Keys, migrating: boolean) {
      if (opened) return;
      const codec = encryptedCodec(subKey(keys.data, 'files'), { acceptPlain: migrating });
      const attachmentKeys = { fileKey: subKey(keys.data, 'files'), nameKey: subKey(keys.data, 'names') };
      const deferCases = deferRecords && !migrating;
      const onRecover = (r: RecoveryReport) => {
        log.error('store: recovered from backup', r);
        // A shard read in the background after login is recovered after the screen has asked: it is told now.
        context.emit('store.recovered', r);
      };
      const store = await Store.open(options.dataDir, { codec, attachmentKeys, now, deferCases, onRecover });
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
      if (!store.cases.loaded) await start.openLedger(opened);
      if (deferRecords) start.begin(opened);
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
      settled: () => start.settled(),
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      async close() {
        clearInterval(idleTimer);
        listeners.clear();
        try {
          if (deferRecords) await start.close(opened);
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
