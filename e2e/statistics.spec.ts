import type { Page } from '@playwright/test';
import { completeSetup, expect, screenshot, test, type BrowserModeApp } from './fixtures';

/** The ledger's count of cases received in a period: a second way to the dashboard's 收件 figure. */
async function ledgerCount(page: Page, app: BrowserModeApp, from: string, to: string): Promise<number> {
  return page.evaluate(
    async ({ token, from, to }) => {
      const res = await fetch('/api/cases.ledger', { method: 'POST', headers: { 'content-type': 'application/json', 'x-xinfang-token': token }, body: JSON.stringify({ from, to, pageSize: 1 }) });
      const body = (await res.json()) as { ok: boolean; value: { total: number } };
      return body.value.total;
    },
    { token: app.token, from, to },
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

test('the statistics dashboard follows the chosen period and 统计口径, and downloads the monthly 通报', async ({ page, app }) => {
  await completeSetup(page, app);
  await page.getByRole('button', { name: '载入演示数据（200 件）' }).click();
  await expect(page.getByTestId('ledger-total')).toHaveText('共 200 件');

  await page.getByRole('menuitem', { name: '统计通报' }).click();
  const now = new Date();
  const year = now.getFullYear();
  const month = now.getMonth() + 1;
  const monthFrom = `${year}-${pad(month)}-01`;
  const monthTo = `${year}-${pad(month)}-${pad(new Date(year, month, 0).getDate())}`;
  await expect(page.getByTestId('stats-period')).toContainText(`统计期间 ${monthFrom} 至 ${monthTo}（自然月）`);
  await expect(page.getByTestId('figure-received')).toHaveText(String(await ledgerCount(page, app, monthFrom, monthTo)));
  await expect(page.getByTestId('chart-trend').locator('canvas')).toHaveCount(1);
  await screenshot(page, 'statistics-month');

  // A year: the 收件 figure is the ledger's count for the year, the trend has twelve months.
  await page.getByText('年', { exact: true }).click();
  await expect(page.getByTestId('stats-period')).toContainText(`统计期间 ${year}-01-01 至 ${year}-12-31`);
  await expect(page.getByTestId('figure-received')).toHaveText(String(await ledgerCount(page, app, `${year}-01-01`, `${year}-12-31`)));
  await expect(page.getByTestId('rate-concluded')).toContainText('%');
  await screenshot(page, 'statistics-year');

  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.getByRole('button', { name: '生成通报' }).click();
  await expect.poll(() => downloads.length).toBe(2);
  expect(downloads.sort()).toEqual([`鹤峰县纪委监委${year}年12月信访举报工作情况台账.xlsx`, `鹤峰县纪委监委${year}年12月信访举报工作情况通报.docx`].sort());

  // The 统计口径 moves to the 21st: the month now starts on the 21st of the month before.
  await page.getByRole('tab', { name: '统计设置' }).click();
  await page.getByLabel('每月起始日').fill('21');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('统计设置已保存')).toBeVisible();
  await page.getByRole('tab', { name: '统计', exact: true }).click();
  await expect(page.getByTestId('stats-period')).toContainText('（统计口径：每月 21 日起）');
  await page.getByText('年', { exact: true }).click();
  await expect(page.getByTestId('stats-period')).toContainText(`统计期间 ${year - 1}-12-21 至 ${year}-12-20`);
  await expect(page.getByTestId('figure-received')).toHaveText(String(await ledgerCount(page, app, `${year - 1}-12-21`, `${year}-12-20`)));
  await screenshot(page, 'statistics-year-from-21st');
});
