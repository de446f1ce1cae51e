import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';

/** Only one process may own a data directory: lowdb is a single-writer store. */
export const LOCK_FILE = 'xinfang.lock';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await fsp.mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fsp.writeFile(file, JSON.stringify(mine), { flag: 'wx' });
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          await fsp.rm(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: LockInfo | null;
    try {
      holder = JSON.parse(await fsp.readFile(file, 'utf8')) as LockInfo;
    } catch {
      holder = null; // unreadable lock: a crash while writing it; treat as stale
    }
    const stale = !holder || (holder.host === mine.host && !isAlive(holder.pid));
    if (!stale) {
      throw new AppError(
        'CONFLICT',
        `数据目录正被另一个信访举报工作台进程使用（进程号 ${holder?.pid}，启动于 ${holder?.startedAt}），请先关闭该窗口或进程。`,
        `data dir ${dataDir} locked by pid ${holder?.pid} on ${holder?.host}`,
      );
    }
    await fsp.rm(file, { force: true });
  }
  throw new AppError('CONFLICT', '无法锁定数据目录，请稍后重试。', `could not acquire ${file}`);
}
