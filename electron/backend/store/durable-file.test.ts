import { existsSync, promises as fsp, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/tmp.js';
import { backupPath, readRecovering, SAVE_STEPS, writeFileDurably } from './durable-file.js';

const tempDir = useTempDirs();
const decodeJson = (bytes: Buffer) => JSON.parse(bytes.toString('utf8')) as { v: number };
const bytes = (v: number) => Buffer.from(JSON.stringify({ v }));

describe('writeFileDurably', () => {
  it('replaces the file and keeps the last versions as backups', async () => {
    const file = path.join(tempDir(), 'doc.json');
    for (let v = 1; v <= 5; v++) await writeFileDurably(file, bytes(v));
    expect(decodeJson(await fsp.readFile(file)).v).toBe(5);
    expect(decodeJson(await fsp.readFile(backupPath(file, 1))).v).toBe(4);
    expect(decodeJson(await fsp.readFile(backupPath(file, 3))).v).toBe(2);
    expect(existsSync(backupPath(file, 4))).toBe(false);
  });

  it.each(SAVE_STEPS)('a save interrupted before "%s" leaves the old or the new version loadable', async (step) => {
    const file = path.join(tempDir(), 'doc.json');
    await writeFileDurably(file, bytes(1));
    await writeFileDurably(file, bytes(2));
    const crash = new Error(`simulated crash before ${step}`);
    await expect(
      writeFileDurably(file, bytes(3), {
        beforeStep: (s) => {
          if (s === step) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const loaded = await readRecovering(file, decodeJson);
    expect(loaded).not.toBeNull();
    expect([2, 3]).toContain(loaded!.value.v);
    // Only a crash after the rename may already show the new version.
    expect(loaded!.value.v).toBe(step === 'fsync-dir' ? 3 : 2);
  });

  it('a half-written temp file never replaces the data', async () => {
    const file = path.join(tempDir(), 'doc.json');
    await writeFileDurably(file, bytes(1));
    await fsp.writeFile(`${file}.tmp`, '{"v":');
    expect((await readRecovering(file, decodeJson))!.value.v).toBe(1);
  });
});

describe('readRecovering', () => {
  it('returns null for a new store (no file, no backup)', async () => {
    expect(await readRecovering(path.join(tempDir(), 'none.json'), decodeJson)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['truncated', '{"v": 3, "pad'],
    ['garbage', '\u0000\u0001binary'],
  ])('recovers an %s main file from the newest valid backup and keeps the bad file aside', async (_label, content) => {
    const dir = tempDir();
    const file = path.join(dir, 'doc.json');
    await writeFileDurably(file, bytes(1));
    await writeFileDurably(file, bytes(2));
    await fsp.writeFile(file, content);
    const loaded = await readRecovering(file, decodeJson);
    expect(loaded!.value.v).toBe(1);
    expect(loaded!.recovery).toMatchObject({ file: 'doc.json', from: 'doc.json.bak1' });
    expect(readdirSync(dir).some((n) => n.startsWith('doc.json.corrupt-'))).toBe(true);
  });

  it('skips a corrupted backup too and takes the next one', async () => {
    const file = path.join(tempDir(), 'doc.json');
    for (let v = 1; v <= 3; v++) await writeFileDurably(file, bytes(v));
    await fsp.writeFile(file, '');
    await fsp.writeFile(backupPath(file, 1), '{');
    expect((await readRecovering(file, decodeJson))!.value.v).toBe(1);
  });

  it('refuses to start empty when the file and every backup are unusable', async () => {
    const file = path.join(tempDir(), 'doc.json');
    await writeFileDurably(file, bytes(1));
    await writeFileDurably(file, bytes(2));
    await fsp.writeFile(file, '');
    await fsp.writeFile(backupPath(file, 1), 'x');
    await expect(readRecovering(file, decodeJson)).rejects.toThrow(/均无法读取/);
  });
});
