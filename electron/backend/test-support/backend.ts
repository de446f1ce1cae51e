import type { Method, MethodInput, MethodOutput } from '../../../shared/contract.js';
import { openBackend, type Backend } from '../backend.js';
import { silentLogger } from '../log.js';

export const TEST_OFFICE = {
  fullName: '中共鹤峰县纪律检查委员会 鹤峰县监察委员会',
  shortName: '鹤峰县纪委监委',
  issuerMark: '中共鹤峰县纪律检查委员会',
  docCode: '鹤纪',
  caseNoPattern: '鹤纪信〔{年}〕{序号}号',
  regions: ['容美镇', '走马镇', '县教育局'],
};

export async function testBackend(dataDir: string, now = () => new Date('2026-11-25T09:00:00+08:00')): Promise<Backend> {
  return openBackend({ dataDir, host: 'cli', version: 'test', now, log: silentLogger });
}

/** Calls a method through the real dispatch and unwraps the envelope (throws with code: message). */
export async function call<M extends Method>(backend: Backend, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await backend.dispatch(method, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

export async function setUpOffice(backend: Backend) {
  return call(backend, 'settings.setupOffice', TEST_OFFICE);
}
