import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { completeSetup, createAdmin, expect, registerCase, screenshot, startApp, test, type BrowserModeApp } from './fixtures';

/** A second office beside the fixture's county (鹤峰县): the city office above it. */
const CITY = { fullName: '中共恩施州纪律检查委员会 恩施州监察委员会', shortName: '恩施州纪委监委', issuerMark: '中共恩施州纪律检查委员会', docCode: '恩纪' };

async function saved(download: Promise<Download>, dir: string): Promise<string> {
  const file = await download;
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

/** A call to an installation's backend as its open page would make it (same token and origin, same session). */
async function invoke<T>(app: BrowserModeApp, method: string, input: unknown): Promise<T> {
  const response = await fetch(`${app.origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-xinfang-token': app.token, origin: app.origin }, body: JSON.stringify(input) });
  const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
  return result.value;
}

/** Changes the region of a case, as an edit in the case form would. */
async function editRegion(app: BrowserModeApp, id: string, region: string) {
  const c = await invoke<Record<string, unknown> & { updatedAt: string }>(app, 'cases.get', { id });
  const { receivedDate, channel, source, upperOffice, upperRefNo, kind, categories, domains, summary, accused, attachments } = c;
  await invoke(app, 'cases.update', { id, expectedUpdatedAt: c.updatedAt, changes: { receivedDate, channel, source, upperOffice, upperRefNo, kind, categories, domains, summary, accused, attachments, region } });
}

async function openExchange(page: Page, tab: string) {
  await page.getByRole('menuitem', { name: '交换' }).click();
  await page.getByRole('tab', { name: tab }).click();
}

async function trustKey(page: Page, file: string, fingerprint: string) {
  await openExchange(page, '可信机关');
  await page.getByRole('tabpanel').locator('input[type=file]').setInputFiles(file);
  const modal = page.getByRole('dialog').filter({ hasText: '核对指纹后登记' });
  await expect(modal.getByTestId('pending-fingerprint')).toHaveText(fingerprint);
  await modal.getByLabel('对方念出的指纹').fill(fingerprint);
  await modal.getByRole('button', { name: '指纹一致，登记为可信机关' }).click();
  await expect(modal).toBeHidden();
}

test('a case goes from the city office to the county on a USB stick, and the receipt comes back', async ({ page: county, app, browser }) => {
  test.setTimeout(180_000);
  const usb = mkdtempSync(path.join(os.tmpdir(), 'xinfang-usb-'));
  const cityDir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-e2e-'));
  const cityApp = await startApp(cityDir);
  const cityContext = await browser.newContext();
  const city = await cityContext.newPage();
  try {
    // Two installations: the county (fixture) and the city.
    await completeSetup(county, app);
    await completeSetup(city, cityApp, { ...CITY, caseNoPattern: '恩纪信〔{年}〕{序号}号' });

    // The city registers a 实名 case it will hand down.
    await registerCase(city, { reporter: '田晓梅', phone: '13700001111', accused: '赵某某', unit: '走马镇财政所', summary: '反映走马镇财政所所长赵某某在发放惠民惠农补贴资金过程中优亲厚友、虚报冒领。' });
    await expect(city.getByTestId('case-no')).toHaveText(/恩纪信〔\d{4}〕1号/);

    // Key files swapped, fingerprints compared.
    await openExchange(city, '可信机关');
    const cityDownload = city.waitForEvent('download');
    await city.getByRole('button', { name: '下载本机关密钥文件' }).click();
    const cityKey = { file: await saved(cityDownload, usb), fingerprint: (await city.getByTestId('own-fingerprint').textContent())!.trim() };
    await openExchange(county, '可信机关');
    const countyDownload = county.waitForEvent('download');
    await county.getByRole('button', { name: '下载本机关密钥文件' }).click();
    const countyKey = { file: await saved(countyDownload, usb), fingerprint: (await county.getByTestId('own-fingerprint').textContent())!.trim() };
    expect(cityKey.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    await trustKey(county, cityKey.file, cityKey.fingerprint);
    await trustKey(city, countyKey.file, countyKey.fingerprint);
    await expect(county.getByTestId('trusted-offices')).toContainText(CITY.fullName);
    await screenshot(county, 'exchange-trusted-offices');

    // The city sends the case (without the reporter's identity).
    await openExchange(city, '发送交换包');
    await city.getByTestId('export-cases').getByRole('checkbox').last().check();
    await expect(city.getByTestId('export-count')).toHaveText('已选 1 件');
    await expect(city.getByLabel('接收机关')).toBeVisible();
    await screenshot(city, 'exchange-export');
    const bundleDownload = city.waitForEvent('download');
    await city.getByRole('button', { name: /生成交换包/ }).click();
    const bundle = await saved(bundleDownload, usb);
    expect(path.basename(bundle)).toMatch(/第1号\.xfb$/);
    await openExchange(city, '发送记录');
    await expect(city.getByTestId('sent-bundles')).toContainText('待回执');

    // The county verifies, previews and imports it, and saves the receipt.
    await openExchange(county, '导入');
    await county.getByRole('tabpanel').locator('input[type=file]').setInputFiles(bundle);
    const preview = county.getByTestId('import-preview');
    await expect(preview).toContainText(CITY.fullName);
    await expect(preview).toContainText('未随件移交');
    await expect(preview.getByTestId('import-counts')).toContainText('新增1');
    await screenshot(county, 'exchange-import-preview');
    await preview.getByRole('button', { name: '确认导入' }).click();
    const result = county.getByTestId('import-result');
    await expect(result).toContainText('已导入');
    const receiptDownload = county.waitForEvent('download');
    await result.getByRole('button', { name: '下载回执' }).click();
    const receipt = await saved(receiptDownload, usb);
    await screenshot(county, 'exchange-import-result');

    // Importing the same bundle again changes nothing and says so.
    await result.getByRole('button', { name: '导入其他文件' }).click();
    await county.getByRole('tabpanel').locator('input[type=file]').setInputFiles(bundle);
    await expect(county.getByTestId('import-error')).toContainText('导入过，本次未作任何更改');

    // The county's ledger has the case under its own number.
    await county.getByRole('menuitem', { name: '登记台账' }).click();
    await expect(county.getByText(/鹤纪信〔\d{4}〕1号/)).toBeVisible();

    // Back at the city: the receipt marks the bundle as received.
    await openExchange(city, '导入');
    await city.getByRole('tabpanel').locator('input[type=file]').setInputFiles(receipt);
    await expect(city.getByTestId('import-preview')).toContainText('确认收到本机交换包第 1 号');
    await city.getByRole('button', { name: '登记回执' }).click();
    await expect(city.getByTestId('import-result')).toContainText('回执');
    await openExchange(city, '发送记录');
    await expect(city.getByTestId('sent-bundles')).toContainText('已回执');
    await expect(city.getByTestId('sent-summary')).toContainText('均已收到回执');
    await screenshot(city, 'exchange-sent-acknowledged');

    // Both offices change the case before hearing from each other: the city's import keeps both and asks.
    const [{ id }] = (await invoke<{ rows: { id: string }[] }>(cityApp, 'cases.ledger', {})).rows as [{ id: string }];
    await editRegion(app, id, '走马镇');
    await editRegion(cityApp, id, '容美镇');
    const status = await invoke<{ trusted: { officeId: string }[] }>(app, 'exchange.status', {});
    const back = await invoke<{ fileName: string; base64: string }>(app, 'exchange.export', { caseIds: [id], recipientId: status.trusted[0]!.officeId });
    const backFile = path.join(usb, back.fileName);
    writeFileSync(backFile, Buffer.from(back.base64, 'base64'));
    await openExchange(city, '导入');
    await city.getByRole('button', { name: '导入其他文件' }).click();
    await city.getByRole('tabpanel').locator('input[type=file]').setInputFiles(backFile);
    await expect(city.getByTestId('import-preview').getByTestId('import-counts')).toContainText('冲突1');
    await city.getByRole('button', { name: '确认导入' }).click();
    await expect(city.getByTestId('import-result')).toContainText('已导入');
    await openExchange(city, '交换冲突');
    const conflict = city.getByTestId('conflict');
    await expect(conflict).toContainText('所属区域');
    await expect(conflict).toContainText('容美镇');
    await expect(conflict).toContainText('走马镇');
    await screenshot(city, 'exchange-conflict');
    await conflict.getByRole('button', { name: '采用发来的版本' }).click();
    await city.getByRole('button', { name: '确认采用' }).click();
    await expect(city.getByText('没有待处理的交换冲突')).toBeVisible();
    expect((await invoke<{ region: string }>(cityApp, 'cases.get', { id })).region).toBe('走马镇');

    // The backup reminder, and a backup of the city.
    await openExchange(city, '备份与恢复');
    await expect(city.getByTestId('backup-reminder')).toBeVisible();
    await city.getByLabel('备份口令', { exact: true }).fill('Backup#2026-usb');
    await city.getByLabel('再次输入备份口令').fill('Backup#2026-usb');
    const backupDownload = city.waitForEvent('download');
    await city.getByRole('button', { name: '生成备份' }).click();
    const backupFile = await saved(backupDownload, usb);
    expect(path.basename(backupFile)).toMatch(/^备份-恩施州纪委监委-.*\.xfb$/);
    await expect(city.getByTestId('backup-reminder')).toBeHidden();
    await expect(city.getByTestId('last-backup')).not.toHaveText('从未备份');
    await screenshot(city, 'exchange-backup');

    // A new machine: after its administrator is created, the first-run setup restores the city from the backup.
    const freshDir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-e2e-'));
    const freshApp = await startApp(freshDir);
    const fresh = await cityContext.newPage();
    try {
      await createAdmin(fresh, freshApp);
      await fresh.getByRole('button', { name: '从备份恢复' }).click();
      const restore = fresh.getByRole('dialog').filter({ hasText: '从备份恢复' });
      await restore.locator('input[type=file]').setInputFiles(backupFile);
      await restore.getByLabel('备份口令').fill('Backup#2026-usb');
      await expect(restore.getByRole('button', { name: '恢复' })).toBeEnabled();
      await screenshot(fresh, 'exchange-restore');
      await restore.getByRole('button', { name: '恢复' }).click();
      await expect(fresh.getByTestId('office-name')).toHaveText(CITY.shortName);
      await fresh.getByRole('menuitem', { name: '登记台账' }).click();
      await expect(fresh.getByText(/恩纪信〔\d{4}〕1号/)).toBeVisible();
      await openExchange(fresh, '可信机关');
      await expect(fresh.getByTestId('own-fingerprint')).toHaveText(cityKey.fingerprint);
    } finally {
      await freshApp.stop();
      rmSync(freshDir, { recursive: true, force: true });
    }
  } finally {
    await cityContext.close();
    await cityApp.stop();
    rmSync(cityDir, { recursive: true, force: true });
    rmSync(usb, { recursive: true, force: true });
  }
});
