import type { Method, MethodInput, MethodOutput } from '../../../shared/contract.js';
import { openBackend, type Backend, type BackendOptions } from '../backend.js';
import { silentLogger } from '../log.js';

export const TEST_OFFICE = {
  fullName: '中共鹤峰县纪律检查委员会 鹤峰县监察委员会',
  shortName: '鹤峰县纪委监委',
  issuerMark: '中共鹤峰县纪律检查委员会',
  docCode: '鹤纪',
  caseNoPattern: '鹤纪信〔{年}〕{序号}号',
  regions: ['容美镇', '走马镇', '县教育局'],
};

export const ADMIN = { name: 'admin', displayName: '王主任', password: 'Xinfang#2026' };
/** Cheap key derivation: tests log in hundreds of times. */
export const TEST_KDF = { N: 2 ** 10 };

export async function testBackend(dataDir: string, now = () => new Date('2026-11-25T09:00:00+08:00'), options: Partial<BackendOptions> = {}): Promise<Backend> {
  return openBackend({ dataDir, host: 'cli', version: 'test', now, log: silentLogger, kdfCost: TEST_KDF, ...options });
}

/** Creates the administrator on first use, otherwise logs in as it. */
export async function loginAdmin(backend: Backend) {
  if ((await call(backend, 'auth.status', {})).hasUsers) return call(backend, 'auth.login', { name: ADMIN.name, password: ADMIN.password });
  return (await call(backend, 'auth.setupAdmin', { ...ADMIN, createRecoveryKey: true })).session;
}

/** Calls a method through the real dispatch and unwraps the envelope (throws with code: message). */
export async function call<M extends Method>(backend: Backend, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await backend.dispatch(method, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

export async function setUpOffice(backend: Backend) {
  await loginAdmin(backend);
  return call(backend, 'settings.setupOffice', TEST_OFFICE);
}
