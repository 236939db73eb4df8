// Lint rules. The one that matters most: workflow code stays deterministic, so no
// Node built-ins, database, HTTP or other I/O imports in workflows/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'net', 'http', 'https', 'http2', 'crypto', 'child_process', 'worker_threads',
  'dns', 'tls', 'stream', 'zlib', 'process', 'timers', 'timers/*', 'util', 'events', 'url', 'cluster', 'dgram', 'readline',
  'postgres', 'drizzle-orm', 'drizzle-orm/*', '@electric-sql/*', 'fastify', 'fastify*', '@fastify/*',
  '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing', 'jose', 'undici', 'axios',
];

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', 'db/migrations/', 'bench/results/', 'web/dist/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioModules, message: 'Workflow code must be deterministic: do I/O in an activity.' },
            { group: ['**/activities/*', '**/db/*', '**/api/*', '**/worker/*'], allowTypeImports: true, message: 'Workflows import activities, db, api and worker code by type only.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'Workflow code must not read the process environment.' }],
    },
  },
  {
    // The shared vocabulary and the task-kind table: imported by workflows, activities
    // and the API, so pure and deterministic, with no Temporal (activities and the API
    // must not pull the workflow package) and no zod (the workflow bundle would carry it).
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioModules, message: 'domain/ is pure: no I/O.' },
            { group: ['@temporalio/*'], message: 'domain/ has no Temporal import: it is shared with activities and the API.' },
            { group: ['zod', 'zod/*'], message: 'domain/ is bundled into workflows: keep zod schemas in api/.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Date', 'setTimeout', 'fetch'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'domain/ is deterministic.' }],
    },
  },
  {
    // Rules are pure functions over policy data: no I/O, no clock. The CLI is their shell.
    files: ['rules/**/*.ts'],
    ignores: ['rules/cli.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ioModules, message: 'rules/ is pure: no I/O.' }] }],
      'no-restricted-globals': ['error', 'process', 'Date', 'setTimeout', 'fetch'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'rules/ is deterministic.' }],
    },
  },
);
