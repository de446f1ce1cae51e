import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/tmp.js';
import { LOCK_FILE, lockDataDir } from './lock.js';

const tempDir = useTempDirs();
const lockModule = path.resolve('electron/backend/store/lock.ts');

/** Starts a second process that takes the lock and keeps it until killed. */
function holdLockInChild(dataDir: string) {
  const script = `const { lockDataDir } = await import(${JSON.stringify(lockModule)}); await lockDataDir(${JSON.stringify(dataDir)}); console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
  return { child, ready };
}

describe('lockDataDir', () => {
  it('two processes cannot own one data directory; a dead owner’s lock is taken over', async () => {
    const dir = tempDir();
    const { child, ready } = holdLockInChild(dir);
    await ready;
    await expect(lockDataDir(dir)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('正被另一个') });
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    const lock = await lockDataDir(dir);
    await lock.release();
  });

  it('refuses a second owner in the same process and frees the directory on release', async () => {
    const dir = tempDir();
    const first = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toMatchObject({ code: 'CONFLICT' });
    await first.release();
    await (await lockDataDir(dir)).release();
  });

  it('treats an unreadable lock file as stale', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE), '{trunc');
    await (await lockDataDir(dir)).release();
  });
});
