import type { EventName, EventPayload } from '../../shared/contract.js';
import type { Logger } from './log.js';
import type { AuditAction, AuditLog, AuditOutcome } from './security/audit-log.js';
import type { Keyring } from './security/keyring.js';
import type { Session } from './security/session.js';
import type { LedgerIndex } from './services/cases/ledger-index.js';
import type { CaseView } from './services/loop/case-view.js';
import type { RepeatIndex } from './services/repeats.js';
import type { Store } from './store/store.js';

/** What every feature module of the backend receives. */
export interface BackendContext {
  dataDir: string;
  host: 'electron' | 'web' | 'cli';
  version: string;
  now: () => Date;
  log: Logger;
  keyring: Keyring;
  session: Session;
  /** The encrypted store; opened by the first login (throws NOT_LOGGED_IN before). */
  readonly store: Store;
  readonly ledger: LedgerIndex;
  /** Repeat suggestions over every stored case. */
  readonly repeats: RepeatIndex;
  /** Loop state and today's colour of a case, under the office's calendar. */
  readonly view: CaseView;
  /** Who the history and the audit log name for the current call. */
  actor(): string;
  audit(action: AuditAction, object: string, outcome?: AuditOutcome, detail?: string): Promise<void>;
  auditLog: AuditLog;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}
