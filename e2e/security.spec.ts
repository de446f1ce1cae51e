import { ADMIN, completeSetup, expect, login, pick, screenshot, test } from './fixtures';

test('users and roles: the administrator creates a read-only user who can neither register nor see identities', async ({ page, app }) => {
  await completeSetup(page, app);
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '用户管理' }).click();
  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('登录名').fill('chayue');
  await dialog.getByLabel('姓名').fill('赵查阅');
  await pick(page, dialog.getByLabel('角色'), '查阅');
  await expect(dialog.getByText('可以：查阅信访件', { exact: true })).toBeVisible();
  await dialog.getByLabel('初始密码', { exact: true }).fill('weak');
  await expect(dialog.getByText('密码至少需要 8 个字符')).toBeVisible();
  await dialog.getByLabel('初始密码', { exact: true }).fill('Chayue#2026');
  await dialog.getByLabel('确认初始密码').fill('Chayue#2026');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('cell', { name: '赵查阅' })).toBeVisible();
  await screenshot(page, 'users');

  await page.getByTestId('current-user').hover();
  await page.getByText('退出登录').click();
  await login(page, 'chayue', 'wrong-password');
  await expect(page.getByText(/登录名或密码不正确（再错 4 次将锁定账户）/)).toBeVisible();
  await screenshot(page, 'login');
  await login(page, 'chayue', 'Chayue#2026');
  await expect(page.getByTestId('current-user')).toContainText('赵查阅（查阅）');
  await expect(page.getByRole('button', { name: '登记新件' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '载入演示数据（200 件）' })).toHaveCount(0);
  // The backend refuses too, not only the screen: the same call from this page is denied.
  const refused = await page.evaluate(async () => {
    const token = sessionStorage.getItem('xinfang.token') ?? '';
    const res = await fetch('/api/demo.load', { method: 'POST', headers: { 'content-type': 'application/json', 'x-xinfang-token': token }, body: '{}' });
    return res.json();
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  await page.getByTestId('current-user').hover();
  await page.getByText('退出登录').click();
  await login(page, ADMIN.name, ADMIN.password);
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '审计日志' }).click();
  await expect(page.getByText('哈希链校验通过：日志未被修改或删除。')).toBeVisible();
  await expect(page.getByRole('cell', { name: '无权限操作被拒绝' }).first()).toBeVisible();
  await screenshot(page, 'audit');
});
