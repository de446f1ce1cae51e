import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { shardSchema } from './collection.js';
import { isEncrypted } from '../security/crypto.js';
import { KEYRING_FILE, KeyringDoc } from '../security/keyring.js';
import { decodeDocument, plainCodec, type FileCodec } from './document.js';
import { STORE_DIR, storeCollections, storeDocuments } from './store.js';

export interface FileCheck {
  file: string;
  ok: boolean;
  problem?: string;
}

/** Which schema a stored file (or one of its backups) must satisfy; null for files the store does not own. */
function schemaFor(name: string): { kind: string; schema: z.ZodType } | null {
  const base = name.replace(/\.bak\d$/, '');
  for (const [kind, doc] of Object.entries(storeDocuments)) if (doc.file === base) return { kind, schema: doc.schema };
  for (const [kind, record] of Object.entries(storeCollections)) {
    if (new RegExp(`^${kind}-\\d{4}\\.json$`).test(base)) return { kind, schema: shardSchema(record as z.ZodType) };
  }
  return null;
}

/**
 * Checks every data file and backup. With the data key (a logged-in user): decrypts and checks JSON, schema
 * version and schema. Without it: each file must be encrypted and authenticated later; its envelope is checked.
 */
export async function verifyStore(dataDir: string, codec: FileCodec | null = null): Promise<FileCheck[]> {
  const dir = path.join(dataDir, STORE_DIR);
  let names: string[];
  try {
    names = (await fsp.readdir(dir)).sort();
  } catch {
    return [{ file: dir, ok: false, problem: '数据目录中没有 store 文件夹（不是信访举报工作台的数据目录，或尚未初始化）' }];
  }
  const checks: FileCheck[] = [];
  for (const name of names) {
    if (name.endsWith('.tmp') || name.includes('.corrupt-')) {
      checks.push({ file: name, ok: true, problem: name.endsWith('.tmp') ? '中断保存留下的临时文件，下次启动时清除' : '已隔离的损坏文件' });
      continue;
    }
    const spec = schemaFor(name);
    if (!spec) continue;
    try {
      const bytes = await fsp.readFile(path.join(dir, name));
      if (codec) decodeDocument(spec.kind, spec.schema, codec.decode(bytes));
      else if (!isEncrypted(bytes)) throw new Error('文件未加密或已损坏（缺少加密文件头）');
      checks.push(codec ? { file: name, ok: true } : { file: name, ok: true, problem: '已加密；未登录，未解密校验内容' });
    } catch (err) {
      checks.push({ file: name, ok: false, problem: (err as Error).message });
    }
  }
  for (const doc of Object.values(storeDocuments)) {
    if (!names.includes(doc.file)) checks.push({ file: doc.file, ok: false, problem: '文件缺失' });
  }
  return [await checkKeyring(dataDir), ...checks];
}

/** The audit head the store keeps (encrypted), or undefined when meta.json cannot be read. */
export async function readAuditHead(dataDir: string, codec: FileCodec): Promise<{ seq: number; hash: string } | undefined> {
  try {
    const bytes = await fsp.readFile(path.join(dataDir, STORE_DIR, storeDocuments.meta.file));
    return decodeDocument('meta', storeDocuments.meta.schema, codec.decode(bytes)).auditHead ?? undefined;
  } catch {
    return undefined;
  }
}

async function checkKeyring(dataDir: string): Promise<FileCheck> {
  try {
    decodeDocument('keyring', KeyringDoc, plainCodec.decode(await fsp.readFile(path.join(dataDir, KEYRING_FILE))));
    return { file: KEYRING_FILE, ok: true };
  } catch (err) {
    return { file: KEYRING_FILE, ok: false, problem: (err as NodeJS.ErrnoException).code === 'ENOENT' ? '文件缺失（尚未创建管理员）' : (err as Error).message };
  }
}
