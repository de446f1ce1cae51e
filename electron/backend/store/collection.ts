import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { compactRecords } from './compact-records.js';
import { checkBeforeWrite, DurableDocument, type DocumentOptions } from './document.js';
import { CURRENT_SCHEMA_VERSION } from './migrations.js';
import { asciiJson } from './stored-text.js';

/**
 * Records kept in fixed-size shards (one lowdb file each, in creation order), so a save rewrites one shard,
 * never the whole store: the cost of a save does not grow with the number of records.
 */
export const SHARD_SIZE = 250;
/** More than any shard holds, even one written by another version: positions stay exact small integers. */
const SHARD_STRIDE = 2 ** 16;
/** Shards whose records' JSON bytes are kept after a write (the most recently written). */
export const CACHED_SHARDS = 8;

export interface Identified {
  id: string;
}

type Shard<R> = { schemaVersion: number; records: R[] };

export function shardFileName(kind: string, n: number): string {
  return `${kind}-${String(n).padStart(4, '0')}.json`;
}

export async function listShardNumbers(dir: string, kind: string): Promise<number[]> {
  const pattern = new RegExp(`^${kind}-(\\d{4})\\.json(\\.bak\\d)?$`);
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const numbers = new Set<number>();
  for (const name of names) {
    const m = pattern.exec(name);
    if (m) numbers.add(Number(m[1]));
  }
  return [...numbers].sort((a, b) => a - b);
}

export function shardSchema<R>(record: z.ZodType<R>) {
  return z.object({ schemaVersion: z.number().int(), records: z.array(record) });
}

const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

export interface CollectionOptions<R> {
  /** Only list the shard files: the records are read by load() or shardRecords(); get, values and put wait for load(). */
  deferred?: boolean;
  /** Called with each shard's records as they are read, before anything else sees them. */
  onRead?: (records: R[]) => void;
}

/** A shard file's identity and version (inode, size, modification time): every durable save changes it. */
export type FileStamp = string;

export class ShardedCollection<R extends Identified> {
  /** With `deferred`, shards not yet read are holes until load() (or shardRecords) reads them. */
  private readonly shards: Low<Shard<R>>[] = [];
  private readonly adapters: DurableDocument<Shard<R>>[] = [];
  private loading: Promise<void> | null = null;
  private stopped = false;
  /** False until every shard has been read and indexed. */
  loaded = true;
  /**
   * Each record's JSON bytes from its shard's last write, so a save serializes only the records it put (the rest of
   * the shard is copied). Records are replaced, never changed in place; put() forgets the bytes of what it is given.
   * Kept for the CACHED_SHARDS shards written last (a map in write order), so the bytes never hold a copy of the store.
   */
  private bytes = new Map<number, WeakMap<R, Buffer>>();
  /** Where each record is, as one number (not an object each): its shard's number × SHARD_STRIDE + its index there. */
  private readonly where = new Map<string, number>();

  private constructor(
    private readonly dir: string,
    private readonly kind: string,
    private readonly schema: z.ZodType<Shard<R>>,
    private readonly record: z.ZodType<R>,
    private readonly options: DocumentOptions,
    private readonly onRead?: (records: R[]) => void,
  ) {}

  /** Opens the collection and reads every shard, or with `deferred` only lists them (see CollectionOptions). */
  static async open<R extends Identified>(dir: string, kind: string, record: z.ZodType<R>, options: DocumentOptions = {}, { deferred = false, onRead }: CollectionOptions<R> = {}) {
    await fsp.mkdir(dir, { recursive: true });
    const collection = new ShardedCollection<R>(dir, kind, shardSchema(record) as z.ZodType<Shard<R>>, record, { ...options, checkOnWrite: false }, onRead);
    if (!deferred) {
      await collection.reload();
      return collection;
    }
    collection.shards.length = (await collection.shardNumbers()).length;
    collection.adapters.length = collection.shards.length;
    collection.loaded = false;
    return collection;
  }

  private async shardNumbers(): Promise<number[]> {
    const numbers = await listShardNumbers(this.dir, this.kind);
    numbers.forEach((n, i) => {
      if (n !== i) throw new Error(`${this.kind} 分片编号不连续：缺少 ${shardFileName(this.kind, i)}`);
    });
    return numbers;
  }

  /** The number of shard files. */
  get shardCount(): number {
    return this.shards.length;
  }

  /** The records of shard n, read now if the collection is deferred and has not read it yet. */
  async shardRecords(n: number): Promise<readonly R[]> {
    if (!this.shards[n]) {
      const { shard, adapter } = await this.openShard(n);
      this.shards[n] ??= shard;
      this.adapters[n] ??= adapter;
    }
    return this.shards[n]!.data.records;
  }

  /**
   * Reads every shard not read yet, one at a time, yielding between them so that requests are answered meanwhile,
   * then indexes the records. Once only; every caller gets the same promise.
   */
  load(): Promise<void> {
    this.loading ??= (async () => {
      for (let n = 0; n < this.shards.length; n++) {
        if (this.shards[n]) continue;
        await this.shardRecords(n);
        await new Promise((resolve) => setImmediate(resolve));
        if (this.stopped) throw new Error(`${this.kind} 已关闭，停止读入`);
      }
      this.index();
      this.loaded = true;
    })();
    return this.loading;
  }

  /** Stops a load() in progress (the store is being closed). */
  stopLoading(): void {
    this.stopped = true;
  }

  /** Each shard file's stamp (null where the file is missing), read from the file system without reading the file. */
  async stamps(): Promise<(FileStamp | null)[]> {
    return Promise.all(
      Array.from(this.shards, async (_, n) => {
        const stat = await fsp.stat(path.join(this.dir, shardFileName(this.kind, n)), { bigint: true }).catch(() => null);
        return stat && `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
      }),
    );
  }

  /**
   * Per shard, how many saves have been started on it, or null while one is in flight (its file is not yet what
   * memory holds). Equal values before and after reading the stamps mean the stamps belong to what memory holds.
   */
  settledSaves(): (number | null)[] {
    return this.adapters.map((a) => (a.pending ? null : a.started));
  }

  /** Saves started since opening, on every shard. */
  get savesStarted(): number {
    let n = 0;
    for (const adapter of this.adapters) if (adapter) n += adapter.started;
    return n;
  }

  private assertLoaded(): void {
    if (!this.loaded) throw new Error(`${this.kind} 尚未全部读入`);
  }

  /** (Re)reads every shard from disk: at open, and after a transaction was rolled back. */
  async reload(): Promise<void> {
    const numbers = await this.shardNumbers();
    const loaded = await Promise.all(numbers.map((n) => this.openShard(n)));
    this.shards.length = 0;
    this.adapters.length = 0;
    this.bytes.clear();
    for (const { shard, adapter } of loaded) {
      this.shards.push(shard);
      this.adapters.push(adapter);
    }
    this.index();
    this.loaded = true;
  }

  private index(): void {
    this.where.clear();
    this.shards.forEach((shard, n) => {
      shard.data.records.forEach((r, index) => {
        if (this.where.has(r.id)) throw new Error(`${this.kind} 记录 ${r.id} 重复出现`);
        this.where.set(r.id, n * SHARD_STRIDE + index);
      });
    });
  }

  private async openShard(n: number): Promise<{ shard: Low<Shard<R>>; adapter: DurableDocument<Shard<R>> }> {
    const adapter = new DurableDocument(path.join(this.dir, shardFileName(this.kind, n)), this.kind, this.schema, this.options, (shard, schemaHash) => this.serialize(n, shard, schemaHash));
    const shard = new Low<Shard<R>>(adapter, { schemaVersion: CURRENT_SCHEMA_VERSION, records: [] });
    await shard.read();
    compactRecords(shard.data.records);
    this.onRead?.(shard.data.records);
    return { shard, adapter };
  }

  /** The byte cache of shard n, now the most recently written; the least recently written beyond the limit goes. */
  private cacheOf(n: number): WeakMap<R, Buffer> {
    const cache = this.bytes.get(n) ?? new WeakMap<R, Buffer>();
    this.bytes.delete(n);
    this.bytes.set(n, cache);
    for (const oldest of this.bytes.keys()) {
      if (this.bytes.size <= CACHED_SHARDS) break;
      this.bytes.delete(oldest);
    }
    return cache;
  }

  private serialize(n: number, shard: Shard<R>, schemaHash: string): Buffer {
    const cache = this.cacheOf(n);
    const parts: Buffer[] = [Buffer.from(`{"schemaVersion":${JSON.stringify(shard.schemaVersion)},"schemaHash":${JSON.stringify(schemaHash)},"records":[`)];
    shard.records.forEach((record, i) => {
      let json = cache.get(record);
      if (!json) cache.set(record, (json = Buffer.from(asciiJson(record), 'latin1')));
      if (i > 0) parts.push(COMMA);
      parts.push(json);
    });
    parts.push(CLOSE);
    return Buffer.concat(parts);
  }

  get size(): number {
    this.assertLoaded();
    return this.where.size;
  }

  get(id: string): R | undefined {
    this.assertLoaded();
    const at = this.where.get(id);
    return at === undefined ? undefined : this.shards[Math.floor(at / SHARD_STRIDE)]?.data.records[at % SHARD_STRIDE];
  }

  *values(): IterableIterator<R> {
    this.assertLoaded();
    for (const shard of this.shards) yield* shard.data.records;
  }

  /** Rewrites every shard from the records in memory (after a migration, say): nothing kept from before. */
  async writeAll(): Promise<void> {
    this.assertLoaded();
    this.bytes.clear();
    await Promise.all(this.shards.map((s) => s.write()));
  }

  /** Rewrites, one at a time, the shards read from an older version or format (see schemaFingerprint); returns how many. */
  async upgrade(): Promise<number> {
    this.assertLoaded();
    let rewritten = 0;
    for (const [n, adapter] of this.adapters.entries()) {
      if (adapter.isCurrent) continue;
      await this.shards[n]!.write();
      rewritten++;
    }
    return rewritten;
  }

  /** Inserts or replaces records; each touched shard is saved once, durably. */
  async put(...records: R[]): Promise<void> {
    this.assertLoaded();
    for (const record of records) {
      checkBeforeWrite(this.kind, this.record, record);
      for (const cache of this.bytes.values()) cache.delete(record);
    }
    const touched = new Set<number>();
    for (const record of records) {
      const at = this.where.get(record.id);
      if (at !== undefined) {
        const n = Math.floor(at / SHARD_STRIDE);
        this.shards[n]!.data.records[at % SHARD_STRIDE] = record;
        touched.add(n);
        continue;
      }
      let last = this.shards.length - 1;
      if (last < 0 || this.shards[last]!.data.records.length >= SHARD_SIZE) {
        const { shard, adapter } = await this.openShard(this.shards.length);
        this.shards.push(shard);
        this.adapters.push(adapter);
        last = this.shards.length - 1;
      }
      const shard = this.shards[last]!;
      this.where.set(record.id, last * SHARD_STRIDE + shard.data.records.length);
      shard.data.records.push(record);
      touched.add(last);
    }
    await Promise.all([...touched].map((n) => this.shards[n]!.write()));
  }
}
