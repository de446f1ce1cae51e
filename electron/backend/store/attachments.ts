import { createHash, createHmac } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { decrypt, encrypt, isEncrypted } from '../security/crypto.js';
import { writeFileDurably } from './durable-file.js';

/** Scanned letters, photos and PDFs, stored beside the data as files named by their SHA-256. */
export const ATTACHMENT_DIR = 'attachments';
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

interface FileType {
  mime: string;
  label: string;
  extensions: string[];
  matches(b: Buffer): boolean;
}

const starts = (b: Buffer, ...bytes: number[]) => bytes.every((x, i) => b[i] === x);
export const ATTACHMENT_TYPES: FileType[] = [
  { mime: 'application/pdf', label: 'PDF', extensions: ['pdf'], matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mime: 'image/jpeg', label: 'JPEG 图片', extensions: ['jpg', 'jpeg'], matches: (b) => starts(b, 0xff, 0xd8, 0xff) },
  { mime: 'image/png', label: 'PNG 图片', extensions: ['png'], matches: (b) => starts(b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
  { mime: 'image/tiff', label: 'TIFF 扫描件', extensions: ['tif', 'tiff'], matches: (b) => starts(b, 0x49, 0x49, 0x2a, 0x00) || starts(b, 0x4d, 0x4d, 0x00, 0x2a) },
  { mime: 'image/gif', label: 'GIF 图片', extensions: ['gif'], matches: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  { mime: 'image/bmp', label: 'BMP 图片', extensions: ['bmp'], matches: (b) => starts(b, 0x42, 0x4d) && b.length > 26 },
];
export const ACCEPTED_EXTENSIONS = ATTACHMENT_TYPES.flatMap((t) => t.extensions);

/** Checks size, the extension and the file's actual content; returns the detected type. */
export function checkAttachment(name: string, bytes: Buffer): FileType {
  if (bytes.length === 0) throw new AppError('INVALID_INPUT', `附件“${name}”是空文件`);
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError('TOO_LARGE', `附件“${name}”超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB，请压缩或分拆后再上传`);
  }
  const ext = path.extname(name).slice(1).toLowerCase();
  const byExtension = ATTACHMENT_TYPES.find((t) => t.extensions.includes(ext));
  if (!byExtension) {
    throw new AppError('UNSUPPORTED_TYPE', `附件“${name}”的类型不受支持，只接受 ${ACCEPTED_EXTENSIONS.join('、')} 文件`);
  }
  if (!byExtension.matches(bytes)) {
    throw new AppError('UNSUPPORTED_TYPE', `附件“${name}”的内容不是${byExtension.label}（扩展名与内容不符），未保存`);
  }
  return byExtension;
}

/**
 * Files are encrypted with the file key and named by a keyed hash of their SHA-256, so neither the content nor a
 * recognisable hash of it lies on disk. Without keys (tests of the plain layout, migration) names are the SHA-256.
 */
export interface AttachmentKeys {
  fileKey: Buffer;
  nameKey: Buffer;
}

export class AttachmentFiles {
  constructor(
    private readonly dir: string,
    private readonly keys: AttachmentKeys | null,
  ) {}

  private pathOf(sha256: string, keyed = this.keys !== null): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('INVALID_INPUT', '附件标识无效');
    const name = keyed && this.keys ? createHmac('sha256', this.keys.nameKey).update(sha256).digest('hex') : sha256;
    return path.join(this.dir, name.slice(0, 2), name);
  }

  async put(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = this.pathOf(sha256);
    if (!(await this.has(sha256))) {
      await fsp.mkdir(path.dirname(file), { recursive: true });
      await writeFileDurably(file, this.keys ? encrypt(bytes, this.keys.fileKey) : bytes, { keepBackups: false });
    }
    return sha256;
  }

  async has(sha256: string): Promise<boolean> {
    return fsp.access(this.pathOf(sha256)).then(() => true, () => false);
  }

  /** Reads a file and checks it still has the content its name promises. */
  async read(sha256: string): Promise<Buffer> {
    const stored = await fsp.readFile(this.pathOf(sha256)).catch(() => {
      throw new AppError('NOT_FOUND', '附件文件缺失，请从备份恢复');
    });
    let bytes: Buffer;
    try {
      bytes = this.keys ? decrypt(stored, this.keys.fileKey) : stored;
    } catch {
      throw new AppError('INTERNAL', '附件文件已损坏或被修改，请从备份恢复', `attachment ${sha256} failed to decrypt`);
    }
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      throw new AppError('INTERNAL', '附件文件已损坏（内容校验不符），请从备份恢复', `attachment ${sha256} hash mismatch`);
    }
    return bytes;
  }

  /** Migration: a plain file from before encryption is encrypted under its keyed name and the plain copy removed. */
  async encryptPlain(sha256: string): Promise<boolean> {
    const plain = this.pathOf(sha256, false);
    const bytes = await fsp.readFile(plain).catch(() => null);
    if (!bytes || isEncrypted(bytes)) return false;
    await this.put(bytes);
    await fsp.rm(plain);
    return true;
  }
}
