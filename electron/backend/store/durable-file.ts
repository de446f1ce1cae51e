import { promises as fsp } from 'node:fs';
import path from 'node:path';

/**
 * Durable replacement of one file: temp file → fsync → keep the current version as backup → rename → fsync dir.
 * A crash at any step leaves either the old or the new version readable, plus backups.
 */
export const BACKUP_COUNT = 3;
export const SAVE_STEPS = ['write-temp', 'fsync-temp', 'rotate-backups', 'link-backup', 'rename', 'fsync-dir'] as const;
export type SaveStep = (typeof SAVE_STEPS)[number];

export interface DurableWriteOptions {
  /** Test hook: called before each step; throwing simulates a crash at that step. */
  beforeStep?: (step: SaveStep, file: string) => void;
  keepBackups?: boolean;
}

export function backupPath(file: string, n: number): string {
  return `${file}.bak${n}`;
}
export function tempPath(file: string): string {
  return `${file}.tmp`;
}

const RETRYABLE = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** Windows antivirus and indexers briefly hold files open: retry the rename with backoff. */
export async function renameWithRetry(from: string, to: string, attempts = 8): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await fsp.rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (!RETRYABLE.has(code) || i >= attempts - 1) throw err;
      await new Promise((r) => setTimeout(r, 10 * 2 ** i));
    }
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  // Directories cannot be opened for fsync on Windows; there the rename is already durable.
  if (process.platform === 'win32') return;
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.access(file);
    return true;
  } catch {
    return false;
  }
}

async function keepCurrentAsBackup(file: string, opts: DurableWriteOptions): Promise<void> {
  opts.beforeStep?.('rotate-backups', file);
  for (let n = BACKUP_COUNT - 1; n >= 1; n--) {
    if (await exists(backupPath(file, n))) await renameWithRetry(backupPath(file, n), backupPath(file, n + 1));
  }
  opts.beforeStep?.('link-backup', file);
  if (!(await exists(file))) return;
  try {
    // A hard link keeps the current file in place, so there is never a moment without it.
    await fsp.link(file, backupPath(file, 1));
  } catch {
    await fsp.copyFile(file, backupPath(file, 1));
  }
}

export async function writeFileDurably(file: string, bytes: Uint8Array, opts: DurableWriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  const tmp = tempPath(file);
  opts.beforeStep?.('write-temp', file);
  const handle = await fsp.open(tmp, 'w');
  try {
    await handle.writeFile(bytes);
    opts.beforeStep?.('fsync-temp', file);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (opts.keepBackups !== false) await keepCurrentAsBackup(file, opts);
  opts.beforeStep?.('rename', file);
  await renameWithRetry(tmp, file);
  opts.beforeStep?.('fsync-dir', file);
  await fsyncDir(dir);
}

export interface Recovered<T> {
  value: T;
  /** Set when the main file was unusable and a backup was loaded instead. */
  recovery?: { file: string; from: string; reason: string };
}

/**
 * Reads a file, falling back to the newest valid backup. An unusable main file is moved aside (never deleted).
 * Returns null only when neither the file nor any backup exists (a new store).
 */
export async function readRecovering<T>(file: string, decode: (bytes: Buffer) => T): Promise<Recovered<T> | null> {
  const candidates = [file, ...Array.from({ length: BACKUP_COUNT }, (_, i) => backupPath(file, i + 1))];
  const problems: string[] = [];
  let mainProblem: string | null = null;
  for (const candidate of candidates) {
    let bytes: Buffer;
    try {
      bytes = await fsp.readFile(candidate);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        if (candidate === file) mainProblem = '文件不存在';
        continue;
      }
      throw err;
    }
    try {
      const value = decode(bytes);
      if (candidate === file) return { value };
      const reason = mainProblem ?? problems[0] ?? '主文件不可用';
      return { value, recovery: { file: path.basename(file), from: path.basename(candidate), reason } };
    } catch (err) {
      const reason = bytes.length === 0 ? '文件为空' : `内容无效：${(err as Error).message}`;
      problems.push(`${path.basename(candidate)}：${reason}`);
      if (candidate === file) {
        mainProblem = reason;
        await fsp.rename(file, `${file}.corrupt-${Date.now()}`);
      }
    }
  }
  if (problems.length === 0) return null;
  throw new Error(`${path.basename(file)} 及其备份均无法读取：${problems.join('；')}`);
}

/** Removes a temp file left by a save that was interrupted before its rename. */
export async function removeStaleTemp(file: string): Promise<void> {
  await fsp.rm(tempPath(file), { force: true });
}
