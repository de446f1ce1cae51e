import type { CaseSummary } from '../../../../shared/domain/ledger.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { CaseView } from '../loop/case-view.js';
import { summaryOf } from './ledger-index.js';

/**
 * The ledger cache (store/ledger-cache-format.ts) lets the ledger open before the 50,000 records are read: the
 * summaries of a shard are taken from it only when the shard's file is the very file they were made from.
 */

export interface CachedLedger {
  summaries: CaseSummary[];
  /** Shards read from their files because their cached summaries were missing or older than the file. */
  reread: number;
}

/**
 * The ledger's summaries at start-up, or null when the cache is missing, unreadable or made under other deadline
 * rules or another calendar (the ledger then waits for the records).
 */
export async function cachedLedger(store: Store, view: CaseView, log: Logger): Promise<CachedLedger | null> {
  const cache = await store.readLedgerCache();
  if (!cache || cache.deadlineKey !== view.deadlineKey()) {
    log.info(cache ? 'ledger cache made under other deadline rules or calendar' : 'no ledger cache');
    return null;
  }
  const stamps = await store.cases.stamps();
  const summaries: CaseSummary[] = [];
  let reread = 0;
  for (const [n, stamp] of stamps.entries()) {
    const cached = cache.shards[n];
    if (cached && stamp !== null && cached.stamp === stamp) {
      summaries.push(...cached.summaries);
      continue;
    }
    reread++;
    for (const record of await store.cases.shardRecords(n)) summaries.push(summaryOf(record, view));
  }
  return { summaries, reread };
}

/**
 * Writes the cache from the records in memory (the cases must be loaded). A shard is cached only when its file
 * holds what memory holds: no save in flight when its summaries were made, and none started before its stamp was
 * read. Returns how many shards were cached.
 */
export async function writeLedgerCache(store: Store, view: CaseView): Promise<number> {
  const deadlineKey = view.deadlineKey();
  const before: (number | null)[] = [];
  const made: CaseSummary[][] = [];
  // A shard at a time, yielding between them, so that requests are answered meanwhile; each shard's summaries and
  // its count of saves are taken together.
  for (let n = 0; n < store.cases.shardCount; n++) {
    const records = await store.cases.shardRecords(n);
    before.push(store.cases.settledSaves()[n] ?? null);
    made.push(records.map((r) => summaryOf(r, view)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const stamps = await store.cases.stamps();
  const after = store.cases.settledSaves();
  // A shard that cannot be cached keeps its place with an empty stamp, which no file has: it is read at start-up.
  const shards = made.map((summaries, n) => {
    const stamp = stamps[n];
    return before[n] !== null && before[n] === after[n] && stamp ? { stamp, summaries } : { stamp: '', summaries: [] };
  });
  if (deadlineKey !== view.deadlineKey()) return 0;
  await store.writeLedgerCache({ deadlineKey, shards });
  return shards.filter((s) => s.stamp).length;
}
