import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setUpOffice, testBackend } from '../test-support/backend.js';
import { useTempDirs } from '../test-support/tmp.js';
import { runCli } from './cli.js';

const tempDir = useTempDirs();

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

  it('verify passes on a sound store and names the damaged file otherwise', async () => {
    const dir = tempDir();
    const backend = await testBackend(dir);
    await setUpOffice(backend);
    await setUpOffice(backend).catch(() => undefined);
    await backend.close();
    const sound = await run(['verify', '--data', dir]);
    expect(sound.code).toBe(0);
    expect(sound.out).toContain('完好');
    await fsp.writeFile(path.join(dir, 'store', 'settings.json'), '{"schemaVersion":1,"office":{"fullName":1}}');
    const broken = await run(['verify', '--data', dir]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/损坏\s+settings\.json\s+—— 结构校验失败（office\.fullName/);
  });

  it('verify fails on a directory that holds no store', async () => {
    const result = await run(['verify', '--data', tempDir()]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('没有 store');
  });
});
