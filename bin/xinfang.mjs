#!/usr/bin/env node
// The package's command: runs the bundled CLI (build it first with `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('尚未构建，请先运行 npm run build / not built yet: run npm run build\n');
  process.exit(2);
}
await import(cli);
