import type { Page } from '@playwright/test';
import { chooseRadio, completeSetup, confirmDialog, expect, pick, registerCase, screenshot, test } from './fixtures';

const isoDaysAgo = (days: number) => {
  const d = new Date(Date.now() - days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function register(page: Page, summary: string, receivedDate?: string) {
  return registerCase(page, { reporter: '田某', phone: '13700001111', accused: '向某', summary, receivedDate });
}

async function choose(page: Page, label: string, option: string) {
  await pick(page, page.getByRole('dialog').getByLabel(label), option);
}

async function step(page: Page, name: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => undefined) {
  await page.getByRole('button', { name, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await fill(dialog);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
}

const instruct = async (dialog: ReturnType<Page['getByRole']>) => {
  await dialog.getByLabel('领导批示').fill('同意，请按程序办理。');
  await dialog.getByLabel('批示领导').fill('刘书记');
};

test('a real-name case goes through the whole loop to 报结 in the UI', async ({ page, app }) => {
  await completeSetup(page, app);
  await register(page, '反映中营镇三家台村会计挪用村集体资金，请求查处。');
  await expect(page.getByTestId('stage')).toHaveText('已登记，待受理');
  await expect(page.getByTestId('deadlines')).toContainText('受理、转办或报送');
  await expect(page.getByTestId('deadlines')).toContainText('实名受理告知');

  await step(page, '受理');
  await step(page, '甄别', async (d) => {
    await choose(page, '拟分流方式', '本级承办');
    await d.getByLabel('拟办意见').fill('建议由第一纪检监察室初步核实');
  });
  await step(page, '审批', instruct);
  await step(page, '分流', async (d) => {
    await d.getByLabel('承办部门或接收机关').fill('第一纪检监察室');
  });
  await page.getByRole('row', { name: /实名受理告知/ }).getByRole('button', { name: '记录已履行' }).click();
  await page.getByLabel('履行方式').fill('电话告知');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await step(page, '调查处置', async (d) => {
    await choose(page, '处置方式', '初步核实');
    await choose(page, '核查结论', '失实');
    await d.getByText('书面澄清').click();
    await instruct(d);
  });
  await step(page, '反馈', async (d) => {
    await d.getByLabel('检举控告人意见或异议').fill('无异议');
  });
  await screenshot(page, 'loop-before-close');
  await step(page, '报结');
  await expect(page.getByTestId('stage')).toHaveText('已报结');
  await expect(page.locator('[data-alert="blue"]').first()).toBeVisible();
  await expect(page.getByTestId('history')).toContainText('分流：本级承办：第一纪检监察室');
  await expect(page.getByTestId('history')).toContainText('实名受理告知已履行');
  await screenshot(page, 'loop-closed');
});

test('a case past its deadline shows red; recording a supervision appears in its history', async ({ page, app }) => {
  await completeSetup(page, app);
  await register(page, '反映走马镇财政所所长违规发放津补贴，群众意见大。', isoDaysAgo(30));
  await expect(page.locator('[data-alert="red"]').first()).toBeVisible();
  await page.getByRole('menuitem', { name: '预警督办' }).click();
  await expect(page.getByTestId('count-red')).toContainText('1');
  await screenshot(page, 'alerts');
  await page.getByRole('button', { name: '记录督办' }).click();
  const dialog = page.getByRole('dialog');
  await chooseRadio(dialog, '现场');
  await dialog.getByLabel('督办内容').fill('到走马镇现场督办，要求三日内受理');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: '出具督办函' }).click();
  const letter = page.getByRole('dialog').filter({ has: page.getByTestId('document-editor') });
  await expect(letter.getByLabel('标题')).toHaveValue(/^关于督促办理鹤纪信〔\d{4}〕1号信访举报件的函$/);
  await letter.getByLabel('主送单位（承办单位）').fill('走马镇纪委');
  await letter.getByRole('button', { name: '按起草信息重新起草' }).click();
  await expect(letter.getByLabel('主送', { exact: true })).toHaveValue('走马镇纪委');
  await screenshot(page, 'supervision-letter');
  await letter.getByRole('button', { name: '出具', exact: true }).click();
  await confirmDialog(page.getByRole('dialog').filter({ hasText: '文号一经取得即不能再用于其他文书' }), '确认出具');
  await expect(letter.getByTestId('issued-doc-no')).toHaveText(/^鹤纪督〔\d{4}〕1号$/);
  await letter.getByRole('button', { name: '关闭' }).first().click();
  await expect(letter).toBeHidden();
  await page.getByText(/^鹤纪信〔\d{4}〕1号$/).click();
  await expect(page.getByTestId('history')).toContainText('催办督办：现场督办：到走马镇现场督办，要求三日内受理');
  await expect(page.getByTestId('case-documents')).toContainText(/鹤纪督〔\d{4}〕1号/);
  await screenshot(page, 'supervised-case');
});

test('registering a case that repeats an earlier one shows the suggestion; linking builds the chain, which gets a task force', async ({ page, app }) => {
  await completeSetup(page, app);
  await register(page, '反映中营镇三家台村会计向某挪用村集体资金五万元用于个人经营，村务不公开。');
  await page.getByRole('button', { name: '返回台账' }).click();
  await page.getByRole('button', { name: '登记新件' }).click();
  await page.getByTestId('accused-0').getByLabel('姓名或单位名称').fill('向某');
  await page.getByLabel('主要问题摘要').fill('再次反映中營鎮三家台村會計向某挪用村集體資金用于个人经营，至今未见处理。');
  const hints = page.getByTestId('repeat-hints');
  await expect(hints).toContainText(/鹤纪信〔\d{4}〕1号/);
  await expect(hints).toContainText('同一被反映人：向某');
  await screenshot(page, 'repeat-hints');
  const reporter = page.getByTestId('reporter-0');
  await reporter.getByLabel('检举控告人姓名').fill('田某');
  await reporter.getByLabel('联系电话').fill('13700001111');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByTestId('case-no')).toHaveText(/2号$/);
  const repeats = page.getByTestId('repeats');
  await repeats.getByRole('button', { name: '标记为其重复件' }).click();
  await expect(repeats).toContainText('重复件链（共 2 件）');
  await expect(repeats).toContainText('首件');
  await expect(page.getByText(/重复件（首件 鹤纪信〔\d{4}〕1号）/)).toBeVisible();
  await expect(page.getByTestId('deadlines')).not.toContainText('实名受理告知');
  await screenshot(page, 'repeat-chain');

  // The chain becomes a 重点疑难件 with a task force, kept on its first case.
  await page.getByRole('button', { name: '列为重点疑难件' }).click();
  await page.getByRole('dialog').getByLabel('列入理由').fill('同一问题多次重复举报');
  await page.getByRole('dialog').getByRole('button', { name: '列入' }).click();
  const difficult = page.getByTestId('difficult');
  await expect(difficult).toContainText(/记在首件 鹤纪信〔\d{4}〕1号，重复件链共 2 件/);
  await difficult.getByRole('button', { name: '组建化解专班' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('专班组长').fill('李主任');
  await form.getByLabel('专班成员').fill('谭干事');
  await form.getByLabel('专班成员').press('Enter');
  await form.getByLabel('化解方案').fill('查明真实诉求，协调有关部门依规解决');
  for (const [label, date] of [['组建日期', isoDaysAgo(0)], ['化解期限', isoDaysAgo(-30)]] as const) {
    await form.getByLabel(label).click();
    await form.getByLabel(label).fill(date);
    await form.getByLabel(label).press('Enter');
  }
  await form.getByRole('button', { name: '保存' }).click();
  await expect(difficult).toContainText('化解中');
  await difficult.getByRole('button', { name: '记录专班工作' }).click();
  await page.getByRole('dialog').getByLabel('日期').click();
  await page.getByRole('dialog').getByLabel('日期').fill(isoDaysAgo(0));
  await page.getByRole('dialog').getByLabel('日期').press('Enter');
  await page.getByRole('dialog').getByLabel('工作内容').fill('入户走访，了解到其残疾弟弟住房困难');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(difficult).toContainText('入户走访，了解到其残疾弟弟住房困难');
  await screenshot(page, 'difficult-case');

  await page.getByRole('menuitem', { name: '重复件' }).click();
  await expect(page.getByTestId('chains')).toContainText(/鹤纪信〔\d{4}〕1号/);
  await expect(page.getByTestId('chains')).toContainText('化解中');
  await screenshot(page, 'repeat-chains');
  await page.getByRole('tab', { name: '定期报告' }).click();
  await expect(page.getByTestId('repeat-report')).toContainText('其中重复件');
  await screenshot(page, 'repeat-report');
});
