// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import arbiter from './tools/eslint/layerImports.js';

/**
 * Layer rules (see ../shared/DESIGN.md, "Layers"). Do not relax: a wrong
 * import must fail `npm test`, not wait for review. tools/layers.test.ts
 * proves each rule still catches a planted violation, from every depth.
 *
 * Each layer names what it MAY import (folders, packages, Node built-ins);
 * everything else is refused. Relative specifiers are resolved against the
 * importing file by tools/eslint/layerImports.js, so a nested folder gets
 * the same answer as the top one. Paths are repository-relative.
 */

/** Files outside engine/ reach it only through these entry points. */
export const engineEntries = {
  engine: [
    'engine/index',
    'engine/behavior/index',
    'engine/net/index',
    'engine/behavior/apiDeclarations',
  ],
};

/** @type {import('./tools/eslint/layerImports.js').LayerOptions} */
export const engineLayer = {
  layer: 'engine/',
  folders: ['engine'],
  packages: [],
  builtins: false,
  why: 'engine/ is pure TypeScript: it imports only engine/ (no Node, Electron, DOM, packages or repository files).',
};

/** @type {import('./tools/eslint/layerImports.js').LayerOptions} */
export const hostLayer = {
  layer: 'src/main/host/',
  folders: ['src/main/host', 'src/shared', 'engine'],
  packages: '*',
  deniedPackages: ['electron'],
  builtins: true,
  entries: engineEntries,
  why: 'src/main/host/ runs under plain Node: no electron, no Electron glue (src/main/*.ts), no renderer.',
};

/** @type {import('./tools/eslint/layerImports.js').LayerOptions} */
export const mainGlueLayer = {
  layer: 'src/main/',
  folders: ['src/main', 'src/shared', 'engine'],
  packages: '*',
  builtins: true,
  entries: engineEntries,
  why: 'The Electron glue talks to the renderer only through the preload and src/shared/.',
};

/** @type {import('./tools/eslint/layerImports.js').LayerOptions} */
export const preloadLayer = {
  layer: 'src/preload/',
  folders: ['src/preload', 'src/shared'],
  packages: ['electron'],
  builtins: false,
  why: 'The preload exposes the typed host API through contextBridge and nothing else.',
};

/** @type {import('./tools/eslint/layerImports.js').LayerOptions} */
export const rendererLayer = {
  layer: 'src/renderer/',
  folders: ['src/renderer', 'src/shared', 'engine'],
  packages: ['react', 'react-dom', 'zustand', 'pixi.js', 'monaco-editor', 'zod', 'uplot'],
  builtins: false,
  entries: engineEntries,
  why: 'The renderer is a sandboxed browser page: it talks to the host only through src/shared/ (the host API).',
};

/** @type {import('./tools/eslint/layerImports.js').LayerOptions} */
export const sharedLayer = {
  layer: 'src/shared/',
  folders: ['src/shared', 'engine'],
  packages: ['zod'],
  builtins: false,
  entries: engineEntries,
  why: 'src/shared/ is the contract every process loads: no process code, no Node, no Electron.',
};

/** Test files: held to no layer, but they may not leave the repository's code. */
const testFiles = ['**/*.test.ts', '**/*.test.tsx'];

/** One config block per layer: production files only (tests may use vitest, fs, …). */
function layerBlock(files, options, extra = {}) {
  return {
    files,
    ignores: testFiles,
    plugins: { arbiter },
    ...extra,
    rules: { 'arbiter/layer-imports': ['error', options], ...extra.rules },
  };
}

/** Globals that hand engine/ the wall clock, randomness, timers or the host's environment. */
const engineGlobals = [
  { name: 'Date', message: 'engine/ takes time as an argument.' },
  { name: 'performance', message: 'engine/ takes time as an argument.' },
  { name: 'setInterval', message: 'engine/ is stepped by its caller.' },
  { name: 'setTimeout', message: 'engine/ is stepped by its caller.' },
  { name: 'queueMicrotask', message: 'engine/ is stepped by its caller.' },
  { name: 'crypto', message: 'engine/ uses its seeded RNG (engine/rng.ts).' },
  // `globalThis.Date.now()` would pass a rule on `Date`: engine/ has no use for the global object.
  { name: 'globalThis', message: 'engine/ reaches no global object (globalThis.Date, …).' },
  { name: 'window', message: 'engine/ runs anywhere: no DOM.' },
  { name: 'self', message: 'engine/ runs anywhere: no DOM.' },
  { name: 'global', message: 'engine/ runs anywhere: no Node.' },
  { name: 'process', message: 'engine/ runs anywhere: no Node.' },
];

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
  layerBlock(['engine/**/*.ts'], engineLayer, {
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', ...engineGlobals],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'engine/ uses its seeded RNG (engine/rng.ts).',
        },
      ],
    },
  }),
  layerBlock(['src/main/host/**/*.ts'], hostLayer),
  layerBlock(['src/main/*.ts'], mainGlueLayer),
  layerBlock(['src/preload/**/*.ts'], preloadLayer),
  layerBlock(['src/renderer/**/*.{ts,tsx}'], rendererLayer, {
    languageOptions: { globals: { ...globals.browser } },
  }),
  layerBlock(['src/shared/**/*.ts'], sharedLayer),
  {
    // The guest prelude runs inside QuickJS: the language's built-ins only, no Node, no DOM.
    files: ['src/main/host/behaviors/sandbox/guestPrelude.quickjs.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(Object.keys(globals.node).map((name) => [name, 'off'])),
    },
  },
  {
    // Test support lives in testing/ folders; production code cannot reach it.
    files: ['engine/**/*.{ts,tsx}', 'src/**/*.{ts,tsx}'],
    ignores: [...testFiles, '**/testing/**'],
    plugins: { arbiter },
    rules: { 'arbiter/no-testing-imports': 'error' },
  },
);
