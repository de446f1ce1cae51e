import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encryptedCodec } from '../security/codec.js';
import { storedCase } from '../test-support/records.js';
import { useTempDirs } from '../test-support/tmp.js';
import { SHARD_SIZE } from './collection.js';
import { CURRENT_SCHEMA_VERSION } from './migrations.js';
import { STORE_DIR, Store } from './store.js';

const tempDir = useTempDirs();

/** The fingerprint files carried before the text format was part of it. */
function formerFingerprint(hash: string): string {
  return createHash('sha256').update(`${CURRENT_SCHEMA_VERSION}:${hash}`).digest('hex').slice(0, 32);
}

/** Rewrites every store file as the version before ASCII JSON wrote it: UTF-8 JSON under the former fingerprint. */
async function rewriteInFormerFormat(dir: string, codec: ReturnType<typeof encryptedCodec>): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  for (const name of names) {
    const doc = JSON.parse(codec.decode(await readFile(path.join(dir, name)))) as { schemaHash: string };
    await writeFile(path.join(dir, name), codec.encode(Buffer.from(JSON.stringify({ ...doc, schemaHash: formerFingerprint(doc.schemaHash) }), 'utf8')));
  }
  return names;
}

describe('upgrading the store files to ASCII JSON', () => {
  it('reads files from before, rewrites each once in the new format, and keeps every record', async () => {
    const dataDir = tempDir();
    const dir = path.join(dataDir, STORE_DIR);
    const codec = encryptedCodec(randomBytes(16));
    const store = await Store.open(dataDir, { codec });
    await store.cases.put(...Array.from({ length: SHARD_SIZE + 3 }, (_, i) => storedCase(i)));
    const before = [...store.cases.values()];
    const names = await rewriteInFormerFormat(dir, codec);
    expect(names).toEqual(expect.arrayContaining(['cases-0000.json', 'cases-0001.json', 'settings.json', 'meta.json']));

    const old = await Store.open(dataDir, { codec });
    expect([...old.cases.values()]).toEqual(before);
    expect(await old.upgradeFiles()).toBe(names.length);
    for (const name of names) {
      const text = codec.decode(await readFile(path.join(dir, name)));
      expect(isAscii(Buffer.from(text, 'utf8')), name).toBe(true);
      if (name.startsWith('cases')) expect(text).toContain('\\u53cd\\u6620');
    }

    const upgraded = await Store.open(dataDir, { codec });
    expect([...upgraded.cases.values()]).toEqual(before);
    expect(upgraded.settings()).toEqual(store.settings());
    expect(await upgraded.upgradeFiles()).toBe(0);
  });
});
