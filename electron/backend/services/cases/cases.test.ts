import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CaseInputDraft } from '../../../../shared/domain/case.js';
import { call, loginAdmin, setUpOffice, testBackend } from '../../test-support/backend.js';
import { useTempDirs } from '../../test-support/tmp.js';
import { demoScanPdf } from '../../demo/generator.js';

const tempDir = useTempDirs();

const SAMPLE: CaseInputDraft = {
  receivedDate: '2026-11-20',
  channel: '来信',
  source: '上级转办',
  upperOffice: '恩施州纪委监委',
  upperRefNo: '恩纪转〔2026〕15号',
  kind: '检举控告',
  categories: ['违反群众纪律'],
  domains: ['惠民惠农资金'],
  region: '容美镇',
  summary: '反映容美镇屏山村党支部书记张三在危房改造补助发放中优亲厚友。',
  reporter: { realName: true, persons: [{ name: '李四', idNumber: '11010519491231002x', phone: '13812341234', address: '鹤峰县容美镇屏山村3组' }] },
  accused: [
    { type: 'person', name: '张三', unit: '容美镇屏山村', post: '党支部书记', rank: '农村党员干部' },
    { type: 'person', name: '王五', unit: '容美镇屏山村', post: '村委会主任' },
  ],
};

async function ready() {
  const dir = tempDir();
  const backend = await testBackend(dir);
  await setUpOffice(backend);
  return { dir, backend };
}

describe('registering cases', () => {
  it('numbers cases from the office pattern, per year, never reusing a number', async () => {
    const { dir, backend } = await ready();
    const a = await call(backend, 'cases.register', SAMPLE);
    const b = await call(backend, 'cases.register', { ...SAMPLE, receivedDate: '2025-12-30' });
    const c = await call(backend, 'cases.register', SAMPLE);
    expect([a.caseNo, b.caseNo, c.caseNo]).toEqual(['鹤纪信〔2026〕1号', '鹤纪信〔2025〕1号', '鹤纪信〔2026〕2号']);
    await backend.close();
    const again = await testBackend(dir);
    await loginAdmin(again);
    expect((await call(again, 'cases.register', SAMPLE)).caseNo).toBe('鹤纪信〔2026〕3号');
    await again.close();
  });

  it('keeps the reporter identity out of every answer except an explicit, recorded reveal', async () => {
    const { backend } = await ready();
    const created = await call(backend, 'cases.register', SAMPLE);
    expect(created.reporter.persons).toEqual([{ name: '李*', idNumber: '110***********002X', phone: '138****1234', address: '鹤峰县****' }]);
    const everything = JSON.stringify([created, await call(backend, 'cases.ledger', {}), await call(backend, 'cases.get', { id: created.id })]);
    expect(everything).not.toContain('13812341234');
    expect(everything).not.toContain('李四');
    await expect(call(backend, 'cases.revealReporter', { id: created.id, reason: '' })).rejects.toThrow(/INVALID_INPUT/);
    const persons = await call(backend, 'cases.revealReporter', { id: created.id, reason: '电话核实' });
    expect(persons[0]).toMatchObject({ name: '李四', phone: '13812341234', idNumber: '11010519491231002X' });
    const history = (await call(backend, 'cases.get', { id: created.id })).history;
    expect(history.at(-1)).toMatchObject({ action: 'reveal', summary: '查看检举控告人身份信息（事由：电话核实）' });
    await backend.close();
  });

  it.each<[string, Partial<CaseInputDraft>, RegExp]>([
    ['a real-name reporter without contact', { reporter: { realName: true, persons: [{ name: '李四' }] } }, /须留有联系电话或住址/],
    ['a real-name report without reporter', { reporter: { realName: true, persons: [] } }, /实名举报须填写检举控告人/],
    ['a bad ID checksum', { reporter: { realName: true, persons: [{ name: '李四', phone: '13812341234', idNumber: '110105194912310021' }] } }, /校验位/],
    ['a date in the future', { receivedDate: '2026-11-26' }, /收件日期不能晚于今天/],
    ['a forwarded item without reference number', { upperRefNo: '' }, /上级文号/],
    ['an accusation without accused', { accused: [] }, /至少填写一个被反映人/],
    ['a bad phone number', { reporter: { realName: false, persons: [{ name: '某', phone: '12' }] } }, /格式不正确/],
    ['an unknown channel', { channel: '飞鸽传书' as never }, /channel/],
    ['a short summary', { summary: '有问题' }, /至少 5 个字/],
  ])('refuses %s with a Chinese message and writes nothing', async (_label, patch, message) => {
    const { backend } = await ready();
    await expect(call(backend, 'cases.register', { ...SAMPLE, ...patch })).rejects.toThrow(message);
    expect(backend.context.store.cases.size).toBe(0);
    await backend.close();
  });
});

describe('editing cases', () => {
  it('records the previous values in the history and keeps the identity unless it is changed', async () => {
    const { backend } = await ready();
    const created = await call(backend, 'cases.register', SAMPLE);
    const { reporter: _r, ...rest } = SAMPLE;
    const edited = await call(backend, 'cases.update', { id: created.id, expectedUpdatedAt: created.updatedAt, changes: { ...rest, region: '走马镇', categories: ['违反群众纪律', '贪污贿赂'] } });
    expect(edited.history.at(-1)).toMatchObject({
      action: 'edit',
      changes: [
        { field: '问题类别', before: '违反群众纪律', after: '违反群众纪律、贪污贿赂' },
        { field: '所属区域', before: '容美镇', after: '走马镇' },
      ],
    });
    expect(edited.reporter.persons[0]!.phone).toBe('138****1234');
    const withNewPhone = await call(backend, 'cases.update', {
      id: created.id,
      expectedUpdatedAt: edited.updatedAt,
      changes: { ...rest, region: '走马镇', categories: ['违反群众纪律', '贪污贿赂'], reporter: { realName: true, persons: [{ name: '李四', phone: '13900001111' }] } },
    });
    expect(withNewPhone.history.at(-1)!.changes).toEqual([{ field: '检举控告人信息', before: '（保密）', after: '（保密，已修改）' }]);
    await backend.close();
  });

  it('refuses a stale edit and leaves the case as it was', async () => {
    const { backend } = await ready();
    const created = await call(backend, 'cases.register', SAMPLE);
    await expect(call(backend, 'cases.update', { id: created.id, expectedUpdatedAt: '2000-01-01T00:00:00.000Z', changes: { ...SAMPLE, region: 'X' } })).rejects.toThrow(/CONFLICT/);
    await expect(call(backend, 'cases.update', { id: created.id, expectedUpdatedAt: created.updatedAt, changes: { ...SAMPLE, receivedDate: '2030-01-01' } })).rejects.toThrow(/晚于今天/);
    expect(await call(backend, 'cases.get', { id: created.id })).toEqual(created);
    await backend.close();
  });
});

describe('ledger', () => {
  it('filters, searches by text and pinyin initials, sorts naturally and pages', async () => {
    const { backend } = await ready();
    for (let i = 0; i < 12; i++) await call(backend, 'cases.register', { ...SAMPLE, receivedDate: `2026-0${1 + (i % 9)}-1${i % 10}` });
    await call(backend, 'cases.register', { ...SAMPLE, source: '本级受理', upperOffice: '', upperRefNo: '', accused: [{ type: 'person', name: '欧阳明', unit: '县教育局', post: '局长' }], summary: '反映县教育局局长欧阳明违规收受礼金。' });
    const q = (input: object) => call(backend, 'cases.ledger', input);
    expect((await q({})).total).toBe(13);
    expect((await q({ search: 'oym' })).total).toBe(1);
    expect((await q({ search: 'zs' })).total).toBe(12);
    expect((await q({ search: '教育局 礼金' })).total).toBe(1);
    expect((await q({ sources: ['本级受理'] })).total).toBe(1);
    expect((await q({ from: '2026-09-01', to: '2026-09-30' })).total).toBe(1);
    expect((await q({ sortBy: 'caseNo', order: 'asc', pageSize: 10 })).rows.map((r) => r.caseNo).slice(8, 10)).toEqual(['鹤纪信〔2026〕9号', '鹤纪信〔2026〕10号']);
    expect((await q({ page: 2, pageSize: 10 })).rows).toHaveLength(3);
    // Latin letters match whatever their case.
    await call(backend, 'cases.register', { ...SAMPLE, summary: '反映某村干部多次在KTV接受宴请。' });
    expect((await q({ search: 'ktv' })).total).toBe(1);
    expect((await q({ search: 'Ktv 宴请' })).total).toBe(1);
    await backend.close();
  });

  it('exports the current view to an Excel sheet with Chinese headers and no reporter names', async () => {
    const { backend } = await ready();
    await call(backend, 'cases.register', SAMPLE);
    await call(backend, 'cases.register', { ...SAMPLE, summary: '另一件：反映村会计挪用集体资金。' });
    const file = await call(backend, 'cases.exportLedger', { search: '挪用' });
    expect(file).toMatchObject({ count: 1, fileName: '信访举报件台账_2026-11-25.xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const sheet = book.getWorksheet('信访举报件台账')!;
    expect(sheet.getRow(1).values).toContain('被反映人');
    expect(sheet.rowCount).toBe(2);
    expect(JSON.stringify(sheet.getRow(2).values)).toContain('挪用');
    expect(JSON.stringify(sheet.getRow(2).values)).not.toContain('李四');
    await backend.close();
  });
});

describe('attachments', () => {
  it('stores files by content hash, checks type and size, and reads them back', async () => {
    const { backend } = await ready();
    const pdf = demoScanPdf('t');
    const meta = await call(backend, 'attachments.upload', { name: '来信.pdf', base64: pdf.toString('base64') });
    expect(meta).toMatchObject({ mime: 'application/pdf', size: pdf.length });
    const created = await call(backend, 'cases.register', { ...SAMPLE, attachments: [meta] });
    const back = await call(backend, 'attachments.read', { caseId: created.id, attachmentId: meta.id });
    expect(Buffer.from(back.base64, 'base64').equals(pdf)).toBe(true);
    await expect(call(backend, 'attachments.upload', { name: 'x.exe', base64: pdf.toString('base64') })).rejects.toThrow(/UNSUPPORTED_TYPE.*只接受/);
    await expect(call(backend, 'attachments.upload', { name: 'x.png', base64: pdf.toString('base64') })).rejects.toThrow(/扩展名与内容不符/);
    await expect(call(backend, 'attachments.upload', { name: 'x.pdf', base64: '' })).rejects.toThrow(/空文件/);
    const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(20 * 1024 * 1024)]);
    await expect(call(backend, 'attachments.upload', { name: 'big.pdf', base64: big.toString('base64') })).rejects.toThrow(/TOO_LARGE/);
    await expect(call(backend, 'cases.register', { ...SAMPLE, attachments: [{ ...meta, id: 'other', sha256: 'a'.repeat(64) }] })).rejects.toThrow(/尚未上传/);
    await backend.close();
  });
});
