import type { Page } from '@playwright/test';
import { chooseRadio, completeSetup, expect, pick, screenshot, test, type BrowserModeApp } from './fixtures';

const isoDaysAgo = (days: number) => {
  const d = new Date(Date.now() - days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Calls the backend as the logged-in user (the loop itself is exercised in loop.spec.ts). */
async function backend<T>(page: Page, app: BrowserModeApp, method: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ method, input, token }) => {
      const res = await fetch(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-xinfang-token': token }, body: JSON.stringify(input) });
      return res.json() as Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
    },
    { method, input, token: app.token },
  );
  if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
  return result.value as T;
}

/** A real-name case taken to 报结 with its result fed back. */
async function closedCase(page: Page, app: BrowserModeApp): Promise<string> {
  type Detail = { id: string; updatedAt: string; caseNo: string };
  const leader = { text: '同意。', approver: '刘书记' };
  let d = await backend<Detail>(page, app, 'cases.register', {
    receivedDate: isoDaysAgo(30),
    channel: '来信',
    source: '本级受理',
    kind: '检举控告',
    summary: '反映走马镇白果村主任在危房改造补助发放中优亲厚友。',
    reporter: { realName: true, persons: [{ name: '田某某', phone: '13700001111' }] },
    accused: [{ type: 'person', name: '向某', unit: '走马镇白果村', post: '村委会主任' }],
  });
  const steps = [
    { kind: 'accept', by: '张明', at: isoDaysAgo(29) },
    { kind: 'screen', by: '张明', at: isoDaysAgo(29), proposedRouting: '本级承办', proposal: '初步核实' },
    { kind: 'approve', by: '张明', at: isoDaysAgo(28), approved: true, instruction: leader },
    { kind: 'route', by: '张明', at: isoDaysAgo(28), routing: '本级承办', recipient: '第一纪检监察室' },
    { kind: 'investigate', by: '李芳', at: isoDaysAgo(10), disposition: '初步核实', finding: '部分属实', instruction: leader },
  ];
  for (const step of steps) d = await backend<Detail>(page, app, 'loop.apply', { id: d.id, expectedUpdatedAt: d.updatedAt, step });
  d = await backend<Detail>(page, app, 'loop.fulfil', { id: d.id, expectedUpdatedAt: d.updatedAt, obligation: 'acceptanceNotice', date: isoDaysAgo(27), note: '电话告知' });
  d = await backend<Detail>(page, app, 'feedback.record', {
    id: d.id,
    expectedUpdatedAt: d.updatedAt,
    feedback: { date: isoDaysAgo(9), method: '当面反馈', by: '李芳', content: '反映问题部分属实，已责令退还补助并批评教育', view: '部分认可', objection: '认为处理偏轻，已解释处理依据', newEvidence: '' },
  });
  d = await backend<Detail>(page, app, 'loop.apply', { id: d.id, expectedUpdatedAt: d.updatedAt, step: { kind: 'close', by: '李芳', at: isoDaysAgo(8) } });
  return d.caseNo;
}

test('records a batch of household visits, with row errors pointed at their rows', async ({ page, app }) => {
  await completeSetup(page, app);
  await page.getByRole('menuitem', { name: '下访走访' }).click();
  await page.getByRole('tab', { name: '入户走访' }).click();
  await page.getByRole('button', { name: '批量录入' }).click();

  // Row 1 typed with the keyboard only: Tab across; Enter moves down to the same column of the next row.
  await page.getByLabel('第1行走访地点').fill('走马镇白果村');
  await page.keyboard.press('Tab');
  await page.keyboard.type('张明、李芳');
  await page.keyboard.press('Tab');
  await page.keyboard.type('村民代表 5 人');
  await page.keyboard.press('Tab');
  await page.keyboard.type('8');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('反映低保评定不公开');
  // Enter adds the next row, which takes over the date, place and visitors, with the cursor in the same column.
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('第2行线索情况')).toBeFocused();
  await expect(page.getByLabel('第2行走访地点')).toHaveValue('走马镇白果村');
  await page.getByLabel('第2行走访对象').fill('五保户 2 人');
  await page.getByLabel('第2行户数').fill('0');
  await page.getByRole('button', { name: '添加一行' }).click();
  await page.getByLabel('第3行走访地点').fill('太平镇茶园村');
  await page.getByLabel('第3行走访对象').fill('脱贫户 4 人');
  await page.getByLabel('第3行户数').fill('6');
  await page.getByLabel('第3行解决问题').fill('1');
  await page.getByLabel('第3行解决问题').press('Enter');
  await expect(page.getByLabel('第4行解决问题')).toBeFocused();
  await page.getByRole('button', { name: '保存本批' }).click();
  const issues = page.getByTestId('batch-issues');
  await expect(issues).toContainText('第 2 行“走访户数”：走访户数至少为 1');
  await expect(issues).toContainText('第 3 行“解决情况”：解决了问题的，请简要填写解决情况');
  await expect(page.getByLabel('第2行户数')).toHaveClass(/ant-input-status-error/);
  await screenshot(page, 'household-batch-errors');

  await page.getByLabel('第2行户数').fill('3');
  await page.getByLabel('第3行解决情况').fill('协调解决饮水管道维修');
  await page.getByRole('button', { name: '保存本批' }).click();
  await expect(page.getByText('已保存入户走访 3 条')).toBeVisible();
  const totals = page.getByTestId('household-totals');
  await expect(totals).toContainText('17');
  await expect(page.getByTestId('household-list').getByRole('row')).toHaveCount(4);
  await page.getByLabel('走访地点').fill('太平镇');
  await page.getByLabel('走访地点').press('Enter');
  await expect(page.getByTestId('household-list').getByRole('row')).toHaveCount(2);
  await screenshot(page, 'household-list');
});

test('a return visit, a second visit after 不满意, then the case is archived and read-only', async ({ page, app }) => {
  await completeSetup(page, app);
  const caseNo = await closedCase(page, app);
  await page.getByRole('menuitem', { name: '登记台账' }).click();
  await page.getByTestId('ledger').getByText(/优亲厚友/).click();
  await expect(page.getByTestId('case-no')).toHaveText(caseNo);
  const card = page.getByTestId('feedback-card');
  await expect(card).toContainText('部分认可');

  await card.getByRole('button', { name: '记录回访' }).click();
  let dialog = page.getByRole('dialog');
  await chooseRadio(dialog, '不满意');
  await dialog.getByLabel('回访意见').fill('认为处理偏轻');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('请填写处理措施')).toBeVisible();
  await dialog.getByLabel('处理措施').fill('约谈解释处理依据');
  await dialog.getByLabel('二次回访期限').fill(isoDaysAgo(-10));
  await dialog.getByLabel('二次回访期限').press('Enter');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('second-visit-due')).toContainText(`须在 ${isoDaysAgo(-10)} 前进行二次回访`);

  // The archive waits for the second visit.
  await page.getByRole('button', { name: '存档' }).click();
  dialog = page.getByRole('dialog');
  for (const item of ['目录', '原件', '受理登记', '处理情况', '答复情况', '是否息访', '未结措施']) await dialog.getByText(`有${item}`).click();
  await dialog.getByLabel('页数').fill('18');
  await dialog.getByRole('button', { name: '存档' }).click();
  await expect(page.getByText('检举控告人对回访不满意，二次回访尚未进行，暂不能存档')).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();

  await card.getByRole('button', { name: '记录二次回访' }).click();
  dialog = page.getByRole('dialog');
  await pick(page, dialog.getByLabel('回访方式'), '上门回访');
  await chooseRadio(dialog, '基本满意');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('second-visit-due')).toHaveCount(0);
  await expect(page.getByTestId('return-visits')).toContainText('二次回访（第 2 次）');
  await screenshot(page, 'case-feedback-and-visits');

  await page.getByRole('button', { name: '存档' }).click();
  dialog = page.getByRole('dialog');
  for (const item of ['目录', '原件', '受理登记', '处理情况', '答复情况', '是否息访']) await dialog.getByText(`有${item}`).click();
  await dialog.getByLabel('页数').fill('18');
  await dialog.getByRole('button', { name: '存档' }).click();
  await expect(dialog.getByText('“七有”须全部齐备')).toBeVisible();
  await screenshot(page, 'archive-checklist');
  await dialog.getByText('有未结措施').click();
  await dialog.getByRole('button', { name: '存档' }).click();
  await expect(dialog).toBeHidden();

  const year = isoDaysAgo(0).slice(0, 4);
  await expect(page.getByTestId('archived-notice')).toContainText(`本件已存档，卷号 ${year}-0001，案卷只读`);
  await expect(page.getByRole('button', { name: '编辑' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '重新办理' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '记录双反馈' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '撤销存档' })).toBeVisible();
  await expect(page.getByTestId('history')).toContainText(`存档，卷号 ${year}-0001`);
  await screenshot(page, 'case-archived');

  // The backend refuses a change to the archived case whatever the UI shows.
  const detail = await backend<{ id: string; updatedAt: string }>(page, app, 'archive.list', {}).then((l) => (l as unknown as { rows: { id: string }[] }).rows[0]!);
  const current = await backend<{ updatedAt: string }>(page, app, 'cases.get', { id: detail.id });
  await expect(backend(page, app, 'loop.apply', { id: detail.id, expectedUpdatedAt: current.updatedAt, step: { kind: 'reopen', by: '李芳', at: isoDaysAgo(0), to: 'investigate', reason: '新证据', instruction: { text: '同意。', approver: '刘书记' } } })).rejects.toThrow(/案卷只读/);

  await page.getByRole('menuitem', { name: '档案' }).click();
  const table = page.getByTestId('archive-table');
  await expect(table).toContainText(`${year}-0001`);
  await expect(table).toContainText(caseNo);
  await screenshot(page, 'archive-list');
});

test('plans a 带信下访 with the pre-visit questions and records what was found for each case', async ({ page, app }) => {
  await completeSetup(page, app);
  const caseNo = await closedCase(page, app);
  await page.getByRole('menuitem', { name: '下访走访' }).click();
  await page.getByRole('button', { name: '制定下访计划' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('下访地点').fill('走马镇白果村');
  await dialog.getByLabel('带队领导').fill('刘书记');
  await dialog.getByLabel('带队领导').press('Enter');
  await dialog.getByLabel('参加人员').fill('张明');
  await dialog.getByLabel('参加人员').press('Enter');
  await dialog.getByLabel('带下去的信访件').click();
  await page.locator('.ant-select-dropdown:visible').getByText(caseNo).click();
  // The multiple-choice dropdown stays open until the focus leaves it.
  await dialog.getByText('制定带信下访计划').click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await dialog.getByText('反映的主要问题和诉求是否已摸清？').click();
  await screenshot(page, 'field-visit-plan');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  const list = page.getByTestId('field-visits');
  await expect(list).toContainText('计划');
  await expect(list).toContainText('1/5');

  await list.getByRole('button', { name: '记录下访情况' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('下访情况').fill('召开群众座谈会，现场答复补助政策');
  await dialog.getByLabel(`${caseNo} 了解的情况`).fill('补助已按标准发放，群众对程序有疑问');
  await dialog.getByLabel(`${caseNo} 处理意见`).fill('村务公开补助明细，做好解释');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText(/访前问题尚未落实/)).toBeVisible();
  for (const question of ['此前办理经过和结论是否已掌握？', '涉及的政策依据是否已查明？', '当地党委政府和相关部门的意见是否已沟通？', '化解方案和可能的风险是否已研判？']) {
    await dialog.getByRole('checkbox', { name: question }).check();
  }
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(list).toContainText('已下访');
  await list.getByRole('button', { name: '展开行' }).first().click();
  await expect(list).toContainText('补助已按标准发放');
  await screenshot(page, 'field-visits');
});
