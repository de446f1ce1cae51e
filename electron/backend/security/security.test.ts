import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseInputDraft } from '../../../shared/domain/case.js';
import { demoScanPdf } from '../demo/generator.js';
import { openBackend } from '../backend.js';
import { ADMIN, call, loginAdmin, setUpOffice, TEST_KDF, TEST_OFFICE, testBackend } from '../test-support/backend.js';
import { useTempDirs } from '../test-support/tmp.js';
import { Store } from '../store/store.js';
import { writeFileDurably } from '../store/durable-file.js';
import { verifyAuditLog } from './audit-log.js';
import { asciiJson } from '../store/stored-text.js';

const tempDir = useTempDirs();

const REPORTER = { name: '欧阳翠花', idNumber: '11010519491231002X', phone: '13912345678', address: '鹤峰县走马镇白果村' };
const CASE: CaseInputDraft = {
  receivedDate: '2026-11-20',
  channel: '来信',
  source: '本级受理',
  kind: '检举控告',
  summary: '反映走马镇白果村村委会主任在低保评定中优亲厚友。',
  reporter: { realName: true, persons: [REPORTER] },
  accused: [{ type: 'person', name: '赵德福', unit: '走马镇白果村', post: '村委会主任' }],
};

/** Every file under dir, recursively, with its bytes. */
async function allFiles(dir: string): Promise<{ file: string; bytes: Buffer }[]> {
  const out: { file: string; bytes: Buffer }[] = [];
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(full)));
    else out.push({ file: full, bytes: await fsp.readFile(full) });
  }
  return out;
}

/** Files holding any needle, as UTF-8 or as the \u-escaped text that the store's JSON writes (stored-text.ts). */
function filesContaining(files: { file: string; bytes: Buffer }[], needles: (string | Buffer)[]) {
  const forms = needles.flatMap((n) => (typeof n === 'string' ? [Buffer.from(n, 'utf8'), Buffer.from(asciiJson(n).slice(1, -1), 'latin1')] : [n]));
  return files.filter(({ bytes }) => forms.some((f) => bytes.includes(f))).map((f) => f.file);
}

describe('encryption at rest', () => {
  it('leaves no plaintext of the reporter or the attachment anywhere in the data directory', async () => {
    const dir = tempDir();
    // The real file logger: logs are part of the data directory that must hold no plaintext identity.
    const backend = await openBackend({ dataDir: dir, host: 'cli', version: 'test', kdfCost: TEST_KDF, now: () => new Date('2026-11-25T09:00:00+08:00') });
    await setUpOffice(backend);
    // A refused registration names the reporter in its Chinese message; the log must not.
    await expect(call(backend, 'cases.register', { ...CASE, reporter: { realName: true, persons: [{ ...REPORTER, phone: '', address: '', idNumber: '11010519491231002Y' }] } })).rejects.toThrow(REPORTER.name);
    await expect(call(backend, 'cases.register', { ...CASE, reporter: { realName: true, persons: [{ ...REPORTER, phone: '999' }] } })).rejects.toThrow('999');
    const scan = demoScanPdf('distinctive-attachment-7f3a');
    const meta = await call(backend, 'attachments.upload', { name: '来信.pdf', base64: scan.toString('base64') });
    const created = await call(backend, 'cases.register', { ...CASE, attachments: [meta] });
    // Edits produce temp files and backups; a reveal writes the history and the audit log.
    const { reporter: _r, ...rest } = CASE;
    await call(backend, 'cases.update', { id: created.id, expectedUpdatedAt: created.updatedAt, changes: { ...rest, attachments: [meta], region: '走马镇' } });
    await call(backend, 'cases.revealReporter', { id: created.id, reason: '电话核实' });
    await backend.close();
    const files = await allFiles(dir);
    expect(files.length).toBeGreaterThan(5);
    expect(files.some((f) => f.file.endsWith('xinfang.log'))).toBe(true);
    expect(filesContaining(files, [REPORTER.name, REPORTER.idNumber, REPORTER.phone, REPORTER.address, 'distinctive-attachment-7f3a', scan.subarray(0, 200)])).toEqual([]);
    // Not even the case summary or the accused is readable without a password.
    expect(filesContaining(files, ['赵德福', '优亲厚友'])).toEqual([]);
  });

  it('converts an existing unencrypted data directory on first login without loss', async () => {
    const dir = tempDir();
    // A data directory as the register wrote it before encryption: plain JSON, plain attachment, plain identity.
    const plain = await Store.open(dir);
    await plain.updateSettings((s) => ({ ...s, office: { ...TEST_OFFICE } }));
    const sha256 = await plain.attachments.put(demoScanPdf('legacy'));
    const at = '2026-01-05T01:00:00.000Z';
    await plain.cases.put({
      ...CASE,
      upperOffice: '',
      upperRefNo: '',
      categories: [],
      domains: [],
      region: '',
      accused: [{ type: 'person', name: '赵德福', unit: '走马镇白果村', post: '村委会主任' }],
      attachments: [{ id: 'a1', name: '来信.pdf', sha256, size: 1, mime: 'application/pdf', addedAt: at }],
      reporter: undefined,
      identity: { realName: true, persons: [REPORTER] },
      id: 'c-0001',
      caseNo: '鹤纪信〔2026〕1号',
      status: '已登记',
      createdAt: at,
      updatedAt: at,
      history: [{ at, actor: '本机操作员', action: 'register', summary: '登记', changes: [] }],
    } as never);
    await writeFileDurably(path.join(dir, 'store', 'settings.json'), Buffer.from(JSON.stringify({ schemaVersion: 1, office: TEST_OFFICE })));
    expect(filesContaining(await allFiles(dir), [REPORTER.name])).not.toEqual([]);

    const backend = await testBackend(dir);
    await loginAdmin(backend);
    expect((await call(backend, 'settings.get', {})).office?.shortName).toBe(TEST_OFFICE.shortName);
    const detail = await call(backend, 'cases.get', { id: 'c-0001' });
    expect(detail.reporter.persons[0]!.name).toBe('欧***');
    expect((await call(backend, 'cases.revealReporter', { id: 'c-0001', reason: '迁移核对' }))[0]).toMatchObject(REPORTER);
    const file = await call(backend, 'attachments.read', { caseId: 'c-0001', attachmentId: 'a1' });
    expect(Buffer.from(file.base64, 'base64').equals(demoScanPdf('legacy'))).toBe(true);
    expect((await call(backend, 'audit.query', { action: 'data.migrate' })).total).toBe(1);
    await backend.close();
    expect(filesContaining(await allFiles(dir), [REPORTER.name, REPORTER.phone, 'legacy'])).toEqual([]);

    const again = await testBackend(dir);
    await loginAdmin(again);
    expect((await call(again, 'cases.ledger', {})).total).toBe(1);
    await again.close();
  });

  it('opens the data only with a password; a wrong password cannot decrypt anything', async () => {
    const dir = tempDir();
    const backend = await testBackend(dir);
    await setUpOffice(backend);
    await call(backend, 'auth.logout', {});
    await expect(call(backend, 'auth.login', { name: ADMIN.name, password: 'Wrong#2026x' })).rejects.toThrow(/BAD_CREDENTIALS/);
    await expect(call(backend, 'cases.ledger', {})).rejects.toThrow(/NOT_LOGGED_IN/);
    await backend.close();
  });
});

describe('users, lockout and idle lock', () => {
  it('locks an account after 5 failures for 10 minutes (fake clock) and logs every attempt', async () => {
    let now = new Date('2026-11-25T09:00:00+08:00');
    const dir = tempDir();
    const backend = await testBackend(dir, () => now);
    await setUpOffice(backend);
    for (let i = 0; i < 4; i++) await expect(call(backend, 'auth.login', { name: 'admin', password: 'nope' })).rejects.toThrow(/BAD_CREDENTIALS/);
    await expect(call(backend, 'auth.login', { name: 'admin', password: 'nope' })).rejects.toThrow(/ACCOUNT_LOCKED: 连续输错密码 5 次/);
    await expect(call(backend, 'auth.login', ADMIN)).rejects.toThrow(/ACCOUNT_LOCKED.*10 分钟后/);
    now = new Date(now.getTime() + 9 * 60_000);
    await expect(call(backend, 'auth.login', ADMIN)).rejects.toThrow(/ACCOUNT_LOCKED.*1 分钟后/);
    now = new Date(now.getTime() + 61_000);
    await call(backend, 'auth.login', ADMIN);
    const failed = await call(backend, 'audit.query', { action: 'login.failed' });
    expect(failed.total).toBe(7);
    await backend.close();
  });

  it('locks the session after 10 idle minutes; activity keeps it open', async () => {
    let now = new Date('2026-11-25T09:00:00+08:00');
    const backend = await testBackend(tempDir(), () => now);
    await setUpOffice(backend);
    const events: unknown[] = [];
    backend.onEvent((name, payload) => events.push([name, payload]));
    now = new Date(now.getTime() + 9 * 60_000);
    await call(backend, 'auth.touch', {});
    now = new Date(now.getTime() + 9 * 60_000);
    await call(backend, 'cases.ledger', {});
    now = new Date(now.getTime() + 10 * 60_000);
    await expect(call(backend, 'cases.ledger', {})).rejects.toThrow(/LOCKED: 长时间未操作/);
    expect(events).toContainEqual(['auth.changed', { locked: true }]);
    expect(await call(backend, 'auth.status', {})).toMatchObject({ locked: true, lockedUserName: 'admin', user: null });
    await call(backend, 'auth.login', ADMIN);
    expect((await call(backend, 'cases.ledger', {})).total).toBe(0);
    await backend.close();
  });

  it('enforces the password policy, changes passwords and recovers with the recovery key', async () => {
    const dir = tempDir();
    const backend = await testBackend(dir);
    const { recoveryKey } = await call(backend, 'auth.setupAdmin', { name: 'boss', displayName: '李主任', password: 'Xinfang#2026', createRecoveryKey: true });
    expect(recoveryKey).toMatch(/^([A-Z2-9]{4}-){7}[A-Z2-9]{4}$/);
    await expect(call(backend, 'users.create', { name: 'clerk', displayName: '张登记', role: '信访登记员', password: 'short' })).rejects.toThrow(/至少需要 8 个字符/);
    await expect(call(backend, 'users.create', { name: 'clerk', displayName: '张登记', role: '信访登记员', password: 'alllowercase' })).rejects.toThrow(/至少 3 类/);
    await call(backend, 'users.create', { name: 'clerk', displayName: '张登记', role: '信访登记员', password: 'Clerk#2026a' });
    await call(backend, 'auth.login', { name: 'clerk', password: 'Clerk#2026a' });
    await expect(call(backend, 'auth.changePassword', { oldPassword: 'wrong', newPassword: 'Clerk#2027b' })).rejects.toThrow(/BAD_CREDENTIALS/);
    await call(backend, 'auth.changePassword', { oldPassword: 'Clerk#2026a', newPassword: 'Clerk#2027b' });
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { name: 'clerk', password: 'Clerk#2027b' });
    await expect(call(backend, 'auth.recover', { recoveryKey: 'AAAA-BBBB', name: 'boss', newPassword: 'New#Pass2026' })).rejects.toThrow(/恢复密钥不正确/);
    await call(backend, 'auth.recover', { recoveryKey: recoveryKey!.toLowerCase().replaceAll('-', ' '), name: 'boss', newPassword: 'New#Pass2026' });
    await call(backend, 'auth.login', { name: 'boss', password: 'New#Pass2026' });
    await backend.close();
  });

  it('a role without identity access can read cases but holds no identity key', async () => {
    const dir = tempDir();
    const backend = await testBackend(dir);
    await setUpOffice(backend);
    const created = await call(backend, 'cases.register', CASE);
    await call(backend, 'users.create', { name: 'leader', displayName: '刘书记', role: '审批领导', password: 'Leader#2026' });
    await call(backend, 'auth.login', { name: 'leader', password: 'Leader#2026' });
    expect((await call(backend, 'cases.get', { id: created.id })).reporter.persons[0]!.name).toBe('欧***');
    expect(backend.context.session.keys.identity).toBeNull();
    await expect(call(backend, 'cases.revealReporter', { id: created.id, reason: '看看' })).rejects.toThrow(/FORBIDDEN/);
    await backend.close();
  });
});

describe('audit log', () => {
  it('records logins, reveals, exports and setting changes in a verifiable chain', async () => {
    const dir = tempDir();
    const backend = await testBackend(dir);
    await setUpOffice(backend);
    const created = await call(backend, 'cases.register', CASE);
    await call(backend, 'cases.revealReporter', { id: created.id, reason: '核实' });
    await call(backend, 'cases.exportLedger', {});
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', ADMIN);
    const { entries } = await call(backend, 'audit.query', { pageSize: 100 });
    expect(entries.map((e) => e.action).reverse()).toEqual(['user.create', 'recovery.create', 'settings.change', 'reveal', 'export', 'logout', 'login']);
    expect(JSON.stringify(entries)).not.toContain(REPORTER.name);
    const head = backend.context.store.auditHead();
    expect(head?.seq).toBe(7);
    expect((await verifyAuditLog(dir, head ?? undefined)).ok).toBe(true);
    const csv = Buffer.from((await call(backend, 'audit.export', {})).base64, 'base64').toString('utf8');
    expect(csv.startsWith('\uFEFF序号,时间,用户,操作')).toBe(true);
    await backend.close();
  });
});
