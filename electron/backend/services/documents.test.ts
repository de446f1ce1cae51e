import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORTER_NAME } from '../../../shared/documents/model.js';
import { runCli } from '../cli/cli.js';
import { call, setUpOffice, testBackend, ADMIN } from '../test-support/backend.js';
import { REAL_NAME_CASE, REPORTER } from '../test-support/documents.js';
import { useTempDirs } from '../test-support/tmp.js';
import type { Backend } from '../backend.js';

const tempDir = useTempDirs();
const CLARIFY = { addressee: '中共走马镇委员会', allegations: '反映其优亲厚友的问题，经核实，不属实' };

async function office(dir = tempDir()) {
  const backend = await testBackend(dir);
  await setUpOffice(backend);
  const detail = await call(backend, 'cases.register', REAL_NAME_CASE);
  return { backend, detail, dir };
}

async function issue(backend: Backend, caseId: string, type: 'clarification' | 'acceptance-notice' | 'slip', fields: Record<string, string> = {}) {
  const { draft } = await call(backend, 'documents.draft', { caseId, type, fields });
  const current = await call(backend, 'cases.get', { id: caseId });
  return call(backend, 'documents.issue', { caseId, expectedUpdatedAt: current.updatedAt, draft });
}

async function docxText(backend: Backend, caseId: string, documentId: string): Promise<string> {
  const { base64 } = await call(backend, 'documents.download', { caseId, documentId });
  const bytes = Buffer.from(base64, 'base64');
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const { default: JSZip } = await import('jszip');
  return (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
}

describe('documents', () => {
  it('numbers documents per 代字 and year without gaps, keeps them with the case and records voiding', async () => {
    const { backend, detail } = await office();
    const first = await issue(backend, detail.id, 'clarification', CLARIFY);
    const second = await issue(backend, detail.id, 'clarification', CLARIFY);
    expect([first.docNo, second.docNo]).toEqual(['鹤纪澄〔2026〕1号', '鹤纪澄〔2026〕2号']);
    expect(second.detail.documents.map((d) => d.docNo)).toEqual([first.docNo, second.docNo]);
    expect(second.detail.history.at(-1)?.summary).toContain('出具澄清函（鹤纪澄〔2026〕2号）');

    const voided = await call(backend, 'documents.void', { caseId: detail.id, documentId: first.documentId, expectedUpdatedAt: second.detail.updatedAt, reason: '主送机关写错' });
    expect(voided.documents[0]!.voided?.reason).toBe('主送机关写错');
    const third = await issue(backend, detail.id, 'clarification', CLARIFY);
    expect(third.docNo).toBe('鹤纪澄〔2026〕3号');
    const registry = await call(backend, 'documents.registry', { year: 2026 });
    expect(registry.map((e) => [e.docNo, e.status])).toEqual([
      ['鹤纪澄〔2026〕1号', 'voided'],
      ['鹤纪澄〔2026〕2号', 'issued'],
      ['鹤纪澄〔2026〕3号', 'issued'],
    ]);
    await expect(call(backend, 'documents.void', { caseId: detail.id, documentId: first.documentId, expectedUpdatedAt: third.detail.updatedAt, reason: '再次作废' })).rejects.toThrow('已作废');
    // An internal 阅办卡 takes no number.
    expect((await issue(backend, detail.id, 'slip')).docNo).toBe('');
    await backend.close();
  });

  it('refuses to issue while blanks remain, and a document naming the reporter where it must not', async () => {
    const { backend, detail } = await office();
    await expect(issue(backend, detail.id, 'clarification')).rejects.toThrow('未填写的内容');
    const { draft } = await call(backend, 'documents.draft', { caseId: detail.id, type: 'clarification', fields: CLARIFY });
    const leaking = { ...draft, body: [...draft.body, { text: `经向举报人${REPORTER.name}核实……`, level: 0 as const }] };
    await expect(call(backend, 'documents.issue', { caseId: detail.id, expectedUpdatedAt: detail.updatedAt, draft: leaking })).rejects.toThrow('检举控告人的姓名');
    expect(await call(backend, 'documents.registry', {})).toEqual([]);
    await backend.close();
  });

  it('fills the reporter into a notice only when issued; the draft and the kept model carry the placeholder', async () => {
    const { backend, detail } = await office();
    const drafted = await call(backend, 'documents.draft', { caseId: detail.id, type: 'acceptance-notice', fields: {} });
    expect(JSON.stringify(drafted)).not.toContain(REPORTER.name);
    expect(drafted.draft.addressee).toContain(REPORTER_NAME);
    const { draft } = drafted;
    const issued = await call(backend, 'documents.issue', {
      caseId: detail.id,
      expectedUpdatedAt: detail.updatedAt,
      draft: { ...draft, envelope: draft.envelope && { ...draft.envelope, returnAddress: '鹤峰县邮政信箱18号' } },
    });
    expect(JSON.stringify(issued.detail)).not.toContain(REPORTER.name);
    const xml = await docxText(backend, detail.id, issued.documentId);
    expect(xml).toContain(REPORTER.name);
    expect(xml).toContain(REPORTER.address);
    expect(xml).not.toContain('【检举控告人');
    await backend.close();
  });

  it('the 查阅 role cannot open a notice that names the reporter', async () => {
    const { backend, detail } = await office();
    const { draft } = await call(backend, 'documents.draft', { caseId: detail.id, type: 'acceptance-notice', fields: {} });
    const issued = await call(backend, 'documents.issue', { caseId: detail.id, expectedUpdatedAt: detail.updatedAt, draft: { ...draft, envelope: null } });
    await call(backend, 'users.create', { name: 'reader', displayName: '李查阅', role: '查阅', password: 'Reader#2026pw' });
    await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { name: 'reader', password: 'Reader#2026pw' });
    await expect(call(backend, 'documents.download', { caseId: detail.id, documentId: issued.documentId })).rejects.toThrow('FORBIDDEN');
    await backend.close();
  });

  it('CLI: letter writes the issued .docx; --fields supplies what the case lacks', async () => {
    const { backend, detail, dir } = await office();
    await backend.close();
    const fields = path.join(dir, 'fields.json');
    await fsp.writeFile(fields, JSON.stringify({ addressee: CLARIFY.addressee, allegations: [CLARIFY.allegations] }));
    const out = path.join(dir, 'letter.docx');
    const lines: string[] = [];
    const errors: string[] = [];
    process.env.XINFANG_PASSWORD = ADMIN.password;
    try {
      const code = await runCli(['letter', '--data', dir, '--user', ADMIN.name, '--case', detail.id, '--type', 'clarification', '--out', out, '--fields', fields], { out: (t) => lines.push(t), err: (t) => errors.push(t) });
      expect(errors.join('')).toBe('');
      expect(code).toBe(0);
      expect(lines.join('')).toContain('鹤纪澄〔2026〕1号');
      expect((await fsp.readFile(out)).subarray(0, 2).toString('latin1')).toBe('PK');
      const bad = await runCli(['letter', '--data', dir, '--user', ADMIN.name, '--case', detail.id, '--type', 'memo', '--out', out], { out: () => undefined, err: (t) => errors.push(t) });
      expect(bad).toBe(2);
      expect(errors.join('')).toContain('未知文书类型');
    } finally {
      delete process.env.XINFANG_PASSWORD;
    }
  });
});
