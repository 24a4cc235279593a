// ESLint flat config: type-aware rules, plus the workflow sandbox's import boundary (architecture.md).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Workflow code (and what it imports) must stay deterministic: no I/O, no Node built-ins, no zod at run time. */
const workflowSandbox = {
  paths: [
    { name: 'zod', message: 'Keep zod out of workflow code (sdk-typescript#2227); validate at the edge.' },
    { name: 'mongoose', message: 'Workflow code has no I/O: use an activity.' },
    { name: 'mongodb', message: 'Workflow code has no I/O: use an activity.' },
    { name: 'express', message: 'Workflow code has no I/O.' },
    { name: '@temporalio/client', message: 'Use @temporalio/workflow inside workflows.' },
    { name: '@temporalio/worker', message: 'Use @temporalio/workflow inside workflows.' },
    { name: '@temporalio/activity', message: 'Use @temporalio/workflow inside workflows.' },
  ],
  patterns: [
    {
      group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net'],
      message: 'No Node built-ins in workflow code.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      '.data/',
      'bench/results/',
      'web/dist/',
      'web/src/api/schema.d.ts',
      // Standalone reproductions for upstream reports: plain CommonJS, run outside the project.
      'docs/upstream/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', '*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts', 'src/contracts/**/*.ts', 'src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: workflowSandbox.paths.map((p) => ({ ...p, allowTypeImports: true })),
          patterns: workflowSandbox.patterns,
        },
      ],
    },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.mjs'], rules: { 'import-x/no-cycle': 'off' } },
  {
    // The web app runs in the browser; its API types are generated (dev/api-types.ts).
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly' } },
  },
  {
    // Tests read JSON bodies as `any` on purpose: the assertions are the type check.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['*.js'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  prettier,
);
