import type { Backend } from '../backend.js';
import { canonicalJson } from '../exchange/merge.js';
import type { Store } from '../store/store.js';
import { call, loginAdmin, TEST_OFFICE, testBackend } from './backend.js';

/** Offices for exchange tests: a city office that hands cases down and the county that receives them. */
export const CITY_OFFICE = { ...TEST_OFFICE, fullName: '中共恩施州纪律检查委员会 恩施州监察委员会', shortName: '恩施州纪委监委', issuerMark: '中共恩施州纪律检查委员会', docCode: '恩纪', caseNoPattern: '恩纪信〔{年}〕{序号}号' };
export const COUNTY_OFFICE = TEST_OFFICE;
export const PASSPHRASE = 'USB-交换口令-2026';

export async function openOffice(dir: string, office: typeof TEST_OFFICE): Promise<Backend> {
  const backend = await testBackend(dir);
  await loginAdmin(backend);
  if (!(await call(backend, 'settings.get', {})).office) await call(backend, 'settings.setupOffice', office);
  return backend;
}

/** `truster` trusts `other`'s key file, the fingerprint as read over the phone. */
export async function trust(truster: Backend, other: Backend) {
  const key = await call(other, 'exchange.keyFile', {});
  return call(truster, 'exchange.trust', { text: key.text, fingerprint: key.fingerprint });
}

export async function officeId(backend: Backend): Promise<string> {
  return (await call(backend, 'exchange.status', {})).office.officeId;
}

/** Everything an import may change, to show that a refused one changed nothing. */
export function snapshot(backend: Backend | Store): string {
  const store = 'context' in backend ? backend.context.store : backend;
  return canonicalJson({ cases: [...store.cases.values()], exchange: store.exchange(), counters: store.counters(), settings: store.settings() });
}
