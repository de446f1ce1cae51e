import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/tmp.js';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  AUDIT_DIR,
  auditCsv,
  auditFileChecks,
  AuditLog,
  auditRetentionDays,
  verifyAuditLog,
  type AuditAppend,
} from './audit-log.js';

const tempDir = useTempDirs();
const DAY = 24 * 60 * 60 * 1000;

/** A clock the test moves by hand; each read advances it a minute so entries have distinct times. */
function clock(startIso: string) {
  let t = Date.parse(startIso);
  return {
    now: () => {
      t += 60_000;
      return new Date(t);
    },
    set: (iso: string) => {
      t = Date.parse(iso);
    },
  };
}

const auditFile = (dir: string, year: number) => path.join(dir, AUDIT_DIR, `audit-${year}.jsonl`);

// `audit.anomaly` is written by the log itself and always reported by verification.
const ORDINARY = AUDIT_ACTIONS.filter((a) => a !== 'audit.anomaly');

function sample(i: number): AuditAppend {
  const action = ORDINARY[i % ORDINARY.length]!;
  return {
    user: i % 3 === 0 ? 'admin' : `clerk${i % 2}`,
    action,
    object: `case:XF-2026-${String(i).padStart(4, '0')}`,
    outcome: i % 5 === 0 ? 'failure' : 'success',
    detail: i % 4 === 0 ? `第 ${i} 次：“引号”与逗号,换行\n之后` : '',
  };
}

async function logWith(dir: string, count: number, start = '2026-03-01T00:00:00.000Z') {
  const c = clock(start);
  const log = await AuditLog.open(dir, c.now);
  for (let i = 1; i <= count; i++) await log.append(sample(i));
  return { log, clock: c };
}

async function lines(file: string): Promise<string[]> {
  return (await fsp.readFile(file, 'utf8')).split('\n').slice(0, -1);
}

async function writeLines(file: string, ls: string[]): Promise<void> {
  await fsp.writeFile(file, ls.map((l) => `${l}\n`).join(''));
}

describe('AuditLog: building the chain', () => {
  it('numbers entries from 1 and links each to the previous hash', async () => {
    const dir = tempDir();
    const { log } = await logWith(dir, 5);
    const all = log.all();
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(all[0]!.prev).toBe('0'.repeat(64));
    for (let i = 1; i < all.length; i++) expect(all[i]!.prev).toBe(all[i - 1]!.hash);
    expect(new Set(all.map((e) => e.hash)).size).toBe(5);
    expect(log.head()).toEqual({ seq: 5, hash: all[4]!.hash });
    expect(await lines(auditFile(dir, 2026))).toHaveLength(5);
    expect(await verifyAuditLog(dir, log.head())).toEqual({ ok: true, entries: 5, problems: [] });
  });

  it('an empty data directory is an empty, intact log', async () => {
    const dir = tempDir();
    const log = await AuditLog.open(dir);
    expect(log.head()).toEqual({ seq: 0, hash: '0'.repeat(64) });
    expect(log.problems).toEqual([]);
    expect(await verifyAuditLog(dir)).toEqual({ ok: true, entries: 0, problems: [] });
  });

  it('serialises concurrent appends into one consecutive chain', async () => {
    const dir = tempDir();
    const log = await AuditLog.open(dir);
    const written = await Promise.all(Array.from({ length: 25 }, (_, i) => log.append(sample(i + 1))));
    expect(written.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await verifyAuditLog(dir, log.head())).ok).toBe(true);
  });

  it('reopening continues the chain', async () => {
    const dir = tempDir();
    const { log, clock: c } = await logWith(dir, 3);
    const reopened = await AuditLog.open(dir, c.now);
    expect(reopened.problems).toEqual([]);
    expect(reopened.head()).toEqual(log.head());
    const next = await reopened.append({ user: 'admin', action: 'logout', object: 'session', outcome: 'success' });
    expect(next.seq).toBe(4);
    expect(next.prev).toBe(log.head().hash);
    expect(next.detail).toBe('');
    expect(await verifyAuditLog(dir, reopened.head())).toEqual({ ok: true, entries: 4, problems: [] });
  });

  it('rolls over to a new yearly file and keeps numbering', async () => {
    const dir = tempDir();
    const { log, clock: c } = await logWith(dir, 3, '2025-12-31T23:55:00.000Z');
    c.set('2026-01-01T00:00:00.000Z');
    for (let i = 4; i <= 6; i++) await log.append(sample(i));
    expect(await lines(auditFile(dir, 2025))).toHaveLength(3);
    expect(await lines(auditFile(dir, 2026))).toHaveLength(3);
    expect(log.all().map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    // A clock set back into last year keeps writing to the current file.
    c.set('2025-06-01T00:00:00.000Z');
    await log.append(sample(7));
    expect(await lines(auditFile(dir, 2026))).toHaveLength(4);
    expect(await verifyAuditLog(dir, log.head())).toEqual({ ok: true, entries: 7, problems: [] });
    const reopened = await AuditLog.open(dir, c.now);
    expect((await reopened.append(sample(8))).seq).toBe(8);
    expect(await verifyAuditLog(dir, reopened.head())).toMatchObject({ ok: true, entries: 8 });
  });

  it('rejects an unknown action without writing anything', async () => {
    const dir = tempDir();
    const log = await AuditLog.open(dir);
    await expect(log.append({ user: 'a', action: 'delete' as never, object: 'x', outcome: 'success' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(log.head().seq).toBe(0);
    await expect(log.append(sample(1))).resolves.toMatchObject({ seq: 1 });
  });

  it('has a label for every action and a retention of at least 180 days', () => {
    for (const a of AUDIT_ACTIONS) expect(AUDIT_ACTION_LABELS[a]).toMatch(/\p{Script=Han}/u);
    expect(AUDIT_ACTION_LABELS.reveal).toBe('查看检举控告人身份');
    expect(auditRetentionDays).toBeGreaterThanOrEqual(180);
  });
});

describe('AuditLog.query', () => {
  it('filters by user, action, outcome and time, newest first, with paging', async () => {
    const dir = tempDir();
    const { log } = await logWith(dir, 30, '2026-03-01T00:00:00.000Z');
    const all = log.all();

    const everything = log.query({ page: 1, pageSize: 10 });
    expect(everything.total).toBe(30);
    expect(everything.entries.map((e) => e.seq)).toEqual([30, 29, 28, 27, 26, 25, 24, 23, 22, 21]);
    expect(log.query({ page: 3, pageSize: 10 }).entries.map((e) => e.seq)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(log.query({ page: 4, pageSize: 10 }).entries).toEqual([]);

    const admin = log.query({ user: 'admin', page: 1, pageSize: 100 });
    expect(admin.total).toBe(all.filter((e) => e.user === 'admin').length);
    expect(admin.entries.every((e) => e.user === 'admin')).toBe(true);

    const failures = log.query({ outcome: 'failure', page: 1, pageSize: 100 });
    expect(failures.entries.map((e) => e.seq)).toEqual([30, 25, 20, 15, 10, 5]);

    const reveals = log.query({ action: 'reveal', page: 1, pageSize: 100 });
    expect(reveals.entries.map((e) => e.seq)).toEqual(all.filter((e) => e.action === 'reveal').map((e) => e.seq).reverse());

    const window = log.query({ from: all[4]!.at, to: all[9]!.at, page: 1, pageSize: 100 });
    expect(window.entries.map((e) => e.seq)).toEqual([10, 9, 8, 7, 6, 5]);

    const combined = log.query({ user: 'admin', outcome: 'failure', page: 1, pageSize: 1 });
    expect(combined.total).toBe(2); // seq 15 and 30
    expect(combined.entries.map((e) => e.seq)).toEqual([30]);
  });

  it('treats bare dates as whole local days', async () => {
    const dir = tempDir();
    const log = await AuditLog.open(dir, () => new Date(2026, 4, 10, 23, 59, 0));
    await log.append(sample(1));
    expect(log.query({ from: '2026-05-10', to: '2026-05-10', page: 1, pageSize: 10 }).total).toBe(1);
    expect(log.query({ from: '2026-05-11', page: 1, pageSize: 10 }).total).toBe(0);
    expect(log.query({ to: '2026-05-09', page: 1, pageSize: 10 }).total).toBe(0);
    expect(() => log.query({ from: 'gestern', page: 1, pageSize: 10 })).toThrow(/查询时间无效/);
  });
});

describe('verifyAuditLog: tampering is detected', () => {
  it('flipping any single byte of the log is detected', async () => {
    const dir = tempDir();
    const { log } = await logWith(dir, 20);
    const file = auditFile(dir, 2026);
    const original = await fsp.readFile(file);
    const head = log.head();
    expect(original.length).toBeGreaterThan(20 * 200);
    const missed: number[] = [];
    // Rewriting only the flipped byte in place keeps ~6000 verifications fast; the effect on disk is the
    // same as writing a mutated copy of the whole file.
    const handle = await fsp.open(file, 'r+');
    try {
      for (let i = 0; i < original.length; i++) {
        await handle.write(Uint8Array.of(original[i]! ^ 0xff), 0, 1, i);
        // Without the head anchor, so that the file alone must reveal the change.
        if ((await verifyAuditLog(dir)).ok) missed.push(i);
        await handle.write(original, i, 1, i);
      }
    } finally {
      await handle.close();
    }
    expect(missed).toEqual([]);
    expect(await fsp.readFile(file)).toEqual(original);
    expect((await verifyAuditLog(dir, head)).ok).toBe(true);
  });

  it('detects a re-spelled line that still carries the same values', async () => {
    const dir = tempDir();
    await logWith(dir, 5);
    const file = auditFile(dir, 2026);
    const ls = await lines(file);
    const respellings = [
      ls[2]!.replace('{"seq"', '{ "seq"'),
      ls[2]!.replace('"user"', '"\\u0075ser"'),
      `${ls[2]!}\r`,
      JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(ls[2]!) as object).reverse())),
    ];
    for (const line of respellings) {
      await writeLines(file, ls.map((l, i) => (i === 2 ? line : l)));
      expect((await verifyAuditLog(dir)).problems).toEqual(['audit-2026.jsonl 第 3 行：内容被修改（与规范写法不一致）']);
    }
  });

  it('reports a changed field by file and line', async () => {
    const dir = tempDir();
    await logWith(dir, 20);
    const file = auditFile(dir, 2026);
    const ls = await lines(file);
    ls[11] = ls[11]!.replace('"outcome":"success"', '"outcome":"denied"').replace('"outcome":"failure"', '"outcome":"denied"');
    await writeLines(file, ls);
    const result = await verifyAuditLog(dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['audit-2026.jsonl 第 12 行：内容被修改（哈希不符）']);
    expect(await auditFileChecks(dir)).toEqual([{ file: 'audit/audit-2026.jsonl', ok: false, problem: '第 12 行：内容被修改（哈希不符）' }]);
  });

  it('detects a rewritten entry even when its hash was recomputed, through the next link', async () => {
    const dir = tempDir();
    const { log } = await logWith(dir, 5);
    const file = auditFile(dir, 2026);
    const ls = await lines(file);
    const forged = { ...JSON.parse(ls[2]!), user: 'nobody' } as Record<string, unknown>;
    const { createHash } = await import('node:crypto');
    const { hash: _old, ...body } = forged;
    forged.hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    ls[2] = JSON.stringify(forged);
    await writeLines(file, ls);
    const result = await verifyAuditLog(dir, log.head());
    expect(result.problems).toEqual(['audit-2026.jsonl 第 4 行：与上一条记录的链接断开（前一哈希不符）']);
  });

  it('detects a deleted middle line', async () => {
    const dir = tempDir();
    await logWith(dir, 20);
    const file = auditFile(dir, 2026);
    const ls = await lines(file);
    ls.splice(9, 1);
    await writeLines(file, ls);
    const result = await verifyAuditLog(dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['audit-2026.jsonl 第 10 行：序号不连续：应为 10，实为 11（第 10 条记录被删除，或记录被调换了顺序）']);
  });

  it('detects two swapped lines', async () => {
    const dir = tempDir();
    await logWith(dir, 20);
    const file = auditFile(dir, 2026);
    const ls = await lines(file);
    [ls[5], ls[6]] = [ls[6]!, ls[5]!];
    await writeLines(file, ls);
    const result = await verifyAuditLog(dir);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toBe('audit-2026.jsonl 第 6 行：序号不连续：应为 6，实为 7（第 6 条记录被删除，或记录被调换了顺序）');
    expect(result.problems).toContain('audit-2026.jsonl 第 7 行：序号不连续：应为 8，实为 6（记录被插入或调换了顺序）');
  });

  it('detects an inserted line', async () => {
    const dir = tempDir();
    await logWith(dir, 6);
    const file = auditFile(dir, 2026);
    const ls = await lines(file);
    ls.splice(3, 0, ls[2]!);
    await writeLines(file, ls);
    const result = await verifyAuditLog(dir);
    expect(result.problems).toEqual(['audit-2026.jsonl 第 4 行：序号不连续：应为 4，实为 3（记录被插入或调换了顺序）']);
  });

  it('a truncated tail is detected only against the head kept by the backend', async () => {
    const dir = tempDir();
    const { log, clock: c } = await logWith(dir, 20);
    const head = log.head();
    const file = auditFile(dir, 2026);
    await writeLines(file, (await lines(file)).slice(0, 17));
    expect(await verifyAuditLog(dir)).toEqual({ ok: true, entries: 17, problems: [] });
    const result = await verifyAuditLog(dir, head);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['audit-2026.jsonl：审计日志末尾被截断或删除：系统记录的最新一条为第 20 条，日志中只到第 17 条']);

    // The app keeps logging; the finding is written into the chain so it outlives the anchor moving on.
    const reopened = await AuditLog.open(dir, c.now, head);
    const truncated = '审计日志末尾被截断或删除：系统记录的最新一条为第 20 条，日志中只到第 17 条';
    expect(reopened.problems).toEqual([truncated]);
    expect(reopened.all().at(-1)).toMatchObject({ seq: 18, action: 'audit.anomaly', outcome: 'failure', detail: truncated });
    expect((await reopened.append(sample(21))).seq).toBe(19);
    const later = await verifyAuditLog(dir, reopened.head());
    expect(later.ok).toBe(false);
    expect(later.problems).toEqual([expect.stringMatching(new RegExp(`^audit-2026\\.jsonl 第 18 行：系统于 .+ 发现审计日志异常：${truncated}$`))]);
    expect((await AuditLog.open(dir, c.now)).problems).toEqual(later.problems);
  });

  it('a deleted tail already overwritten by new entries is caught when the store opens', async () => {
    const dir = tempDir();
    const { log, clock: c } = await logWith(dir, 20);
    const head = log.head();
    const file = auditFile(dir, 2026);
    await writeLines(file, (await lines(file)).slice(0, 17));
    // Failed logins are recorded before the encrypted store (and its head) can be read.
    const reopened = await AuditLog.open(dir, c.now);
    for (let i = 0; i < 3; i++) await reopened.append({ user: 'x', action: 'login.failed', object: 'x', outcome: 'failure' });
    expect(await reopened.checkHead(head)).toEqual(['第 20 条记录与系统保存的最新哈希不符（日志被改写）']);
    expect(await reopened.checkHead(reopened.head())).toEqual([]);
    const result = await verifyAuditLog(dir, reopened.head());
    expect(result.problems).toEqual([expect.stringMatching(/^audit-2026\.jsonl 第 21 行：系统于 .+ 发现审计日志异常：第 20 条记录与系统保存的最新哈希不符/)]);
  });

  it('a rewritten chain no longer matches the kept head', async () => {
    const dir = tempDir();
    const { log } = await logWith(dir, 4);
    const head = log.head();
    await fsp.rm(path.join(dir, AUDIT_DIR), { recursive: true });
    await logWith(dir, 4, '2026-03-02T00:00:00.000Z');
    const result = await verifyAuditLog(dir, head);
    expect(result.problems).toEqual(['audit-2026.jsonl：第 4 条记录与系统保存的最新哈希不符（日志被改写）']);
  });

  it('a deleted audit folder is detected against the kept head', async () => {
    const dir = tempDir();
    const { log } = await logWith(dir, 3);
    await fsp.rm(path.join(dir, AUDIT_DIR), { recursive: true });
    const result = await verifyAuditLog(dir, log.head());
    expect(result.problems).toEqual(['audit：审计日志末尾被截断或删除：系统记录的最新一条为第 3 条，日志中没有任何记录']);
    expect(await auditFileChecks(dir, log.head())).toEqual([
      { file: 'audit/', ok: false, problem: '审计日志末尾被截断或删除：系统记录的最新一条为第 3 条，日志中没有任何记录' },
    ]);
    expect(await auditFileChecks(dir)).toEqual([{ file: 'audit/', ok: true, problem: '尚无审计记录' }]);
  });

  it('detects a whole yearly file deleted from the middle', async () => {
    const dir = tempDir();
    const c = clock('2024-11-01T00:00:00.000Z');
    const log = await AuditLog.open(dir, c.now);
    for (const year of [2024, 2025, 2026]) {
      c.set(`${year}-12-01T00:00:00.000Z`);
      for (let i = 0; i < 3; i++) await log.append(sample(i));
    }
    expect((await verifyAuditLog(dir, log.head())).ok).toBe(true);
    await fsp.rm(auditFile(dir, 2025));
    const result = await verifyAuditLog(dir, log.head(), { now: () => new Date('2027-01-01T00:00:00Z') });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['audit-2025.jsonl：文件缺失，第 4–6 条记录不在日志中']);
    expect(await auditFileChecks(dir, log.head())).toEqual([
      { file: 'audit/audit-2024.jsonl', ok: true },
      { file: 'audit/audit-2026.jsonl', ok: true },
      { file: 'audit/audit-2025.jsonl', ok: false, problem: '文件缺失，第 4–6 条记录不在日志中' },
    ]);
  });

  it('accepts an archived first year only once it is past retention', async () => {
    const dir = tempDir();
    const c = clock('2025-12-01T00:00:00.000Z');
    const log = await AuditLog.open(dir, c.now);
    for (let i = 0; i < 3; i++) await log.append(sample(i));
    c.set('2026-01-02T00:00:00.000Z');
    for (let i = 0; i < 3; i++) await log.append(sample(i));
    await fsp.rm(auditFile(dir, 2025));
    const early = await verifyAuditLog(dir, log.head(), { now: () => new Date('2026-03-01T00:00:00Z') });
    expect(early.problems).toEqual([
      `audit-2026.jsonl 第 1 行：第 1–3 条记录不在数据目录中（较早的年度文件被删除或提前归档；审计记录须保留至少 ${auditRetentionDays} 天）`,
    ]);
    const late = await verifyAuditLog(dir, log.head(), { now: () => new Date(Date.parse('2026-01-02T00:01:00Z') + auditRetentionDays * DAY) });
    expect(late).toEqual({ ok: true, entries: 3, problems: [] });
  });

  it('opens a broken log, keeps logging, and keeps reporting the break', async () => {
    const dir = tempDir();
    const { clock: c } = await logWith(dir, 6);
    const file = auditFile(dir, 2026);
    const ls = await lines(file);
    ls[2] = ls[2]!.replace('"user":"admin"', '"user":"adm1n"');
    await writeLines(file, ls);
    const log = await AuditLog.open(dir, c.now);
    expect(log.problems).toEqual(['audit-2026.jsonl 第 3 行：内容被修改（哈希不符）']);
    const next = await log.append(sample(7));
    expect(next.seq).toBe(7);
    expect((await verifyAuditLog(dir, log.head())).problems).toEqual(log.problems);
  });

  it('a torn last line stays a line of its own and the next entry is intact', async () => {
    const dir = tempDir();
    const { clock: c } = await logWith(dir, 4);
    const file = auditFile(dir, 2026);
    await fsp.appendFile(file, '{"seq":5,"at":"2026-03-01T0');
    const torn = await verifyAuditLog(dir);
    expect(torn.problems).toEqual(['audit-2026.jsonl 第 5 行：最后一行不完整（缺少换行，写入中断或文件被截断）', 'audit-2026.jsonl 第 5 行：无法解析（不是有效的记录）']);
    const log = await AuditLog.open(dir, c.now);
    const next = await log.append(sample(5));
    expect(next.seq).toBe(5);
    const after = await verifyAuditLog(dir, log.head());
    expect(after.entries).toBe(5);
    expect(after.problems).toEqual(['audit-2026.jsonl 第 5 行：无法解析（不是有效的记录）']);
  });

  it('reports a schema violation and a blank line', async () => {
    const dir = tempDir();
    await logWith(dir, 3);
    const file = auditFile(dir, 2026);
    const ls = await lines(file);
    ls[1] = JSON.stringify({ ...JSON.parse(ls[1]!), action: 'delete' });
    ls.splice(2, 0, '');
    await writeLines(file, ls);
    expect((await verifyAuditLog(dir)).problems).toEqual(['audit-2026.jsonl 第 2 行：格式不符（字段：action）', 'audit-2026.jsonl 第 3 行：空行（日志中不应出现空行）']);
  });
});

describe('auditCsv', () => {
  it('starts with a BOM and the Chinese header, and escapes cells for Excel', async () => {
    const dir = tempDir();
    const log = await AuditLog.open(dir);
    await log.append({ user: 'admin', action: 'reveal', object: 'case:XF-1', outcome: 'success', detail: '说明,含"引号"\n换行' });
    await log.append({ user: '=HYPERLINK("x")', action: 'login.failed', object: 'session', outcome: 'failure' });
    const csv = auditCsv(log.all());
    expect(csv.startsWith('\uFEFF序号,时间,用户,操作,对象,结果,说明,哈希\r\n')).toBe(true);
    const [, first, second] = csv.slice(1).split('\r\n');
    expect(first).toMatch(/^1,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},admin,查看检举控告人身份,case:XF-1,成功,"说明,含""引号""\n换行",[0-9a-f]{64}$/);
    expect(second).toMatch(/^2,[^,]+,"'=HYPERLINK\(""x""\)",登录失败,session,失败,,[0-9a-f]{64}$/);
  });
});
