import path from 'node:path';
import type { Backend } from '../backend.js';
import { silentLogger } from '../log.js';
import { openBackend } from '../backend.js';
import { exportCases } from '../services/exchange/export.js';
import { importBundle } from '../services/exchange/import.js';
import type { BenchRow } from './bench.js';

/**
 * 交换包 of up to 10,000 cases (with their attachments): export (read, pack, encrypt, sign) and import into a new
 * office (verify, decrypt, unpack, merge, re-seal identities, write all or nothing, receipt). Targets: 5 s and 10 s.
 */
const COUNTY = { fullName: '中共走马镇纪律检查委员会', shortName: '走马镇纪委', issuerMark: '中共走马镇纪律检查委员会', docCode: '走纪', caseNoPattern: '走纪信〔{年}〕{序号}号', regions: [] };
const USER = { name: 'bench', displayName: '基准测试', password: 'Bench#2026pw' };
const RUNS = 3;

async function ok<T>(backend: Backend, method: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

export async function exchangeBench(sender: Backend, root: string, caseIds: string[], measure: (runs: number, fn: (i: number) => Promise<unknown>) => Promise<number>): Promise<BenchRow[]> {
  const receivers: Backend[] = [];
  for (let i = 0; i < RUNS; i++) {
    const office = await openBackend({ dataDir: path.join(root, `county-${i}`), host: 'cli', version: 'bench', log: silentLogger });
    await ok(office, 'auth.setupAdmin', { ...USER, createRecoveryKey: false });
    await ok(office, 'settings.setupOffice', COUNTY);
    const [theirs, ours] = await Promise.all([ok<{ text: string; fingerprint: string }>(office, 'exchange.keyFile', {}), ok<{ text: string; fingerprint: string }>(sender, 'exchange.keyFile', {})]);
    await ok(sender, 'exchange.trust', theirs);
    await ok(office, 'exchange.trust', ours);
    receivers.push(office);
  }
  try {
    const bundles: Buffer[] = [];
    const recipients = await Promise.all(receivers.map(async (r) => (await ok<{ office: { officeId: string } }>(r, 'exchange.status', {})).office.officeId));
    const exported = await measure(RUNS, async (i) => {
      const file = await exportCases(sender.context, { caseIds, all: false, recipientId: recipients[i]!, encryptToRecipient: true, includeIdentity: false });
      bundles.push(Buffer.from(file.base64, 'base64'));
    });
    let added = 0;
    const imported = await measure(RUNS, async (i) => {
      added = (await importBundle(receivers[i]!.context, bundles[i]!)).counts.new;
    });
    const mb = (bundles[0]!.length / 2 ** 20).toFixed(1);
    return [
      { name: `导出交换包（${caseIds.length} 件）`, medianMs: exported, runs: RUNS, note: `${mb} MB，目标 < 5 s` },
      { name: `导入交换包（${caseIds.length} 件新增）`, medianMs: imported, runs: RUNS, note: `新增 ${added} 件，目标 < 10 s` },
    ];
  } finally {
    await Promise.all(receivers.map((r) => r.close()));
  }
}
