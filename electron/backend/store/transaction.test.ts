import { existsSync, promises as fsp, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../exchange/merge.js';
import { storedCase } from '../test-support/records.js';
import { useTempDirs } from '../test-support/tmp.js';
import { SHARD_SIZE } from './collection.js';
import { Store } from './store.js';
import { beginJournal } from './transaction.js';

const tempDir = useTempDirs();
const record = (i: number) => storedCase(i);
const contents = (store: Store) => canonicalJson({ cases: [...store.cases.values()], exchange: store.exchange(), counters: store.counters() });

describe('store transactions', () => {
  it('a failure after some shards were written puts every file back, in memory and on disk', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    await store.cases.put(...Array.from({ length: SHARD_SIZE - 10 }, (_, i) => record(i)));
    const before = contents(store);
    await expect(
      store.transaction(async () => {
        await store.takeNumbers('caseNo:2026', 30);
        await store.cases.put(...Array.from({ length: 40 }, (_, i) => record(1000 + i)), { ...record(3), region: '走马镇' });
        await store.updateExchange((s) => ({ ...s, backup: { ...s.backup, lastAt: 'x' } }));
        throw new Error('injected');
      }),
    ).rejects.toThrow('injected');
    expect(contents(store)).toBe(before);
    expect(readdirSync(path.join(dir, 'store')).filter((n) => /^cases-0001/.test(n) || n.startsWith('journal'))).toEqual([]);
    expect(contents(await Store.open(dir))).toBe(before);
  });

  it('a journal being opened when the process died is dropped; a rollback interrupted midway completes at the next open', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    await store.cases.put(record(1));
    const before = contents(store);
    const storeDir = path.join(dir, 'store');
    await fsp.mkdir(path.join(storeDir, 'journal.opening'));
    expect(contents(await Store.open(dir))).toBe(before);
    expect(existsSync(path.join(storeDir, 'journal.opening'))).toBe(false);

    // The journal was opened, a shard rewritten and another created; then a rollback got halfway before the next crash.
    await beginJournal(storeDir);
    await store.cases.put({ ...record(1), region: '走马镇' }, ...Array.from({ length: SHARD_SIZE }, (_, i) => record(100 + i)));
    expect(existsSync(path.join(storeDir, 'cases-0001.json'))).toBe(true);
    await fsp.rename(path.join(storeDir, 'journal', 'meta.json'), path.join(storeDir, 'meta.json'));
    const reopened = await Store.open(dir);
    expect(contents(reopened)).toBe(before);
    expect(readdirSync(storeDir).filter((n) => n.startsWith('journal') || n.startsWith('cases-0001'))).toEqual([]);
  });
});
