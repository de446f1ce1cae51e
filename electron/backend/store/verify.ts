import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { shardSchema } from './collection.js';
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

/** Checks every data file and backup: readable, valid JSON, a known schema version, the schema. */
export async function verifyStore(dataDir: string, codec: FileCodec = plainCodec): Promise<FileCheck[]> {
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
      decodeDocument(spec.kind, spec.schema, codec.decode(await fsp.readFile(path.join(dir, name))));
      checks.push({ file: name, ok: true });
    } catch (err) {
      checks.push({ file: name, ok: false, problem: (err as Error).message });
    }
  }
  for (const doc of Object.values(storeDocuments)) {
    if (!names.includes(doc.file)) checks.push({ file: doc.file, ok: false, problem: '文件缺失' });
  }
  return checks;
}
