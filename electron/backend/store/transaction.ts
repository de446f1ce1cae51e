import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fsyncDir, renameWithRetry } from './durable-file.js';

/**
 * All-or-nothing changes across several store files (an import writes many shards and the exchange state).
 * Before the first write, every current file is kept in a journal folder (hard links: no copying, and the durable
 * writes replace files by rename, so the kept inodes stay as they were). The folder appears by rename, so it is
 * either complete or absent. Success removes it; a failure, or a crash found by the next Store.open, puts every kept
 * file back and removes files the change created: the store is exactly as before.
 */
const JOURNAL = 'journal';
const JOURNAL_OPENING = 'journal.opening';
const JOURNAL_DONE = 'journal.done';
const JOURNAL_LIST = 'files.json';
/** The store's own files (not backups, temps or journals). */
const STORE_FILE = /^[a-z]+(-\d{4})?\.json$/;

export async function beginJournal(dir: string): Promise<void> {
  const opening = path.join(dir, JOURNAL_OPENING);
  await fsp.rm(opening, { recursive: true, force: true });
  await fsp.mkdir(opening);
  const files = (await fsp.readdir(dir)).filter((n) => STORE_FILE.test(n));
  for (const name of files) {
    await fsp.link(path.join(dir, name), path.join(opening, name)).catch(() => fsp.copyFile(path.join(dir, name), path.join(opening, name)));
  }
  const list = await fsp.open(path.join(opening, JOURNAL_LIST), 'w');
  try {
    await list.writeFile(JSON.stringify(files));
    await list.sync();
  } finally {
    await list.close();
  }
  await fsyncDir(opening);
  await renameWithRetry(opening, path.join(dir, JOURNAL));
  await fsyncDir(dir);
}

/** The change is complete: drop the kept versions. */
export async function commitJournal(dir: string): Promise<void> {
  await renameWithRetry(path.join(dir, JOURNAL), path.join(dir, JOURNAL_DONE));
  await fsyncDir(dir);
  await fsp.rm(path.join(dir, JOURNAL_DONE), { recursive: true, force: true });
}

/**
 * Puts the store back as it was when the journal was opened. Safe to repeat (a crash during a rollback is
 * completed by the next open). Returns whether there was anything to roll back.
 */
export async function rollbackJournal(dir: string): Promise<boolean> {
  await fsp.rm(path.join(dir, JOURNAL_OPENING), { recursive: true, force: true });
  await fsp.rm(path.join(dir, JOURNAL_DONE), { recursive: true, force: true });
  const journal = path.join(dir, JOURNAL);
  let kept: string[];
  try {
    kept = JSON.parse(await fsp.readFile(path.join(journal, JOURNAL_LIST), 'utf8')) as string[];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  const keptSet = new Set(kept);
  for (const name of await fsp.readdir(dir)) {
    const base = name.replace(/\.(bak\d|tmp)$/, '');
    if (STORE_FILE.test(base) && !keptSet.has(base)) await fsp.rm(path.join(dir, name), { force: true });
  }
  for (const name of kept) {
    const from = path.join(journal, name);
    const there = await fsp.access(from).then(() => true, () => false);
    if (there) await renameWithRetry(from, path.join(dir, name));
  }
  await fsyncDir(dir);
  await fsp.rm(journal, { recursive: true, force: true });
  return true;
}
