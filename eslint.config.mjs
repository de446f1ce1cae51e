// Lint rules, including the layering of ARCHITECTURE.md as errors (see scripts/layering.test.ts for the proof).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'stream', 'worker_threads', 'util', 'zlib'];
const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export const layering = [
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, 'electron', 'react', 'react-dom', 'react/*', 'antd', 'antd/*', '**/electron/**', '**/renderer/**'],
        'shared/ 在任何进程中运行：不得引入 Node、Electron、React 或其他层的代码 (shared must not import Node, Electron, React or other layers)',
      ),
    },
  },
  {
    files: ['electron/backend/**/*.ts', 'electron/web/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', '**/renderer/**', '**/main/**', '**/preload/**'],
        '后端是纯 Node 代码：不得引入 electron 或界面代码 (the backend never imports electron or the renderer)',
      ),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, 'electron', '**/electron/**'],
        '界面只能通过契约访问后端：不得引入 Node、Electron 或后端代码 (the renderer talks to the backend only through the contract)',
      ),
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['**/backend/**', '**/web/**', '**/renderer/**', ...nodeBuiltins], '预加载脚本只引入 electron 与 shared (the preload imports electron and shared only)'),
    },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', '.tsbuild/**', 'node_modules/**', 'test-output/**', 'test-results/**', 'playwright-report/**', 'e2e/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  { files: ['renderer/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  ...layering,
);
