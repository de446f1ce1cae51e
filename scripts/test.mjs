// `npm test`: everything, in order — system packages, typecheck, lint, unit tests, build, end-to-end tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { ensureSystemPackages } from './system-deps.mjs';

const steps = [
  ['类型检查 / typecheck', 'npx', ['tsc', '-b']],
  ['代码检查 / lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['单元测试 / unit tests', 'npx', ['vitest', 'run']],
  ['构建 / build', 'node', ['scripts/build.mjs']],
  ['端到端测试 / end-to-end tests', 'npx', ['playwright', 'test']],
];

const started = performance.now();
try {
  ensureSystemPackages();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
mkdirSync('test-output/screens', { recursive: true });
const timings = [];
for (const [label, cmd, args] of steps) {
  console.log(`\n▶ ${label}`);
  const t = performance.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  timings.push(`${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  if (r.status !== 0) {
    console.error(`\n✗ ${label} 失败 / failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}
console.log(`\n✓ 全部通过 / all passed in ${((performance.now() - started) / 1000).toFixed(1)} s\n  ${timings.join('\n  ')}`);
