import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../backend.js';
import { sealEnvelope } from '../../exchange/envelope.js';
import { encryptedCodec, subKey } from '../../security/codec.js';
import { Store } from '../../store/store.js';
import { call, loginAdmin, testBackend } from '../../test-support/backend.js';
import { REAL_NAME_CASE, REPORTER } from '../../test-support/documents.js';
import { CITY_OFFICE, COUNTY_OFFICE, officeId, openOffice, PASSPHRASE, snapshot, trust } from '../../test-support/exchange.js';
import { useTempDirs } from '../../test-support/tmp.js';
import { seedDemoCases } from '../demo.js';
import { importBundle } from './import.js';

const tempDir = useTempDirs();

/** A city office and a county office that have swapped key files. */
async function twoOffices() {
  const city = await openOffice(tempDir(), CITY_OFFICE);
  const county = await openOffice(tempDir(), COUNTY_OFFICE);
  await trust(city, county);
  await trust(county, city);
  return { city, county, countyId: await officeId(county), cityId: await officeId(city) };
}

async function register(backend: Backend, summary = REAL_NAME_CASE.summary) {
  return call(backend, 'cases.register', { ...REAL_NAME_CASE, summary });
}

async function refused(backend: Backend, base64: string, pattern: RegExp, passphrase?: string) {
  const before = snapshot(backend);
  await expect(call(backend, 'exchange.import', { base64, passphrase })).rejects.toThrow(pattern);
  expect(snapshot(backend)).toBe(before);
}

describe('交换包 between two offices', () => {
  it('round trip: 交办 down without the reporter, 报结 back as an update, receipts both ways', async () => {
    const { city, county, countyId, cityId } = await twoOffices();
    const a = await register(city);
    const b = await register(city, '反映某局干部违规收受礼金，要求核查处理并反馈结果。');
    const sent = await call(city, 'exchange.export', { caseIds: [a.id, b.id], recipientId: countyId, passphrase: PASSPHRASE });
    expect(sent).toMatchObject({ seq: 1, caseCount: 2 });
    expect(Buffer.from(sent.base64, 'base64').toString('latin1')).not.toContain('赵某某');

    const preview = await call(county, 'exchange.preview', { base64: sent.base64 });
    expect(preview.counts).toEqual({ new: 2, updated: 0, unchanged: 0, conflict: 0 });
    expect(preview.sender.name).toBe(CITY_OFFICE.fullName);
    expect(preview.includesIdentity).toBe(false);
    const imported = await call(county, 'exchange.import', { base64: sent.base64 });
    expect(imported.counts).toEqual({ new: 2, updated: 0, unchanged: 0, conflict: 0 });

    const local = await call(county, 'cases.get', { id: a.id });
    expect(local.caseNo).toBe('鹤纪信〔2026〕1号');
    expect(local.history.at(-1)?.summary).toContain(`来源编号 ${a.caseNo}`);
    expect(local.accused[0]?.name).toBe('赵某某');
    // The identity stayed at the city: the county knows only that the report is 实名.
    expect(local.reporter.realName).toBe(true);
    expect(await call(county, 'cases.revealReporter', { id: a.id, reason: '核实' })).toEqual([]);

    const statusBefore = await call(city, 'exchange.status', {});
    expect(statusBefore.sent[0]).toMatchObject({ seq: 1, recipientId: countyId, acknowledgedAt: null });
    const ack = await call(city, 'exchange.import', { base64: imported.receipt!.base64 });
    expect(ack.kind).toBe('receipt');
    const statusAfter = await call(city, 'exchange.status', {});
    expect(statusAfter.sent[0]).toMatchObject({ seq: 1, receipt: { new: 2 } });
    expect(statusAfter.sent[0]!.acknowledgedAt).not.toBeNull();

    // The county works on one case and reports back.
    const current = await call(county, 'cases.get', { id: a.id });
    const { id, caseNo: _n, status: _s, createdAt: _c, updatedAt, history: _h, reporter: _r, stage: _st, allowedSteps: _al, alert: _alert, steps: _steps, deadlines: _d, fulfilments: _f, repeatOf: _rep, letters: _l, documents: _doc, ...fields } = current;
    await call(county, 'cases.update', { id, expectedUpdatedAt: updatedAt, changes: { ...fields, region: '走马镇' } });
    const back = await call(county, 'exchange.export', { caseIds: [a.id, b.id], recipientId: cityId, passphrase: PASSPHRASE });
    const merged = await call(city, 'exchange.import', { base64: back.base64 });
    expect(merged.counts).toEqual({ new: 0, updated: 1, unchanged: 1, conflict: 0 });
    const cityCase = await call(city, 'cases.get', { id: a.id });
    expect(cityCase.caseNo).toBe(a.caseNo);
    expect(cityCase.region).toBe('走马镇');
    // The city still holds the identity it never sent.
    expect((await call(city, 'cases.revealReporter', { id: a.id, reason: '核实' }))[0]?.name).toBe(REPORTER.name);
  });

  it('importing the same bundle twice changes nothing; the same cases sent again are all unchanged', async () => {
    const { city, county, countyId } = await twoOffices();
    const a = await register(city);
    const first = await call(city, 'exchange.export', { caseIds: [a.id], recipientId: countyId });
    await call(county, 'exchange.import', { base64: first.base64 });
    await refused(county, first.base64, /CONFLICT: .*已于 .* 导入过，本次未作任何更改/);
    const again = await call(city, 'exchange.export', { caseIds: [a.id], recipientId: countyId });
    const before = JSON.stringify([...county.context.store.cases.values()]);
    expect((await call(county, 'exchange.import', { base64: again.base64 })).counts).toEqual({ new: 0, updated: 0, unchanged: 1, conflict: 0 });
    expect(JSON.stringify([...county.context.store.cases.values()])).toBe(before);
  });

  it('a change on both sides is a conflict: both versions are kept until a user chooses', async () => {
    const { city, county, countyId, cityId } = await twoOffices();
    const a = await register(city);
    await call(county, 'exchange.import', { base64: (await call(city, 'exchange.export', { caseIds: [a.id], recipientId: countyId })).base64 });
    const edit = async (backend: Backend, region: string) => {
      const c = await call(backend, 'cases.get', { id: a.id });
      const { receivedDate, channel, source, upperOffice, upperRefNo, kind, categories, domains, summary, accused, attachments } = c;
      await call(backend, 'cases.update', { id: a.id, expectedUpdatedAt: c.updatedAt, changes: { receivedDate, channel, source, upperOffice, upperRefNo, kind, categories, domains, summary, accused, attachments, region } });
    };
    await edit(county, '走马镇');
    await edit(city, '容美镇');
    const result = await call(city, 'exchange.import', { base64: (await call(county, 'exchange.export', { caseIds: [a.id], recipientId: cityId })).base64 });
    expect(result.counts.conflict).toBe(1);
    expect((await call(city, 'cases.get', { id: a.id })).region).toBe('容美镇');
    const conflicts = await call(city, 'exchange.conflicts', {});
    expect(conflicts[0]?.differences).toContainEqual({ field: '所属区域', before: '容美镇', after: '走马镇' });
    expect(await call(city, 'exchange.resolve', { caseId: a.id, keep: 'incoming' })).toEqual({ remaining: 0 });
    const settled = await call(city, 'cases.get', { id: a.id });
    expect(settled.region).toBe('走马镇');
    expect(settled.history.at(-1)?.summary).toContain('交换冲突处理：采用');
  });

  it('includes the reporter identity only by a reasoned choice, re-sealed for the receiving office', async () => {
    const { city, county, countyId } = await twoOffices();
    const a = await register(city);
    await expect(call(city, 'exchange.export', { caseIds: [a.id], recipientId: countyId, includeIdentity: true })).rejects.toThrow(/说明理由/);
    const sent = await call(city, 'exchange.export', { caseIds: [a.id], recipientId: countyId, includeIdentity: true, identityReason: '交办须直接联系实名举报人' });
    await call(county, 'exchange.import', { base64: sent.base64 });
    expect((await call(county, 'cases.revealReporter', { id: a.id, reason: '联系举报人' }))[0]).toMatchObject({ name: REPORTER.name, phone: REPORTER.phone });
    const audit = await call(city, 'audit.query', {});
    expect(JSON.stringify(audit.entries)).toContain('含检举控告人身份，事由：交办须直接联系实名举报人');
  });
});

describe('refusals leave the store unchanged', () => {
  it('a flipped byte anywhere in the file', async () => {
    const { city, county, countyId } = await twoOffices();
    const a = await register(city);
    const bytes = Buffer.from((await call(city, 'exchange.export', { caseIds: [a.id], recipientId: countyId })).base64, 'base64');
    const positions = [0, 3, 5, 9, 40, 200, ...Array.from({ length: 12 }, (_, i) => Math.floor(((i + 1) * bytes.length) / 13)), bytes.length - 70, bytes.length - 1];
    for (const at of positions) {
      const flipped = Buffer.from(bytes);
      flipped[at] = flipped[at]! ^ 0x01;
      await refused(county, flipped.toString('base64'), /INVALID_INPUT|FORBIDDEN/);
    }
    expect((await call(county, 'exchange.import', { base64: bytes.toString('base64') })).counts.new).toBe(1);
  });

  it('a wrong passphrase', async () => {
    const { city, county, countyId } = await twoOffices();
    const a = await register(city);
    const sent = await call(city, 'exchange.export', { caseIds: [a.id], recipientId: countyId, passphrase: PASSPHRASE, encryptToRecipient: false });
    await refused(county, sent.base64, /BAD_CREDENTIALS: 该交换包以口令加密，请输入交换口令/);
    await refused(county, sent.base64, /BAD_CREDENTIALS: 交换口令不正确/, 'not-the-passphrase');
    expect((await call(county, 'exchange.import', { base64: sent.base64, passphrase: PASSPHRASE })).counts.new).toBe(1);
  });

  it('an untrusted sender, and a bundle meant for another office', async () => {
    const { city, county, countyId } = await twoOffices();
    const township = await openOffice(tempDir(), { ...COUNTY_OFFICE, fullName: '中共走马镇纪律检查委员会', shortName: '走马镇纪委', issuerMark: '中共走马镇纪律检查委员会', docCode: '走纪' });
    await trust(township, county);
    await trust(city, township);
    const c = await register(township);
    await refused(county, (await call(township, 'exchange.export', { caseIds: [c.id], recipientId: countyId })).base64, /FORBIDDEN: 发送机关“中共走马镇纪律检查委员会”不在本机的可信机关中/);
    const a = await register(city);
    const toTownship = await call(city, 'exchange.export', { caseIds: [a.id], recipientId: await officeId(township), passphrase: PASSPHRASE });
    await refused(county, toTownship.base64, /FORBIDDEN: 该交换包是发给“中共走马镇纪律检查委员会”的，不是本机关/, PASSPHRASE);
    const audit = await call(county, 'audit.query', {});
    expect(audit.entries.filter((e) => e.action === 'import' && e.outcome === 'denied')).toHaveLength(2);
  });

  it('a zip-slip entry name and an oversized entry, even when properly signed', async () => {
    const { city, county, countyId } = await twoOffices();
    const identity = city.context.store.exchange().identity!;
    const countyKey = county.context.store.exchange().identity!.agreement.publicKey;
    const entry = (name: string, bytes: Buffer) => {
      const head = Buffer.alloc(2 + Buffer.byteLength(name) + 4);
      head.writeUInt16BE(Buffer.byteLength(name));
      head.write(name, 2);
      head.writeUInt32BE(bytes.length, 2 + Buffer.byteLength(name));
      return Buffer.concat([head, bytes]);
    };
    const forged = (seq: number, inner: Buffer) =>
      sealEnvelope(gzipSync(inner), {
        header: { kind: 'cases', bundleId: `00000000-0000-4000-8000-00000000000${seq}`, sender: { officeId: identity.officeId, name: CITY_OFFICE.fullName, signingKey: identity.signing.publicKey, agreementKey: identity.agreement.publicKey }, recipient: { officeId: countyId, name: '' }, seq: 100 + seq, createdAt: new Date().toISOString() },
        identity,
        recipientAgreementKey: countyKey,
      });
    const outside = path.join(path.dirname(county.context.dataDir), 'evil.txt');
    const slip = await forged(1, entry('../../evil.txt', Buffer.from('pwned')));
    await refused(county, slip.toString('base64'), /INVALID_INPUT: 交换包中含有不允许的文件名/);
    expect(existsSync(outside)).toBe(false);
    const absolute = await forged(2, entry('/tmp/evil.txt', Buffer.from('pwned')));
    await refused(county, absolute.toString('base64'), /不允许的文件名/);

    // A bomb: 64 MiB of zeros that pack into a few kilobytes, declared as one attachment.
    const bomb = await forged(3, entry(`attachments/${'0'.repeat(64)}`, Buffer.alloc(64 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(200_000);
    const before = snapshot(county);
    await expect(importBundle(county.context, bomb, undefined, { maxEntryBytes: 1024 * 1024, maxTotalBytes: 8 * 1024 * 1024, maxEntries: 100 })).rejects.toThrow(/超过允许的大小/);
    const oversized = await forged(4, entry(`attachments/${'0'.repeat(64)}`, Buffer.alloc(2 * 1024 * 1024)));
    await expect(importBundle(county.context, oversized, undefined, { maxEntryBytes: 1024 * 1024, maxTotalBytes: 8 * 1024 * 1024, maxEntries: 100 })).rejects.toThrow(/超过允许的大小/);
    expect(snapshot(county)).toBe(before);
  });
});

describe('an interrupted import', () => {
  it('rolls back in the running app, and a process killed midway leaves a loadable, unchanged store', async () => {
    const { city, county, countyId } = await twoOffices();
    await seedDemoCases(city.context, 700, 7);
    await register(county);
    const sent = await call(city, 'exchange.export', { all: true, recipientId: countyId });
    const before = snapshot(county);
    const killedCopy = tempDir('xinfang-killed-');
    const cases = county.context.store.cases;
    const put = cases.put.bind(cases);
    cases.put = async (...records) => {
      // The first shard reaches the disk, then the process "dies": a copy of the disk at that instant is kept.
      await put(...records.slice(0, 499));
      cpSync(county.context.dataDir, killedCopy, { recursive: true });
      throw new Error('injected failure between shard writes');
    };
    await expect(call(county, 'exchange.import', { base64: sent.base64 })).rejects.toThrow(/INTERNAL/);
    cases.put = put;
    expect(snapshot(county)).toBe(before);
    expect(readdirSync(path.join(killedCopy, 'store'))).toContain('journal');

    const keys = county.context.session.keys;
    const reopen = (dir: string) => Store.open(dir, { codec: encryptedCodec(subKey(keys.data, 'files')), attachmentKeys: { fileKey: subKey(keys.data, 'files'), nameKey: subKey(keys.data, 'names') } });
    const killed = await reopen(killedCopy);
    expect(killed.recoveries.map((r) => r.reason)).toContain('上次导入或恢复未完成，已全部撤销');
    expect(snapshot(killed)).toBe(before);
    expect(readdirSync(path.join(killedCopy, 'store')).filter((n) => n.startsWith('journal'))).toEqual([]);

    // The bundle was never recorded as imported, so it can be imported now.
    expect((await call(county, 'exchange.import', { base64: sent.base64 })).counts.new).toBe(700);
    expect(county.context.store.cases.size).toBe(701);
  });
});

describe('backup and restore', () => {
  it('restores a whole office into an empty installation, with identities, numbers and exchange keys', async () => {
    const { city, countyId } = await twoOffices();
    const a = await register(city);
    await call(city, 'exchange.export', { caseIds: [a.id], recipientId: countyId });
    await call(city, 'householdVisits.record', { rows: [{ date: '2026-11-20', place: '走马镇白果村', visitors: '李芳', peopleMet: '村民 3 人', households: 3, leads: 1, leadsNote: '反映低保评定不公', problemsSolved: 1, solvedNote: '当场解释政策' }] });
    expect((await call(city, 'exchange.status', {})).backup.due).toBe(true);
    const backup = await call(city, 'exchange.backup', { passphrase: PASSPHRASE });
    expect((await call(city, 'exchange.status', {})).backup.due).toBe(false);

    const used = await openOffice(tempDir(), CITY_OFFICE);
    await expect(call(used, 'exchange.restore', { base64: backup.base64, passphrase: PASSPHRASE })).rejects.toThrow(/只能恢复到空白的安装中/);
    const empty = await testBackend(tempDir());
    await loginAdmin(empty);
    await expect(call(empty, 'exchange.restore', { base64: backup.base64, passphrase: 'wrong-passphrase' })).rejects.toThrow(/BAD_CREDENTIALS/);
    expect(await call(empty, 'exchange.restore', { base64: backup.base64, passphrase: PASSPHRASE })).toEqual({ cases: 1 });
    const restored = await call(empty, 'cases.get', { id: a.id });
    expect(restored.caseNo).toBe(a.caseNo);
    expect((await call(empty, 'householdVisits.list', {})).totals).toMatchObject({ visits: 1, households: 3 });
    expect((await call(empty, 'cases.revealReporter', { id: a.id, reason: '核实' }))[0]?.name).toBe(REPORTER.name);
    const [was, now] = await Promise.all([call(city, 'exchange.status', {}), call(empty, 'exchange.status', {})]);
    expect(now.office).toEqual(was.office);
    expect(now.sent).toEqual(was.sent);
    expect((await call(empty, 'cases.register', REAL_NAME_CASE)).caseNo).toBe('恩纪信〔2026〕2号');
  });
});
