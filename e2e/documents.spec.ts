import { readFileSync } from 'node:fs';
import { completeSetup, confirmDialog, expect, pick, registerCase, screenshot, test } from './fixtures';

test('a 督办函 is issued from a case with a 文号, previewed, downloaded, voided and listed in the registry', async ({ page, app }) => {
  await completeSetup(page, app);

  // A 实名 case with an accused person.
  await registerCase(page, { reporter: '田晓梅', phone: '13700001111', accused: '赵某某', unit: '走马镇财政所', post: '所长', summary: '反映走马镇财政所所长赵某某在发放惠民惠农补贴资金过程中优亲厚友、虚报冒领。' });

  // 出具文书 → 督办函: before 分流 there is no handling unit, so the editor asks for the addressee.
  const card = page.getByTestId('case-documents');
  await expect(card).toContainText('尚未出具文书');
  await card.getByRole('button', { name: '出具文书' }).click();
  const editor = page.getByRole('dialog').filter({ has: page.getByTestId('document-editor') });
  await expect(editor).toBeVisible();
  await pick(page, editor.getByLabel('文书类型'), '督办函');
  await expect(editor.getByTestId('missing')).toContainText('主送单位（承办单位）');
  await expect(editor.getByTestId('blanks')).toContainText('【请填写：主送单位】');
  await expect(editor.getByRole('button', { name: '出具', exact: true })).toBeDisabled();
  const preview = editor.getByTestId('document-preview');
  await expect(preview.getByTestId('doc-page').first()).toContainText('中共鹤峰县纪律检查委员会');

  await editor.getByLabel('主送单位（承办单位）').fill('中共走马镇纪律检查委员会');
  await editor.getByRole('button', { name: '按起草信息重新起草' }).click();
  await expect(editor.getByTestId('missing')).toBeHidden();
  await expect(editor.getByTestId('blanks')).toBeHidden();
  await expect(editor.getByLabel('主送', { exact: true })).toHaveValue('中共走马镇纪律检查委员会');
  await expect(preview.getByTestId('doc-page').first()).toContainText('中共走马镇纪律检查委员会：');
  await expect(preview.getByTestId('doc-page').first()).toContainText('特此函告。');
  await page.screenshot({ path: 'test-output/screens/documents-editor.png', animations: 'disabled' });

  await editor.getByRole('button', { name: '出具', exact: true }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: '文号一经取得即不能再用于其他文书' });
  await expect(confirm).toBeVisible();
  await confirmDialog(confirm, '确认出具');
  const docNo = editor.getByTestId('issued-doc-no');
  await expect(docNo).toHaveText(/^鹤纪督〔\d{4}〕1号$/);
  const number = (await docNo.textContent())!;
  await editor.getByRole('button', { name: '关闭' }).first().click();
  await expect(editor).toBeHidden();

  // The case's documents card lists it; the history records it.
  await expect(card.getByTestId('doc-no')).toHaveText(number);
  await expect(card).toContainText('已出具');
  await expect(page.getByTestId('history')).toContainText(`出具督办函（${number}）`);

  // Preview from the stored model (a taller window, so the whole first page shows).
  await page.setViewportSize({ width: 1366, height: 1400 });
  await card.getByRole('button', { name: '预览/打印' }).click();
  const viewer = page.getByRole('dialog').filter({ hasText: `督办函 ${number}` });
  await expect(viewer).toBeVisible();
  const sheet = viewer.getByTestId('doc-page').first();
  await expect(sheet).toContainText(number);
  await expect(sheet).toContainText('关于督促办理');
  await expect(viewer.getByRole('button', { name: '打印' })).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: 'test-output/screens/documents-preview.png', animations: 'disabled' });
  await sheet.screenshot({ path: 'test-output/screens/documents-sheet.png', animations: 'disabled' });
  await viewer.getByRole('button', { name: '关闭' }).click();
  await expect(viewer).toBeHidden();
  await page.setViewportSize({ width: 1366, height: 800 });

  // Download the .docx.
  const downloading = page.waitForEvent('download');
  await card.getByRole('button', { name: '下载 .docx' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // Void it with a reason.
  await card.getByRole('button', { name: '作废' }).click();
  const voiding = page.getByRole('dialog').filter({ hasText: '作废督办函' });
  await expect(voiding.getByRole('button', { name: '确认作废' })).toBeDisabled();
  await voiding.getByLabel('作废理由').fill('主送机关写法有误，重新出具');
  await voiding.getByRole('button', { name: '确认作废' }).click();
  await expect(voiding).toBeHidden();
  await expect(card).toContainText('已作废');
  await expect(card).toContainText('主送机关写法有误，重新出具');
  await expect(card.getByRole('button', { name: '作废' })).toHaveCount(0);

  // The registry lists the number as voided.
  await page.getByRole('menuitem', { name: '文书' }).click();
  const registry = page.getByTestId('registry');
  const row = registry.getByRole('row', { name: new RegExp(number.replace(/[〔〕]/g, '.')) });
  await expect(row).toContainText('督办函');
  await expect(row).toContainText('已作废');
  await expect(row).toContainText('主送机关写法有误，重新出具');
  await expect(row).toContainText(/鹤纪信〔\d{4}〕1号/);
  await screenshot(page, 'documents-registry');

  // Document settings: 代字 placeholders from the office's 发文代字, the citation table.
  await page.getByRole('tab', { name: '文书设置' }).click();
  const settings = page.getByTestId('document-settings');
  await expect(settings.getByLabel('督办函代字')).toHaveAttribute('placeholder', '鹤纪督');
  await expect(settings.getByTestId('citations')).toContainText('《中华人民共和国监察法》');
  await screenshot(page, 'documents-settings');

  // The case link in the registry opens the case.
  await page.getByRole('tab', { name: '文号登记簿' }).click();
  await row.getByText(/^鹤纪信〔\d{4}〕1号$/).click();
  await expect(page.getByTestId('case-no')).toHaveText(/鹤纪信〔\d{4}〕1号/);
  await expect(page.getByRole('button', { name: '返回文书' })).toBeVisible();
});
