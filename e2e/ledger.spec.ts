import { completeSetup, expect, screenshot, test } from './fixtures';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

test('register a real-name case with two accused and an attachment, find it by pinyin, open and edit it', async ({ page, app }) => {
  await completeSetup(page, app);
  await page.getByRole('button', { name: '登记第一件' }).click();

  // Bad input is explained before anything is saved: a real-name reporter without contact, a bad ID number.
  const reporter = page.getByTestId('reporter-0');
  await reporter.getByLabel('检举控告人姓名').fill('李四');
  await reporter.getByLabel('身份证号码').fill('110105194912310021');
  await page.getByTestId('accused-0').getByLabel('姓名或单位名称').fill('张三');
  await page.getByLabel('主要问题摘要').fill('反映容美镇屏山村党支部书记张三在危房改造补助发放中优亲厚友，将其亲属纳入补助对象。');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText('身份证号码校验位不正确，请核对').first()).toBeVisible();
  await expect(page.getByText('实名检举控告人“李四”须留有联系电话或住址（单位）').first()).toBeVisible();

  await reporter.getByLabel('身份证号码').fill('11010519491231002X');
  await reporter.getByLabel('联系电话').fill('13812341234');
  await reporter.getByLabel('住址或单位').fill('鹤峰县容美镇屏山村3组');
  const first = page.getByTestId('accused-0');
  await first.getByLabel('工作单位').fill('容美镇屏山村');
  await first.getByLabel('职务').fill('党支部书记');
  await page.getByRole('button', { name: '添加被反映人' }).click();
  const second = page.getByTestId('accused-1');
  await second.getByLabel('姓名或单位名称').fill('王五');
  await second.getByLabel('工作单位').fill('容美镇屏山村');
  await second.getByLabel('职务').fill('村委会主任');
  await page.locator('input[type=file]').setInputFiles({ name: '来信扫描件.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByText('来信扫描件.pdf')).toBeVisible();
  // A file whose content does not match its name is refused.
  await page.locator('input[type=file]').setInputFiles({ name: '照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a jpeg') });
  await expect(page.getByText('附件“照片.jpg”的内容不是JPEG 图片（扩展名与内容不符），未保存')).toBeVisible();
  await screenshot(page, 'register-form');
  await page.getByRole('button', { name: '登记', exact: true }).click();

  await expect(page.getByTestId('case-no')).toHaveText(/^鹤纪信〔\d{4}〕1号$/);
  // The identity is masked until revealed.
  const table = page.getByTestId('reporter-table');
  await expect(table.getByText('李*')).toBeVisible();
  await expect(table.getByText('138****1234')).toBeVisible();
  await expect(page.getByText('13812341234')).toHaveCount(0);

  await page.getByRole('button', { name: '返回台账' }).click();
  await page.getByLabel('搜索').fill('ww');
  await expect(page.getByTestId('ledger-total')).toHaveText('共 1 件');
  await page.getByLabel('搜索').fill('zzz');
  await expect(page.getByTestId('ledger-total')).toHaveText('共 0 件');
  await page.getByLabel('搜索').fill('zs');
  await expect(page.getByTestId('ledger-total')).toHaveText('共 1 件');
  await screenshot(page, 'ledger');
  await page.getByTestId('ledger').getByText(/优亲厚友/).click();

  await page.getByRole('button', { name: '查看身份信息' }).click();
  await page.getByLabel('查看事由').fill('电话核实实名身份');
  await page.getByRole('button', { name: '确认查看' }).click();
  await expect(table.getByText('13812341234')).toBeVisible();
  await expect(page.getByText('查看检举控告人身份信息（事由：电话核实实名身份）')).toBeVisible();

  await page.getByRole('button', { name: '编辑' }).click();
  await page.getByLabel('主要问题摘要').fill('反映容美镇屏山村党支部书记张三、村委会主任王五在危房改造补助发放中优亲厚友。');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByText('修改 主要问题摘要')).toBeVisible();
  await expect(page.getByRole('cell', { name: /将其亲属纳入补助对象/ })).toBeVisible();
  await screenshot(page, 'case-detail');

  // Everything survives a restart of the page.
  await page.reload();
  await page.getByLabel('搜索').fill('王五');
  await expect(page.getByTestId('ledger-total')).toHaveText('共 1 件');
});

test('an empty office can load demo data from the ledger', async ({ page, app }) => {
  await completeSetup(page, app);
  await page.getByRole('button', { name: '载入演示数据（200 件）' }).click();
  await expect(page.getByTestId('ledger-total')).toHaveText('共 200 件');
  await page.getByLabel('来源').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('上级交办', { exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ledger-total')).not.toHaveText('共 200 件');
  await screenshot(page, 'ledger-demo');
});
