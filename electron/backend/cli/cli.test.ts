import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, setUpOffice, testBackend } from '../test-support/backend.js';
import { useTempDirs } from '../test-support/tmp.js';
import { runCli } from './cli.js';

const tempDir = useTempDirs();
process.env.XINFANG_PASSWORD = ADMIN.password;
const AS_ADMIN = ['--user', ADMIN.name];

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('cli', () => {
  it('prints help with exit 0 and refuses unknown commands and options', async () => {
    expect((await run(['--help'])).out).toContain('verify --data DIR');
    expect((await run(['--help'])).code).toBe(0);
    expect(await run(['frobnicate'])).toMatchObject({ code: 2, err: expect.stringContaining('未知命令') });
    expect(await run(['verify', '--bogus'])).toMatchObject({ code: 2, err: expect.stringContaining('未知选项') });
    expect((await run(['verify', '--data'])).code).toBe(2);
  });

  it('verify passes on a sound store and names the damaged file otherwise, with and without a user', async () => {
    const dir = tempDir();
    const backend = await testBackend(dir);
    await setUpOffice(backend);
    await setUpOffice(backend).catch(() => undefined);
    await backend.close();
    const sound = await run(['verify', '--data', dir]);
    expect(sound.code).toBe(0);
    expect(sound.out).toContain('完好');
    expect(sound.out).toMatch(/正常\s+audit\/audit-2026\.jsonl/);
    expect((await run(['verify', '--data', dir, ...AS_ADMIN])).code).toBe(0);
    await fsp.writeFile(path.join(dir, 'store', 'settings.json'), '{"schemaVersion":1,"office":{"fullName":1}}');
    const broken = await run(['verify', '--data', dir]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/损坏\s+settings\.json\s+—— 文件未加密或已损坏/);
    const file = path.join(dir, 'store', 'meta.json');
    const bytes = await fsp.readFile(file);
    bytes[bytes.length - 1]! ^= 1;
    await fsp.writeFile(file, bytes);
    const tampered = await run(['verify', '--data', dir, ...AS_ADMIN]);
    expect(tampered.code).toBe(1);
    expect(tampered.err).toMatch(/损坏\s+meta\.json\s+—— 解密失败/);
  });

  it('verify fails on a directory that holds no store', async () => {
    const result = await run(['verify', '--data', tempDir()]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('没有 store');
  });
});

describe('cli cases and demo data', () => {
  const office = async (dir: string) => {
    const backend = await testBackend(dir);
    await setUpOffice(backend);
    await backend.close();
  };
  const json = {
    receivedDate: '2026-11-20',
    channel: '来电',
    source: '本级受理',
    kind: '检举控告',
    summary: '反映走马镇财政所所长违规发放津补贴。',
    reporter: { realName: false, persons: [] },
    accused: [{ type: 'person', name: '赵六', unit: '走马镇财政所', post: '所长' }],
  };

  it('adds a case from JSON, lists and shows it; bad JSON or fields write nothing', async () => {
    const dir = tempDir();
    await office(dir);
    const file = path.join(dir, 'case.json');
    await fsp.writeFile(file, JSON.stringify(json));
    expect(await run(['case', 'add', '--data', dir, '--json', file])).toMatchObject({ code: 2, err: expect.stringContaining('--user') });
    const added = await run(['case', 'add', '--data', dir, ...AS_ADMIN, '--json', file]);
    expect(added.code).toBe(0);
    const id = added.out.trim();
    const list = JSON.parse((await run(['case', 'list', '--data', dir, ...AS_ADMIN, '--json'])).out) as { id: string }[];
    expect(list.map((c) => c.id)).toEqual([id]);
    const shown = await run(['case', 'show', '--data', dir, ...AS_ADMIN, '--id', id, '--json']);
    expect(JSON.parse(shown.out)).toMatchObject({ id, caseNo: '鹤纪信〔2026〕1号' });

    await fsp.writeFile(file, '{"receivedDate": ');
    expect(await run(['case', 'add', '--data', dir, ...AS_ADMIN, '--json', file])).toMatchObject({ code: 1, err: expect.stringContaining('无法读取 JSON') });
    await fsp.writeFile(file, JSON.stringify({ ...json, channel: '飞鸽', receivedDate: '2099-01-01' }));
    expect(await run(['case', 'add', '--data', dir, ...AS_ADMIN, '--json', file])).toMatchObject({ code: 1, err: expect.stringContaining('channel') });
    await fsp.writeFile(file, JSON.stringify({ ...json, receivedDate: '2099-01-01' }));
    expect(await run(['case', 'add', '--data', dir, ...AS_ADMIN, '--json', file])).toMatchObject({ code: 1, err: expect.stringContaining('收件日期不能晚于今天') });
    expect(JSON.parse((await run(['case', 'list', '--data', dir, ...AS_ADMIN, '--json'])).out)).toHaveLength(1);
    expect((await run(['case', 'show', '--data', dir, ...AS_ADMIN, '--id', 'nope'])).code).toBe(1);
    expect((await run(['case', 'remove', '--data', dir])).code).toBe(2);
    const repeats = await run(['repeats', '--data', dir, ...AS_ADMIN, '--case', id, '--json']);
    expect(repeats.code).toBe(0);
    expect(JSON.parse(repeats.out)).toEqual([]);
    expect((await run(['repeats', '--data', dir, ...AS_ADMIN])).code).toBe(2);
  });

  it('seeds the same demo cases for the same seed', async () => {
    const summaries = async (seed: string) => {
      const dir = tempDir();
      await office(dir);
      expect((await run(['seed', '--data', dir, ...AS_ADMIN, '--cases', '60', '--seed', seed])).code).toBe(0);
      const cases = JSON.parse((await run(['case', 'list', '--data', dir, ...AS_ADMIN, '--json'])).out) as { summary: string; source: string; attachments: unknown[] }[];
      return cases;
    };
    const a = await summaries('7');
    const b = await summaries('7');
    const c = await summaries('8');
    expect(a.map((x) => x.summary)).toEqual(b.map((x) => x.summary));
    expect(a.map((x) => x.summary)).not.toEqual(c.map((x) => x.summary));
    expect(a.filter((x) => x.source.startsWith('上级')).length).toBeGreaterThan(15);
    expect(a.some((x) => x.summary.includes('再次反映'))).toBe(true);
    expect((await run(['seed', '--data', tempDir(), '--cases', 'x'])).code).toBe(2);
  });
});
