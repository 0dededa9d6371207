// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Where code may run decides what it may import (see ARCHITECTURE.md, "Layers and the rule between them"). */
const electron = {
  name: 'electron',
  message: 'Only src/main/app, src/main/index.ts and src/preload may import electron.',
};
const nodeBuiltins = {
  group: ['node:*'],
  message: 'This layer runs in a browser as well as in Node: no node:* imports here.',
};
const noRenderer = { group: ['**/renderer/**'], message: 'Nothing imports from the renderer.' };
const noApp = {
  group: ['**/main/app/**', '**/app/*'],
  message: 'The engine never imports the Electron shell (main/app).',
};
/**
 * The engine reaches into workers only through their public surfaces: the protocol (messages, shared
 * memory layouts, the Executor contract), the workload registry, and the calling-thread models that
 * the CLI runs on its own thread (the same code the dedicated loop thread hosts).
 */
const workerInternals = {
  group: ['**/workers/*', '!**/workers/protocol', '!**/workers/workloads', '!**/workers/calling-thread'],
  message: 'Import workers only through workers/protocol, workers/workloads or workers/calling-thread.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'logs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            nodeBuiltins,
            noRenderer,
            {
              group: ['**/main/**', '**/workers/**', '**/preload/**'],
              message: 'shared imports only shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/workers/**/*.ts'],
    // Tests may drive workers through the engine (pools, executors): the rule guards shipped code.
    ignores: ['src/workers/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            noRenderer,
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'workers import only shared (and themselves).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/engine/**/*.ts', 'src/main/server/**/*.ts', 'src/main/cli/**/*.ts'],
    // Tests may drive hosts and the GIL directly; the rule guards shipped code.
    ignores: ['src/main/**/*.{test,test-support}.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electron], patterns: [noRenderer, noApp, workerInternals] },
      ],
    },
  },
  {
    files: ['src/main/{engine,server,cli}/**/*.{test,test-support}.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns: [noRenderer] }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/main/**', '**/workers/**', '**/preload/**'],
              message: 'The renderer talks to main only through src/renderer/api.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            noRenderer,
            { group: ['**/main/**', '**/workers/**'], message: 'The preload sees only the shared contract.' },
          ],
        },
      ],
    },
  },
  {
    // Plain-Node scripts: the bin launcher (CommonJS) and build/start helpers (ESM).
    files: ['bin/**/*.js', 'scripts/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        URL: 'readonly',
      },
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
