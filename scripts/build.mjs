// Builds everything the app runs from: the renderer (Vite) and the Node/Electron bundles (esbuild).
// All runtime code is bundled, so installers carry no node_modules.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { build as viteBuild } from 'vite';

const started = performance.now();
await rm('dist', { recursive: true, force: true });

// ESM bundles that still contain CommonJS packages (exceljs, docx) need a require().
const esmRequire = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";
const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', legalComments: 'none' };

const jobs = [
  build({ ...node, format: 'esm', entryPoints: { web: 'electron/web/main.ts', cli: 'electron/backend/cli/main.ts' }, outdir: 'dist', outExtension: { '.js': '.mjs' }, banner: { js: esmRequire } }),
  viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' }),
];
if (existsSync('electron/main/index.ts')) {
  jobs.push(
    build({ ...node, format: 'esm', entryPoints: { main: 'electron/main/index.ts' }, outdir: 'dist/main', outExtension: { '.js': '.mjs' }, external: ['electron'], banner: { js: esmRequire } }),
    // Sandboxed preloads must be CommonJS.
    build({ ...node, format: 'cjs', entryPoints: { preload: 'electron/preload/index.ts' }, outdir: 'dist/preload', outExtension: { '.js': '.cjs' }, external: ['electron'] }),
  );
}
await Promise.all(jobs);
console.log(`构建完成 / built in ${Math.round(performance.now() - started)} ms`);
