import { gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { AppError } from '../../../shared/errors.js';

/**
 * The inside of a bundle: named entries, length-prefixed, gzipped. Names come from an allowlist (never a path that
 * could leave a folder), sizes are bounded before a byte is read, and decompression stops at the total bound.
 * Layout per entry: u16 name length | name (UTF-8) | u32 size | bytes.
 */
export interface ContainerLimits {
  /** Largest single entry (a scanned attachment, or one part of the cases). */
  maxEntryBytes: number;
  /** All entries together, unpacked. */
  maxTotalBytes: number;
  maxEntries: number;
}

export const DEFAULT_LIMITS: ContainerLimits = { maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024, maxEntries: 200_000 };

/** Names a bundle may hold; anything else (../x, /etc/x, C:\x, a\b, unknown parts) refuses the bundle. */
const ENTRY_NAME = /^(manifest\.json|identities\.json|state\.json|receipt\.json|cases\/\d{4}\.json|attachments\/[0-9a-f]{64})$/;

export function checkEntryName(name: string): void {
  if (!ENTRY_NAME.test(name)) throw new AppError('INVALID_INPUT', '交换包中含有不允许的文件名，已拒绝导入（可能被篡改）', `entry name refused: ${JSON.stringify(name.slice(0, 120))}`);
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip) as (buf: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>;

export async function packEntries(entries: Map<string, Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const [name, bytes] of entries) {
    checkEntryName(name);
    const nameBytes = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(2 + nameBytes.length + 4);
    head.writeUInt16BE(nameBytes.length, 0);
    nameBytes.copy(head, 2);
    head.writeUInt32BE(bytes.length, 2 + nameBytes.length);
    parts.push(head, bytes);
  }
  // Level 1: cases compress well even so, and scans are already compressed.
  return gzipAsync(Buffer.concat(parts), { level: 1 });
}

const tooLarge = (detail: string) => new AppError('TOO_LARGE', '交换包解开后超过允许的大小，已拒绝导入（可能被篡改）', detail);
const malformed = (detail: string) => new AppError('INVALID_INPUT', '交换包内容格式有误，已拒绝导入', detail);

/** Unpacks in memory within the limits; nothing is written anywhere. */
export async function unpackEntries(packed: Buffer, limits: ContainerLimits = DEFAULT_LIMITS): Promise<Map<string, Buffer>> {
  let raw: Buffer;
  try {
    raw = await gunzipAsync(packed, { maxOutputLength: limits.maxTotalBytes + limits.maxEntries * 300 });
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge('gunzip exceeded the total bound');
    throw malformed(`gunzip failed: ${(err as Error).message}`);
  }
  const entries = new Map<string, Buffer>();
  let at = 0;
  let total = 0;
  while (at < raw.length) {
    if (entries.size >= limits.maxEntries) throw tooLarge(`more than ${limits.maxEntries} entries`);
    if (at + 2 > raw.length) throw malformed('truncated name length');
    const nameLength = raw.readUInt16BE(at);
    if (at + 2 + nameLength + 4 > raw.length) throw malformed('truncated entry header');
    const name = raw.toString('utf8', at + 2, at + 2 + nameLength);
    checkEntryName(name);
    if (entries.has(name)) throw malformed(`duplicate entry ${name}`);
    const size = raw.readUInt32BE(at + 2 + nameLength);
    if (size > limits.maxEntryBytes) throw tooLarge(`entry ${name} declares ${size} bytes`);
    total += size;
    if (total > limits.maxTotalBytes) throw tooLarge(`entries exceed ${limits.maxTotalBytes} bytes`);
    const start = at + 2 + nameLength + 4;
    if (start + size > raw.length) throw malformed(`entry ${name} truncated`);
    entries.set(name, raw.subarray(start, start + size));
    at = start + size;
  }
  return entries;
}
