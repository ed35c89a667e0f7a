import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'url', 'util', 'stream', 'worker_threads'];

/** Which layer may import what: renderer and shared are pure, core never sees Electron. */
const forbid = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'release-test/**', 'node_modules/**', '.fieldbook/**', 'docs/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(['electron', ...nodeBuiltins, '**/electron/**'], 'The renderer talks to main only through the bridge.'),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid(['electron', ...nodeBuiltins, 'react', '**/electron/**', '**/renderer/**'], 'shared/ is pure TypeScript.'),
  },
  {
    files: ['electron/core/**/*.ts', 'migrations/**/*.ts'],
    rules: forbid(['electron', '**/electron/main/**', '**/renderer/**'], 'Core logic runs under plain Node: no Electron.'),
  },
);
