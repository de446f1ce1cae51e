import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { Adapter } from 'lowdb';
import { z } from 'zod';
import { readRecovering, removeStaleTemp, writeFileDurably, type DurableWriteOptions, type Recovered } from './durable-file.js';
import { CURRENT_SCHEMA_VERSION, migrateToCurrent } from './migrations.js';
import { asciiJson, STORED_TEXT_FORMAT } from './stored-text.js';

/** How stored bytes become text and back: plain UTF-8, or encrypted (security/codec.ts). */
export interface FileCodec {
  /** JSON text, or its UTF-8 bytes. */
  encode(text: string | Buffer): Uint8Array;
  decode(bytes: Buffer): string;
  /** True when decode refuses any bytes it did not encode itself (authenticated encryption, no plain fallback). */
  readonly authenticated?: boolean;
}
export const plainCodec: FileCodec = {
  encode: (text) => (typeof text === 'string' ? Buffer.from(text, 'utf8') : text),
  decode: (bytes) => bytes.toString('utf8'),
};

const fingerprints = new WeakMap<z.ZodType, string>();

/**
 * The schema a document was validated against when it was written, as a hash of its JSON Schema and the schema
 * version. A document read back through an authenticated codec with the same fingerprint is exactly what this
 * code validated and wrote, so it is not parsed by zod again (at 50,000 cases that parse was the larger part of
 * opening the store). Any other document, an older schema or a plain file, is validated in full. The text format
 * (ASCII JSON, stored-text.ts) is part of the fingerprint, so a file from before it is also validated and then
 * rewritten by Store.upgradeFiles.
 */
export function schemaFingerprint(schema: z.ZodType): string {
  let hash = fingerprints.get(schema);
  if (!hash) {
    const json = JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }));
    hash = createHash('sha256').update(`${CURRENT_SCHEMA_VERSION}:${STORED_TEXT_FORMAT}:${json}`).digest('hex').slice(0, 32);
    fingerprints.set(schema, hash);
  }
  return hash;
}

/** Validates what is about to be written; a record that would not load again is refused before it is saved. */
export function checkBeforeWrite<T>(kind: string, schema: z.ZodType<T>, value: T): void {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${kind} 数据校验失败，未保存（${first?.path.join('.') || '根'}：${first?.message ?? '未知'}）`);
  }
}

export type RecoveryReport = NonNullable<Recovered<unknown>['recovery']>;

export interface DocumentOptions {
  codec?: FileCodec;
  /** Validate the whole document before each write (small documents; collections check their records instead). */
  checkOnWrite?: boolean;
  onRecover?: (report: RecoveryReport) => void;
  write?: DurableWriteOptions;
}

/**
 * Parses and validates one stored document: JSON → schema version check and migrations → zod; with `trusted`, a
 * document carrying the current schema's fingerprint skips zod (see schemaFingerprint).
 */
export function decodeDocument<T>(kind: string, schema: z.ZodType<T>, text: string, trusted = false): T {
  return decodeStored(kind, schema, text, trusted).value;
}

/** Whether parsed JSON carries the current fingerprint of `schema`: written by this version, in this format. */
function hasCurrentFingerprint(raw: unknown, schema: z.ZodType): raw is { schemaHash: string } {
  return typeof raw === 'object' && raw !== null && 'schemaHash' in raw && raw.schemaHash === schemaFingerprint(schema);
}

/** A current document as stored, without its fingerprint, taken as it is (the caller knows it is authenticated). */
function asWritten<T>(raw: { schemaHash?: string }): T {
  delete raw.schemaHash;
  return raw as T;
}

/** decodeDocument, telling also whether the file is current: written by this version of the program, in this format. */
export function decodeStored<T>(kind: string, schema: z.ZodType<T>, text: string, trusted: boolean): { value: T; current: boolean } {
  if (text.trim() === '') throw new Error('文件为空');
  const raw: unknown = JSON.parse(text);
  const current = hasCurrentFingerprint(raw, schema);
  if (current && trusted) return { value: asWritten<T>(raw), current };
  const migrated = migrateToCurrent(kind, raw);
  const parsed = schema.safeParse(migrated);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`结构校验失败（${first?.path.join('.') || '根'}：${first?.message ?? '未知'}）`);
  }
  return { value: parsed.data, current };
}

/**
 * lowdb adapter for one versioned JSON document with durable saves, backups and recovery.
 * Writes are queued so concurrent saves of the same file never interleave.
 */
export class DurableDocument<T> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve();
  /** True after a read that found neither the file nor a backup: a new store. */
  isNew = false;
  /** False after a read of a file from an older version or format (or a backup): Store.upgradeFiles rewrites it. */
  isCurrent = true;
  /** Saves started, and saves not yet finished. */
  started = 0;
  pending = 0;
  private readonly codec: FileCodec;

  constructor(
    readonly file: string,
    private readonly kind: string,
    private readonly schema: z.ZodType<T>,
    private readonly options: DocumentOptions = {},
    /** The document as JSON bytes with the schema's fingerprint; record collections serialize only what changed. */
    private readonly serialize: (data: T, schemaHash: string) => string | Buffer = (data, schemaHash) => asciiJson({ ...data, schemaHash }),
  ) {
    this.codec = options.codec ?? plainCodec;
  }

  async read(): Promise<T | null> {
    await removeStaleTemp(this.file);
    const trusted = this.codec.authenticated === true;
    const result = await readRecovering(this.file, (bytes) => decodeStored(this.kind, this.schema, this.codec.decode(bytes), trusted));
    this.isNew = !result;
    if (!result) return null;
    if (result.recovery) this.options.onRecover?.(result.recovery);
    this.isCurrent = result.value.current && !result.recovery;
    return result.value.value;
  }

  /**
   * For a cache: the document only when it is exactly what this version wrote (authenticated, current fingerprint);
   * null for a missing, older, damaged or unauthenticated file, which is left as it is and simply not used.
   */
  async readCurrent(): Promise<T | null> {
    if (this.codec.authenticated !== true) return null;
    try {
      const raw: unknown = JSON.parse(this.codec.decode(await fsp.readFile(this.file)));
      return hasCurrentFingerprint(raw, this.schema) ? asWritten<T>(raw) : null;
    } catch {
      return null;
    }
  }

  write(data: T): Promise<void> {
    // Small documents are validated whole; record collections validate each record they put (collection.ts).
    if (this.options.checkOnWrite) checkBeforeWrite(this.kind, this.schema, data);
    // Serialise now, so the bytes are the state at the moment of the call.
    const bytes = this.codec.encode(this.serialize(data, schemaFingerprint(this.schema)));
    this.started++;
    this.pending++;
    const next = this.queue
      .then(async () => {
        await writeFileDurably(this.file, bytes, this.options.write);
        this.isCurrent = true;
      })
      .finally(() => this.pending--);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
