import { createAdmin, expect, screenshot, test } from './fixtures';

test('first-run setup through the UI survives a reload', async ({ page, app }) => {
  await createAdmin(page, app);
  await screenshot(page, 'setup');
  // A bad pattern is explained in Chinese before anything is saved.
  await page.getByLabel('发文代字').fill('鹤纪');
  await page.getByLabel('信访件编号规则').fill('鹤纪信〔{年}〕号');
  await page.getByRole('button', { name: '保存并开始使用' }).click();
  await expect(page.getByText('编号规则必须且只能包含一个 {序号}')).toBeVisible();
  await page.getByLabel('信访件编号规则').fill('鹤纪信〔{年}〕{序号}号');
  await page.getByLabel('机关全称').fill('中共鹤峰县纪律检查委员会 鹤峰县监察委员会');
  await page.getByLabel('机关简称').fill('鹤峰县纪委监委');
  await page.getByLabel('发文机关标志').fill('中共鹤峰县纪律检查委员会');
  await page.getByRole('button', { name: '保存并开始使用' }).click();
  await expect(page.getByTestId('office-name')).toHaveText('鹤峰县纪委监委');
  await screenshot(page, 'frame');
  await page.reload();
  await expect(page.getByTestId('office-name')).toHaveText('鹤峰县纪委监委');
  await page.getByRole('menuitem', { name: '设置' }).click();
  await expect(page.getByLabel('机关全称')).toHaveValue('中共鹤峰县纪律检查委员会 鹤峰县监察委员会');
  await screenshot(page, 'settings');
});

test('the API refuses requests without the token or from a foreign origin', async ({ app, request }) => {
  const call = (headers: Record<string, string>) =>
    request.post(`${app.origin}/api/settings.get`, { headers: { 'content-type': 'application/json', ...headers }, data: {} });
  expect((await call({ origin: app.origin, 'x-xinfang-token': app.token })).status()).toBe(200);
  const noToken = await call({ origin: app.origin });
  expect(noToken.status()).toBe(401);
  expect((await noToken.json()).error.message).toContain('未授权');
  expect((await call({ origin: app.origin, 'x-xinfang-token': 'wrong' })).status()).toBe(401);
  const foreign = await call({ origin: 'http://evil.example', 'x-xinfang-token': app.token });
  expect(foreign.status()).toBe(403);
  expect(foreign.headers()['access-control-allow-origin']).toBeUndefined();
  expect((await call({ host: 'evil.example', 'x-xinfang-token': app.token, origin: app.origin })).status()).toBe(403);
  expect((await request.get(`${app.origin}/api/events`)).status()).toBe(401);
});

test('the page carries a strict content security policy', async ({ app, request }) => {
  const res = await request.get(app.origin + '/');
  expect(res.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(res.headers()['content-security-policy']).toContain("object-src 'none'");
});
