import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../log.js';
import { seedDemoCases } from '../demo.js';
import { call, loginAdmin, setUpOffice, testBackend } from '../../test-support/backend.js';
import { useTempDirs } from '../../test-support/tmp.js';

const tempDir = useTempDirs();
const NOW = () => new Date('2026-11-25T09:00:00+08:00');

/** A logger that keeps what the backend says of how the ledger opened. */
function ledgerLog() {
  const opened: unknown[] = [];
  const log: Logger = { info: (message, detail) => void (message === 'ledger opened' && opened.push(detail)), error: () => undefined };
  return { log, opened };
}

/** The app as it runs (records read after login); the CLI reads them at once. */
const app = (dir: string, log: Logger) => testBackend(dir, NOW, { deferRecords: true, log });

/** An office with demo cases, written through the CLI (which reads the records at once and writes no cache). */
async function seededOffice(dir: string, cases: number, seed: number) {
  const cli = await testBackend(dir);
  await setUpOffice(cli);
  await seedDemoCases(cli.context, cases, seed);
  return cli;
}

const QUERIES = [{ pageSize: 500 }, { search: '低保', pageSize: 500 }, { alerts: ['red' as const, 'yellow' as const], sortBy: 'caseNo' as const, order: 'asc' as const, pageSize: 500 }, { search: 'zs', pageSize: 500 }];

async function ledgers(backend: Awaited<ReturnType<typeof testBackend>>) {
  return Promise.all(QUERIES.map(async (q) => {
    const { total, rows } = await call(backend, 'cases.ledger', q);
    return { total, rows };
  }));
}

/** One start of the app: logs in, reads the ledgers and closes; what they showed, and how the ledger opened. */
async function startOnce(dir: string) {
  const { log, opened } = ledgerLog();
  const backend = await app(dir, log);
  await loginAdmin(backend);
  const shown = await ledgers(backend);
  await backend.close();
  return { shown, opened };
}

describe('starting the app: the ledger from its cache, the records read after login', () => {
  it('opens the ledger from the cache before the records are read, with what a full read gives', async () => {
    const dir = tempDir();
    const cli = await seededOffice(dir, 700, 5);
    const expected = await ledgers(cli);
    expect(expected[0]!.total).toBe(700);
    await cli.close();

    // The first start of the app finds no cache: the ledger waits for the records; closing writes the cache.
    const first = await startOnce(dir);
    expect(first.shown).toEqual(expected);
    expect(first.opened).toEqual([{ fromCache: 0 }]);

    const second = ledgerLog();
    const again = await app(dir, second.log);
    await loginAdmin(again);
    expect(second.opened).toEqual([{ fromCache: 3, reread: 0 }]);
    expect(await ledgers(again)).toEqual(expected);
    // Any other call waits for the records and then answers.
    const id = expected[0]!.rows[0]!.id;
    expect((await call(again, 'cases.get', { id })).caseNo).toBe(expected[0]!.rows[0]!.caseNo);
    expect(again.context.store.cases.loaded).toBe(true);
    await again.close();
  });

  it('reads again a shard saved since, and is not used once the deadline rules have changed', async () => {
    const dir = tempDir();
    const cli = await seededOffice(dir, 600, 7);
    await cli.close();
    const warm = await app(dir, ledgerLog().log);
    await loginAdmin(warm);
    await call(warm, 'cases.get', { id: (await call(warm, 'cases.ledger', {})).rows[0]!.id });
    await warm.close();

    // A save through the CLI, which does not write the cache.
    const edit = await testBackend(dir);
    await loginAdmin(edit);
    const target = [...edit.context.store.cases.values()].slice(250).find((r) => !r.archive)!;
    const { identity: _i, id, caseNo: _c, status: _s, createdAt: _a, updatedAt, history: _h, ...fields } = target;
    await call(edit, 'cases.update', { id, expectedUpdatedAt: updatedAt, changes: { ...fields, region: '缓存测试乡' } });
    const expected = await ledgers(edit);
    await edit.close();

    const after = ledgerLog();
    const started = await app(dir, after.log);
    await loginAdmin(started);
    expect(after.opened).toEqual([{ fromCache: 2, reread: 1 }]);
    expect(await ledgers(started)).toEqual(expected);
    expect((await call(started, 'cases.ledger', { regions: ['缓存测试乡'] })).rows.map((r) => r.id)).toEqual([id]);
    await started.close();

    // Other rules, set through the CLI: every open deadline moves, so no cached colour can be trusted.
    const rulesChanged = await testBackend(dir);
    await loginAdmin(rulesChanged);
    const settings = await call(rulesChanged, 'settings.get', {});
    const rules = settings.deadlines.rules.map((r) => (r.id === 'accept-or-route' ? { ...r, days: r.days + 2 } : r));
    await call(rulesChanged, 'deadlines.updateSettings', { ...settings.deadlines, rules });
    const changed = await ledgers(rulesChanged);
    expect(changed).not.toEqual(expected);
    await rulesChanged.close();

    const last = await startOnce(dir);
    expect(last.shown).toEqual(changed);
    expect(last.opened).toEqual([{ fromCache: 0 }]);
  });

  it('tells the screen of a shard recovered from its backup while the records are read after login', async () => {
    const dir = tempDir();
    const cli = await seededOffice(dir, 300, 9);
    // A second save of the last shard, so that it has a backup.
    const last = [...cli.context.store.cases.values()].at(-1)!;
    await cli.context.store.cases.put({ ...last });
    await cli.close();
    await writeFile(path.join(dir, 'store', 'cases-0001.json'), 'damaged');

    const started = await app(dir, ledgerLog().log);
    const told: unknown[] = [];
    started.onEvent((name, payload) => void (name === 'store.recovered' && told.push(payload)));
    await loginAdmin(started);
    expect((await call(started, 'cases.get', { id: last.id })).caseNo).toBe(last.caseNo);
    expect(told).toEqual([expect.objectContaining({ file: 'cases-0001.json', from: 'cases-0001.json.bak1' })]);
    expect((await call(started, 'app.info', {})).recoveries).toEqual(told);
    await started.close();
  });
});
