import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { encryptedCodec } from '../security/codec.js';
import { useTempDirs } from '../test-support/tmp.js';
import { CACHED_SHARDS, SHARD_SIZE, ShardedCollection, shardFileName } from './collection.js';
import { plainCodec, schemaFingerprint } from './document.js';
import { CURRENT_SCHEMA_VERSION } from './migrations.js';

const tempDir = useTempDirs();
const Item = z.object({ id: z.string().min(1), title: z.string().min(2, '标题至少两个字'), tags: z.array(z.string()).default([]) });

describe('validation at the store boundary', () => {
  it('refuses to save a record that would not load again, and keeps what was saved', async () => {
    const dir = tempDir();
    const items = await ShardedCollection.open(dir, 'items', Item, { codec: encryptedCodec(randomBytes(16)) });
    await items.put({ id: 'a', title: '第一件', tags: [] });
    await expect(items.put({ id: 'b', title: '短', tags: [] }, { id: 'c', title: 'x', tags: [] })).rejects.toThrow(/数据校验失败，未保存（title：标题至少两个字）/);
    expect([...items.values()].map((i) => i.id)).toEqual(['a']);
  });

  it('writes what is in memory when a save serializes only the records it was given', async () => {
    const dir = tempDir();
    const codec = encryptedCodec(randomBytes(16));
    const items = await ShardedCollection.open(dir, 'items', Item, { codec });
    await items.put({ id: 'a', title: '第一件', tags: [] }, { id: 'b', title: '第二件', tags: [] });
    const replaced = { id: 'b', title: '第二件（改）', tags: ['改'] };
    await items.put(replaced);
    // The same object changed and put again is serialized again, not taken from before.
    replaced.tags.push('再改');
    await items.put(replaced, { id: 'c', title: '第三件', tags: [] });
    const reopened = await ShardedCollection.open(dir, 'items', Item, { codec });
    expect([...reopened.values()]).toEqual([...items.values()]);
    expect(reopened.get('b')?.tags).toEqual(['改', '再改']);
  });

  it('writes whole shards again once their bytes have left the cache of recently written shards', async () => {
    const dir = tempDir();
    const codec = encryptedCodec(randomBytes(16));
    const items = await ShardedCollection.open(dir, 'items', Item, { codec });
    const count = (CACHED_SHARDS + 2) * SHARD_SIZE;
    await items.put(...Array.from({ length: count }, (_, i) => ({ id: `i${i}`, title: `第${i}件`, tags: [] })));
    await items.put({ id: 'i1', title: '第一件（改）', tags: ['改'] }, { id: `i${count - 1}`, title: '最后一件（改）', tags: [] });
    const reopened = await ShardedCollection.open(dir, 'items', Item, { codec });
    expect(reopened.size).toBe(count);
    expect([...reopened.values()]).toEqual([...items.values()]);
    expect(reopened.get('i1')?.title).toBe('第一件（改）');
  });

  it('opened deferred, reads shards on demand or all by load(), and refuses records before that', async () => {
    const dir = tempDir();
    const codec = encryptedCodec(randomBytes(16));
    const items = await ShardedCollection.open(dir, 'items', Item, { codec });
    await items.put(...Array.from({ length: SHARD_SIZE + 5 }, (_, i) => ({ id: `i${i}`, title: `第${i}件`, tags: [] })));
    const stamps = await items.stamps();
    expect(stamps.every(Boolean)).toBe(true);

    const deferred = await ShardedCollection.open(dir, 'items', Item, { codec }, { deferred: true });
    expect(deferred.loaded).toBe(false);
    expect(deferred.shardCount).toBe(2);
    expect(() => deferred.get('i0')).toThrow(/尚未全部读入/);
    await expect(deferred.put({ id: 'x', title: '新的一件', tags: [] })).rejects.toThrow(/尚未全部读入/);
    expect((await deferred.shardRecords(1)).map((r) => r.id)).toEqual(['i250', 'i251', 'i252', 'i253', 'i254']);
    expect(await deferred.stamps()).toEqual(stamps);
    await deferred.load();
    expect([...deferred.values()]).toEqual([...items.values()]);

    // A save changes its shard's stamp and count of saves; the other shard keeps both.
    const saves = deferred.settledSaves();
    await deferred.put({ id: 'i3', title: '第三件（改）', tags: [] });
    const after = await deferred.stamps();
    expect(after[0]).not.toBe(stamps[0]);
    expect(after[1]).toBe(stamps[1]);
    expect(deferred.settledSaves()).toEqual([saves[0]! + 1, saves[1]]);
  });

  it('trusts only an authenticated file written under the current schema; any other is validated in full', async () => {
    const dir = tempDir();
    const key = randomBytes(16);
    const codec = encryptedCodec(key);
    const file = path.join(dir, shardFileName('items', 0));
    const shard = (hash: string) => JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, schemaHash: hash, records: [{ id: 'a', title: '旧记录' }] });
    const fingerprint = schemaFingerprint(z.object({ schemaVersion: z.number().int(), records: z.array(Item) }));

    // Written under an older schema (another fingerprint): zod runs and fills the default.
    await writeFile(file, codec.encode(shard('older')));
    expect([...(await ShardedCollection.open(dir, 'items', Item, { codec })).values()][0]).toEqual({ id: 'a', title: '旧记录', tags: [] });

    // A plain file claiming the current fingerprint proves nothing: still validated.
    await writeFile(file, plainCodec.encode(shard(fingerprint)));
    expect([...(await ShardedCollection.open(dir, 'items', Item, { codec: plainCodec })).values()][0]).toEqual({ id: 'a', title: '旧记录', tags: [] });

    // What the store writes carries the fingerprint and reads back as written.
    await writeFile(file, codec.encode(shard('older')));
    const items = await ShardedCollection.open(dir, 'items', Item, { codec });
    await items.put({ id: 'b', title: '新记录', tags: ['x'] });
    expect(JSON.parse(codec.decode(await readFile(file)))).toMatchObject({ schemaHash: fingerprint });
    expect([...(await ShardedCollection.open(dir, 'items', Item, { codec })).values()].map((i) => i.id)).toEqual(['a', 'b']);
  });
});

describe('the encrypted file codec', () => {
  it('compresses before encrypting and still reads files written uncompressed', async () => {
    const { encrypt } = await import('../security/crypto.js');
    const key = randomBytes(16);
    const codec = encryptedCodec(key);
    const text = JSON.stringify({ records: Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, summary: '反映某村干部在低保评定中优亲厚友。' })) });
    const bytes = codec.encode(text);
    expect(bytes.length).toBeLessThan(Buffer.byteLength(text) / 4);
    expect(codec.decode(Buffer.from(bytes))).toBe(text);
    expect(codec.decode(encrypt(Buffer.from(text, 'utf8'), key))).toBe(text);
  });
});
