import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layering of ARCHITECTURE.md is a lint error: these fixtures break it and must fail. */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('layering rules', () => {
  it.each([
    ['shared/domain/x.ts', "import fs from 'node:fs';"],
    ['shared/domain/x.ts', "import { readFileSync } from 'fs';"],
    ['shared/x.ts', "import { app } from 'electron';"],
    ['shared/x.ts', "import { useState } from 'react';"],
    ['shared/x.ts', "import { Store } from '../electron/backend/store/store.js';"],
    ['electron/backend/x.ts', "import { app } from 'electron';"],
    ['electron/web/x.ts', "import { ipcMain } from 'electron';"],
    ['electron/backend/x.ts', "import { Shell } from '../../renderer/src/Shell';"],
    ['renderer/src/x.ts', "import { Store } from '../../electron/backend/store/store';"],
    ['renderer/src/x.ts', "import fs from 'node:fs';"],
    ['renderer/src/x.tsx', "import { ipcRenderer } from 'electron';"],
    ['electron/preload/x.ts', "import { openBackend } from '../backend/backend.js';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toBe(1);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';"],
    ['electron/backend/x.ts', "import fs from 'node:fs';"],
    ['electron/backend/x.ts', "import { contract } from '../../shared/contract.js';"],
    ['renderer/src/x.ts', "import { contract } from '../../shared/contract';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toBe(0);
  });
});
