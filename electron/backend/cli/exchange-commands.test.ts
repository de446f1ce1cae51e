import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, call } from '../test-support/backend.js';
import { CITY_OFFICE, COUNTY_OFFICE, openOffice, PASSPHRASE } from '../test-support/exchange.js';
import { REAL_NAME_CASE } from '../test-support/documents.js';
import { useTempDirs } from '../test-support/tmp.js';
import { runCli } from './cli.js';

const tempDir = useTempDirs();
process.env.XINFANG_PASSWORD = ADMIN.password;

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('cli: the whole exchange flow, scriptable', () => {
  it('keys, export, import with a JSON summary, the receipt back, backup and restore', async () => {
    const usb = tempDir('xinfang-usb-');
    const [cityDir, countyDir] = [tempDir(), tempDir()];
    const city = await openOffice(cityDir, CITY_OFFICE);
    const first = await call(city, 'cases.register', REAL_NAME_CASE);
    await call(city, 'cases.register', { ...REAL_NAME_CASE, summary: '反映某局干部违规收受礼金，要求核查处理并反馈结果。' });
    await city.close();
    await (await openOffice(countyDir, COUNTY_OFFICE)).close();
    const as = (dir: string) => ['--data', dir, '--user', ADMIN.name];
    const passFile = path.join(usb, 'pass.txt');
    await fsp.writeFile(passFile, `${PASSPHRASE}\n`);

    // Each office writes its key file; the other trusts it after comparing the fingerprint.
    const cityKey = await run(['key', 'export', ...as(cityDir), '--out', path.join(usb, 'city.xfkey')]);
    const countyKey = await run(['key', 'export', ...as(countyDir), '--out', path.join(usb, 'county.xfkey')]);
    expect(cityKey.code).toBe(0);
    const fingerprint = (r: { out: string }) => r.out.split('\t')[0]!;
    expect(fingerprint(cityKey)).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect((await run(['key', 'trust', ...as(countyDir), '--file', path.join(usb, 'city.xfkey'), '--fingerprint', '0000 0000'])).err).toContain('指纹不符');
    expect((await run(['key', 'trust', ...as(countyDir), '--file', path.join(usb, 'city.xfkey'), '--fingerprint', fingerprint(cityKey)])).code).toBe(0);
    expect((await run(['key', 'trust', ...as(cityDir), '--file', path.join(usb, 'county.xfkey'), '--fingerprint', fingerprint(countyKey)])).code).toBe(0);

    const bundle = path.join(usb, 'to-county.xfb');
    const exported = await run(['export', ...as(cityDir), '--to', COUNTY_OFFICE.fullName, '--all', '--out', bundle, '--passphrase-file', passFile]);
    expect(exported.code, exported.err).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ seq: 1, cases: 2 });

    const preview = await run(['import', ...as(countyDir), '--file', bundle, '--preview']);
    expect(JSON.parse(preview.out)).toMatchObject({ preview: true, added: 2, conflicts: 0 });
    const imported = await run(['import', ...as(countyDir), '--file', bundle, '--receipt-out', usb]);
    const summary = JSON.parse(imported.out) as { added: number; updated: number; unchanged: number; conflicts: number; receipt: string };
    expect(summary).toMatchObject({ kind: 'cases', seq: 1, added: 2, updated: 0, unchanged: 0, conflicts: 0 });
    expect(existsSync(summary.receipt)).toBe(true);
    const again = await run(['import', ...as(countyDir), '--file', bundle]);
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining('已于') });
    expect(JSON.parse((await run(['import', ...as(cityDir), '--file', summary.receipt])).out)).toMatchObject({ kind: 'receipt', added: 2 });

    const backup = await run(['backup', ...as(cityDir), '--out', usb, '--passphrase-file', passFile]);
    const { file } = JSON.parse(backup.out) as { file: string };
    const fresh = tempDir();
    const restored = await run(['restore', ...as(fresh), '--file', file, '--passphrase-file', passFile]);
    expect(restored.code, restored.err).toBe(0);
    expect(JSON.parse(restored.out)).toEqual({ cases: 2 });
    const listed = JSON.parse((await run(['case', 'list', ...as(fresh), '--json'])).out) as { id: string; caseNo: string }[];
    expect(listed.map((c) => c.id)).toContain(first.id);
  });
});
