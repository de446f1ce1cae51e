import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, methodNames } from '../../shared/contract.js';
import { ROLES, roleMay } from '../../shared/domain/users.js';
import { ADMIN, call, loginAdmin, setUpOffice, TEST_OFFICE, testBackend } from './test-support/backend.js';
import { useTempDirs } from './test-support/tmp.js';

const tempDir = useTempDirs();

describe('backend dispatch', () => {
  it('has a handler for every contract method', async () => {
    const backend = await testBackend(tempDir());
    for (const m of methodNames) expect(backend.handlers[m], m).toBeTypeOf('function');
    await backend.close();
  });

  it('answers unknown methods and invalid input with a code and a Chinese message', async () => {
    const backend = await testBackend(tempDir());
    await loginAdmin(backend);
    expect(await backend.dispatch('fs.readFile', {})).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: '未知的操作请求。' } });
    expect(await backend.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const bad = await backend.dispatch('settings.setupOffice', { ...TEST_OFFICE, fullName: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!bad.ok && bad.error.message).toContain('机关全称');
    const pattern = await backend.dispatch('settings.setupOffice', { ...TEST_OFFICE, caseNoPattern: '鹤纪信{年}' });
    expect(!pattern.ok && pattern.error.message).toContain('{序号}');
    await backend.close();
  });

  it('refuses every non-public method before login', async () => {
    const backend = await testBackend(tempDir());
    for (const m of methodNames.filter((m) => contract[m].access !== 'public')) {
      expect(await backend.dispatch(m, {}), m).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN', message: '请先登录' } });
    }
    await backend.close();
  });

  it('every contract method refuses a role without its permission, and records the refusal', async () => {
    const dir = tempDir();
    const backend = await testBackend(dir);
    await setUpOffice(backend);
    const password = 'Role#2026pw';
    for (const [i, role] of ROLES.entries()) await call(backend, 'users.create', { name: `user${i}`, displayName: `用户${i}`, role, password });
    for (const [i, role] of ROLES.entries()) {
      await call(backend, 'auth.login', { name: `user${i}`, password });
      for (const m of methodNames) {
        const access = contract[m].access;
        if (access === 'public' || access === 'session' || roleMay(role, access)) continue;
        expect(await backend.dispatch(m, {}), `${role} ${m}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    await loginAdmin(backend);
    const denied = await call(backend, 'audit.query', { action: 'permission.denied', pageSize: 500 });
    expect(denied.total).toBeGreaterThan(20);
    await backend.close();
  });

  it('keeps the office settings across restarts and refuses a second setup', async () => {
    const dir = tempDir();
    let backend = await testBackend(dir);
    await loginAdmin(backend);
    expect((await call(backend, 'app.info', {})).setUp).toBe(false);
    const events: string[] = [];
    backend.onEvent((name) => events.push(name));
    await call(backend, 'settings.setupOffice', TEST_OFFICE);
    expect(events).toEqual(['settings.changed']);
    await expect(call(backend, 'settings.setupOffice', TEST_OFFICE)).rejects.toThrow(/ALREADY_SET_UP/);
    await backend.close();
    backend = await testBackend(dir);
    expect((await call(backend, 'auth.status', {})).hasUsers).toBe(true);
    await call(backend, 'auth.login', { name: ADMIN.name, password: ADMIN.password });
    expect((await call(backend, 'settings.get', {})).office).toMatchObject({ shortName: '鹤峰县纪委监委' });
    expect((await call(backend, 'app.info', {})).setUp).toBe(true);
    await backend.close();
  });

  it('recovers a corrupted settings file from backup and tells the user', async () => {
    const dir = tempDir();
    let backend = await testBackend(dir);
    await setUpOffice(backend);
    await call(backend, 'settings.updateOffice', { ...TEST_OFFICE, shortName: '鹤峰纪委' });
    await backend.close();
    const file = path.join(dir, 'store', 'settings.json');
    await fsp.writeFile(file, (await fsp.readFile(file)).subarray(0, 40));
    backend = await testBackend(dir);
    await loginAdmin(backend);
    const info = await call(backend, 'app.info', {});
    expect(info.recoveries).toEqual([expect.objectContaining({ file: 'settings.json', from: 'settings.json.bak1' })]);
    expect((await call(backend, 'settings.get', {})).office?.shortName).toBe('鹤峰县纪委监委');
    await backend.close();
  });
});
