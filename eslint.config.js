// Lint rules, including the layer boundaries of ARCHITECTURE.md: a wrong import
// is an error here as well as a compile error in the layer's tsconfig.
import tseslint from 'typescript-eslint';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';

// Node built-ins as bare module names only (a gitignore-style group would also catch relative paths such as
// './gc/events'), with or without the node: prefix, and their subpaths (fs/promises).
const NODE_BUILTIN_NAMES = [
  'fs',
  'path',
  'os',
  'zlib',
  'crypto',
  'http',
  'https',
  'child_process',
  'worker_threads',
  'stream',
  'url',
  'util',
  'events',
  'buffer',
];
const nodeBuiltins = { regex: `^(node:.*|(${NODE_BUILTIN_NAMES.join('|')})(/.*)?)$` };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              ...nodeBuiltins,
              message: 'shared/ is pure TypeScript: no Node built-ins (ARCHITECTURE.md, layers).',
            },
            {
              group: ['electron', 'react', 'react-dom', 'better-sqlite3'],
              message: 'shared/ may not import electron, React or the store.',
            },
            {
              group: ['**/main/**', '**/renderer/**', '../../main/*', '../../renderer/*'],
              message: 'shared/ imports only shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: '19' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
      'react/no-danger': 'error',
      'react/prop-types': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '../main/*', '../../main/*'],
              message: 'renderer/ talks to main/ only through the service contract.',
            },
            { ...nodeBuiltins, message: 'renderer/ runs in a browser sandbox.' },
            { group: ['electron', 'better-sqlite3'], message: 'renderer/ runs in a browser sandbox.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Profile strings never go through HTML sinks; use textContent or canvas.' },
        { property: 'outerHTML', message: 'Profile strings never go through HTML sinks.' },
        { property: 'insertAdjacentHTML', message: 'Profile strings never go through HTML sinks.' },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/app/**', 'main/preload/**', 'main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron'],
              message: 'Only main/app and main/preload may import electron: the CLI and kiln serve run without it.',
            },
            { group: ['**/renderer/**'], message: 'main/ does not import the renderer.' },
          ],
        },
      ],
    },
  },
);
