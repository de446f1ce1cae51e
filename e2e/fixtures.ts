import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BrowserModeApp {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the built browser-mode host (dist/web.mjs) on a free port with the given data directory. */
export async function startApp(dataDir: string): Promise<BrowserModeApp> {
  const child: ChildProcess = spawn(process.execPath, ['dist/web.mjs', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 20_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`browser mode exited ${code}:\n${output}`)));
  });
  // Keep the host's output: a crash shows up in the test log with its reason.
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') console.error(`browser mode exited (${code ?? signal}):\n${output}`);
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const test = base.extend<{ app: BrowserModeApp; dataDir: string }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xinfang-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  app: async ({ dataDir }, use) => {
    const app = await startApp(dataDir);
    await use(app);
    await app.stop();
  },
});
export { expect };

export const OFFICE = {
  fullName: '中共鹤峰县纪律检查委员会 鹤峰县监察委员会',
  shortName: '鹤峰县纪委监委',
  issuerMark: '中共鹤峰县纪律检查委员会',
  docCode: '鹤纪',
};

export const ADMIN = { name: 'admin', displayName: '王主任', password: 'Xinfang#2026' };

/** First run, step 1: the administrator and the recovery key (shown once). Returns the recovery key. */
export async function createAdmin(page: Page, app: BrowserModeApp): Promise<string> {
  await page.goto(app.url);
  await expect(page.getByText('首次使用：创建管理员')).toBeVisible();
  await page.getByLabel('管理员登录名').fill(ADMIN.name);
  await page.getByLabel('姓名').fill(ADMIN.displayName);
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('确认密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '创建管理员' }).click();
  const key = (await page.getByTestId('recovery-key').textContent()) ?? '';
  await page.getByText('我已打印并妥善保管恢复密钥').click();
  await page.getByRole('button', { name: '继续' }).click();
  return key.trim();
}

export async function login(page: Page, name: string, password: string) {
  await page.getByLabel('登录名').fill(name);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/**
 * Completes the first-run setup through the UI: administrator, then the office. Another office gives its own case
 * number pattern; the default office checks the pattern the form proposes.
 */
export async function completeSetup(page: Page, app: BrowserModeApp, office: typeof OFFICE & { caseNoPattern?: string } = OFFICE) {
  await createAdmin(page, app);
  await expect(page.getByText('首次使用：设置本机关信息')).toBeVisible();
  await page.getByLabel('机关全称').fill(office.fullName);
  await page.getByLabel('机关简称').fill(office.shortName);
  await page.getByLabel('发文机关标志').fill(office.issuerMark);
  await page.getByLabel('发文代字').fill(office.docCode);
  if (office.caseNoPattern) await page.getByLabel('信访件编号规则').fill(office.caseNoPattern);
  else await expect(page.getByLabel('信访件编号规则')).toHaveValue('鹤纪信〔{年}〕{序号}号');
  await page.getByRole('button', { name: '保存并开始使用' }).click();
  await expect(page.getByTestId('office-name')).toHaveText(office.shortName);
}

export interface CaseEntry {
  reporter: string;
  phone: string;
  accused: string;
  unit?: string;
  post?: string;
  summary: string;
  receivedDate?: string;
}

/** Registers a 实名 case through the form, from the ledger, and waits for its page. */
export async function registerCase(page: Page, entry: CaseEntry) {
  await page.getByRole('menuitem', { name: '登记台账' }).click();
  await page.getByRole('button', { name: /登记新件|登记第一件/ }).first().click();
  if (entry.receivedDate) {
    await page.getByLabel('收件日期').click();
    await page.getByLabel('收件日期').fill(entry.receivedDate);
    await page.getByLabel('收件日期').press('Enter');
  }
  const reporter = page.getByTestId('reporter-0');
  await reporter.getByLabel('检举控告人姓名').fill(entry.reporter);
  await reporter.getByLabel('联系电话').fill(entry.phone);
  const accused = page.getByTestId('accused-0');
  await accused.getByLabel('姓名或单位名称').fill(entry.accused);
  if (entry.unit) await accused.getByLabel('工作单位').fill(entry.unit);
  if (entry.post) await accused.getByLabel('职务').fill(entry.post);
  await page.getByLabel('主要问题摘要').fill(entry.summary);
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByTestId('case-no')).toBeVisible();
}

/**
 * Chooses an option of a single-choice Select: opens it and clicks the option in the open dropdown, again if the
 * click fell into the dropdown's opening animation, until the dropdown has closed on the choice.
 */
export async function pick(page: Page, select: Locator, option: string) {
  const open = page.locator('.ant-select-dropdown:visible');
  await expect(async () => {
    if ((await open.count()) === 0) await select.click();
    await open.getByTitle(option, { exact: true }).click({ timeout: 2_000 });
    await expect(open).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

/** Chooses a radio button in `scope`, clicking again if a click is lost in a dialog's opening animation. */
export async function chooseRadio(scope: Locator, option: string) {
  const radio = scope.getByRole('radio', { name: option, exact: true });
  await expect(async () => {
    await scope.getByText(option, { exact: true }).click({ timeout: 2_000 });
    await expect(radio).toBeChecked({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

/**
 * Presses a dialog's button until the dialog closes: a click can be lost in the dialog's opening animation. A confirm
 * dialog's button ignores further clicks while the first is carried out, so nothing is done twice.
 */
export async function confirmDialog(dialog: Locator, button: string) {
  await expect(async () => {
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: button }).click({ timeout: 2_000 });
    await expect(dialog).toBeHidden({ timeout: 5_000 });
  }).toPass({ timeout: 20_000 });
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-output/screens/${name}.png`, fullPage: true });
}
