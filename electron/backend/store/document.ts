import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { readRecovering, removeStaleTemp, writeFileDurably, type DurableWriteOptions, type Recovered } from './durable-file.js';
import { migrateToCurrent } from './migrations.js';

/** How stored bytes become text and back: plain UTF-8 now; the encryption layer plugs in here. */
export interface FileCodec {
  encode(text: string): Uint8Array;
  decode(bytes: Buffer): string;
}
export const plainCodec: FileCodec = {
  encode: (text) => Buffer.from(text, 'utf8'),
  decode: (bytes) => bytes.toString('utf8'),
};

export type RecoveryReport = NonNullable<Recovered<unknown>['recovery']>;

export interface DocumentOptions {
  codec?: FileCodec;
  onRecover?: (report: RecoveryReport) => void;
  write?: DurableWriteOptions;
}

/** Parses and validates one stored document: JSON → schema version check and migrations → zod. */
export function decodeDocument<T>(kind: string, schema: z.ZodType<T>, text: string): T {
  if (text.trim() === '') throw new Error('文件为空');
  const raw: unknown = JSON.parse(text);
  const migrated = migrateToCurrent(kind, raw);
  const parsed = schema.safeParse(migrated);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`结构校验失败（${first?.path.join('.') || '根'}：${first?.message ?? '未知'}）`);
  }
  return parsed.data;
}

/**
 * lowdb adapter for one versioned JSON document with durable saves, backups and recovery.
 * Writes are queued so concurrent saves of the same file never interleave.
 */
export class DurableDocument<T> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve();
  /** True after a read that found neither the file nor a backup: a new store. */
  isNew = false;
  private readonly codec: FileCodec;

  constructor(
    readonly file: string,
    private readonly kind: string,
    private readonly schema: z.ZodType<T>,
    private readonly options: DocumentOptions = {},
  ) {
    this.codec = options.codec ?? plainCodec;
  }

  async read(): Promise<T | null> {
    await removeStaleTemp(this.file);
    const result = await readRecovering(this.file, (bytes) => decodeDocument(this.kind, this.schema, this.codec.decode(bytes)));
    this.isNew = !result;
    if (!result) return null;
    if (result.recovery) this.options.onRecover?.(result.recovery);
    return result.value;
  }

  write(data: T): Promise<void> {
    // Serialise now, so the bytes are the state at the moment of the call.
    const bytes = this.codec.encode(JSON.stringify(data));
    const next = this.queue.then(() => writeFileDurably(this.file, bytes, this.options.write));
    this.queue = next.catch(() => undefined);
    return next;
  }
}
