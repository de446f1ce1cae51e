import type { Logger } from './log.js';
import { cachedLedger, writeLedgerCache } from './services/cases/ledger-cache.js';
import type { LedgerIndex } from './services/cases/ledger-index.js';
import type { CaseView } from './services/loop/case-view.js';
import type { RepeatIndex } from './services/repeats.js';
import type { Store } from './store/store.js';

/** How long after login the background work starts (unless a call needs the records earlier). */
export const AFTER_LOGIN_MS = 1000;

interface Opened {
  store: Store;
  view: CaseView;
  ledger: LedgerIndex;
  repeats: RepeatIndex;
}

/**
 * The app's start with 50,000 cases: at login the ledger opens from its cache (ledger-cache.ts); after it, in the
 * background and in slices, the records are read, the ledger and repeat indexes built, files from an older version
 * rewritten and the cache renewed; at close the cache is written again if saves or other rules have outdated it.
 */
export class AppStart {
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private work: Promise<void> = Promise.resolve();
  /** The rules and number of saves the ledger cache on disk reflects (null: none, or out of date). */
  private cachedAs: string | null = null;

  constructor(private readonly log: Logger) {}

  private state({ store, view }: Opened): string {
    return `${view.deadlineKey()}|${store.cases.savesStarted}`;
  }

  /** Opens the ledger from the cache, reading now only the shards changed since it was written. */
  async openLedger(opened: Opened): Promise<void> {
    const { store, view, ledger } = opened;
    const cached = await cachedLedger(store, view, this.log);
    if (cached) ledger.fill(cached.summaries, view.deadlineKey());
    if (cached?.reread === 0) this.cachedAs = this.state(opened);
    this.log.info('ledger opened', cached ? { fromCache: store.cases.shardCount - cached.reread, reread: cached.reread } : { fromCache: 0 });
  }

  /** Starts the work after login; settled() tells when it is done. */
  begin(opened: Opened): void {
    const { store, ledger, repeats } = opened;
    const stopped = () => this.closed;
    const background = async () => {
      if (this.closed) return;
      await store.cases.load();
      await ledger.warm(stopped);
      if (this.closed) return;
      const rewritten = await store.upgradeFiles();
      if (rewritten) this.log.info('store: files rewritten in the current format', { rewritten });
      if (this.closed) return;
      if (this.cachedAs !== this.state(opened)) await this.writeCache(opened);
      await repeats.warm(stopped);
    };
    // A moment after login first: on a two-core PC the browser needs the processor to show the first screen, and
    // a call that needs the records reads them at once anyway.
    this.work = new Promise<void>((resolve) => (this.timer = setTimeout(resolve, AFTER_LOGIN_MS)))
      .then(background)
      .catch((err: unknown) => void (this.closed || this.log.error('start-up background work failed', err)));
  }

  settled(): Promise<void> {
    return this.work;
  }

  private async writeCache(opened: Opened): Promise<void> {
    const state = this.state(opened);
    const shards = await writeLedgerCache(opened.store, opened.view);
    this.cachedAs = state;
    this.log.info('ledger cache written', { shards });
  }

  /** Stops the background work; writes the cache if saves or other rules have outdated it. */
  async close(opened: Opened | null): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    if (!opened) return;
    opened.store.cases.stopLoading();
    try {
      if (opened.store.cases.loaded && this.cachedAs !== this.state(opened)) await this.writeCache(opened);
    } catch (err) {
      this.log.error('ledger cache not written at close', err);
    }
  }
}
