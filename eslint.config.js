// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Layer rules (see ../shared/DESIGN.md, "Layers"). Do not relax: a wrong
 * import must fail `npm test`, not wait for review. tools/layers.test.ts
 * proves each rule still catches a planted violation.
 */
export const engineImportRule = {
  patterns: [
    {
      // Anything that is not a relative path: node builtins, npm packages, electron…
      regex: '^(?!\\.{1,2}/)',
      message:
        'engine/ is pure TypeScript: it imports only engine/ (no Node, Electron, DOM libraries or packages).',
    },
    {
      regex: '(^|/)(src|resources|e2e|scripts|node_modules)(/|$)',
      message: 'engine/ imports only engine/.',
    },
  ],
};

export const hostImportRule = {
  paths: [
    {
      name: 'electron',
      message: 'src/main/host/ runs under plain Node: it never imports electron.',
    },
  ],
  patterns: [
    {
      group: ['electron/*'],
      message: 'src/main/host/ runs under plain Node: it never imports electron.',
    },
    { regex: '(^|/)renderer(/|$)', message: 'Nothing imports src/renderer.' },
    {
      regex: '^\\.\\./(index|window|ipc)',
      message: 'src/main/host/ may not import the Electron glue in src/main/.',
    },
  ],
};

export const rendererImportRule = {
  patterns: [
    {
      regex: '(^|/)main(/|$)',
      message: 'The renderer talks to the host only through src/shared/ (the host API).',
    },
    {
      regex: '^(node:|electron$|electron/|fs$|path$|child_process$|worker_threads$)',
      message: 'The renderer runs in a sandboxed browser page.',
    },
  ],
};

export const sharedImportRule = {
  patterns: [
    {
      regex: '(^|/)(main|renderer|preload)(/|$)',
      message: 'src/shared/ is the contract: it imports nothing from the processes.',
    },
    {
      regex: '^(node:|electron$|electron/)',
      message: 'src/shared/ runs in every process: no Node or Electron imports.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'test-results/',
      'playwright-report/',
      'test-reports/',
      '.scratch/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', engineImportRule],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'engine/ takes time as an argument.' },
        { name: 'performance', message: 'engine/ takes time as an argument.' },
        { name: 'setInterval', message: 'engine/ is stepped by its caller.' },
        { name: 'setTimeout', message: 'engine/ is stepped by its caller.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'engine/ uses its seeded RNG (engine/rng.ts).',
        },
      ],
    },
  },
  {
    files: ['src/main/host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', hostImportRule] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', rendererImportRule] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', sharedImportRule] },
  },
);
