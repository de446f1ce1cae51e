import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUSE_INDEX, SENTINEL, flipFusesInFile, planFuseWrite, readFuses } from './fuses.mjs';

/** A fake Electron binary: noise, the sentinel, version 1, the wire length, the wire, more noise. */
function fakeBinary(wire = '100110111', version = 1): Buffer {
  return Buffer.concat([
    Buffer.alloc(1000, 0xab),
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([version, wire.length]),
    Buffer.from(wire, 'latin1'),
    Buffer.alloc(1000, 0xcd),
  ]);
}

const RELEASE_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

describe('fuse flipper', () => {
  it('reads Electron’s defaults', () => {
    expect(readFuses(fakeBinary())).toMatchObject({ runAsNode: 'enabled', enableCookieEncryption: 'disabled', enableNodeCliInspectArguments: 'enabled' });
  });

  it('writes exactly the wire, at the right place', () => {
    const binary = fakeBinary();
    const plan = planFuseWrite(binary, RELEASE_FUSES);
    expect(plan.position).toBe(1000 + SENTINEL.length + 2);
    expect(Buffer.from(plan.bytes).toString('latin1')).toBe('010011101');
    expect(plan.removed).toEqual([]);
  });

  it('flips a file in place and verifies it, leaving every other byte alone', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'fuses-')), 'electron');
    const before = fakeBinary();
    writeFileSync(file, before);
    return flipFusesInFile(file, RELEASE_FUSES).then((states) => {
      expect(states).toMatchObject({ runAsNode: 'disabled', enableNodeOptionsEnvironmentVariable: 'disabled', onlyLoadAppFromAsar: 'enabled' });
      const after = readFileSync(file);
      expect(after.length).toBe(before.length);
      const changed = [...after].flatMap((b, i) => (b === before[i] ? [] : [i]));
      const wireStart = 1000 + SENTINEL.length + 2;
      expect(changed.every((i) => i >= wireStart && i < wireStart + 9)).toBe(true);
    });
  });

  it('leaves a removed fuse alone and says so', () => {
    const plan = planFuseWrite(fakeBinary('r00110111'), { runAsNode: false });
    expect(plan.bytes[0]).toBe('r'.charCodeAt(0));
    expect(plan.removed).toEqual(['runAsNode']);
  });

  it.each([
    ['no sentinel', Buffer.alloc(5000, 1), {}],
    ['two sentinels', Buffer.concat([fakeBinary(), fakeBinary()]), {}],
    ['another wire version', fakeBinary('100110111', 2), {}],
    ['a wire too short for the key', fakeBinary('1001'), { onlyLoadAppFromAsar: true }],
    ['an unknown key', fakeBinary(), { runAsNod: false }],
    ['a non-boolean value', fakeBinary(), { runAsNode: 'false' }],
  ])('refuses %s', (_name, binary, fuses) => {
    expect(() => planFuseWrite(binary, fuses)).toThrow();
  });

  it('maps the keys to Electron’s V1 wire positions', () => {
    expect(FUSE_INDEX).toMatchObject({ runAsNode: 0, enableCookieEncryption: 1, onlyLoadAppFromAsar: 5, grantFileProtocolExtraPrivileges: 7 });
  });
});
