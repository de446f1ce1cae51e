import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { CaseRecord } from '../../../shared/domain/case.js';
import { STORE_DIR, type Store } from '../store/store.js';
import { isEncrypted } from './crypto.js';
import { isSealed, sealIdentity } from './identity.js';

/**
 * Converts a data directory from before encryption, on the first login: seals every reporter identity, encrypts
 * the attachments, rewrites every document encrypted, then removes what is still plaintext (old backups, files
 * set aside as corrupt), so no plaintext copy stays on disk. Nothing is removed before its encrypted copy is written.
 */
export async function migratePlainStore(store: Store, dataDir: string, identityKey: Buffer | null) {
  const sealed: CaseRecord[] = [];
  let attachments = 0;
  for (const record of store.cases.values()) {
    for (const a of record.attachments) if (await store.attachments.encryptPlain(a.sha256)) attachments += 1;
    if (!isSealed(record.identity)) sealed.push({ ...record, identity: sealIdentity(identityKey, record.id, record.identity) });
  }
  if (sealed.length) await store.cases.put(...sealed);
  await store.rewriteAll();
  const dir = path.join(dataDir, STORE_DIR);
  let removed = 0;
  for (const name of await fsp.readdir(dir)) {
    const file = path.join(dir, name);
    if (!isEncrypted(await fsp.readFile(file))) {
      await fsp.rm(file);
      removed += 1;
    }
  }
  return { cases: sealed.length, attachments, removed };
}
