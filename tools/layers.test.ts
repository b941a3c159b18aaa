/**
 * Proves each layer rule still catches a planted violation: a rule that
 * silently stopped matching would let engine/ grow a Node or DOM dependency.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result.messages.map((message) => message.ruleId ?? message.message);
}

/**
 * A layer's folder and the depths its files sit at: each case is planted in
 * a file at every depth, with a specifier that reaches the same target from
 * there (a rule written for one depth fails here).
 */
const depths = (folder: string, extension = 'ts'): string[] => [
  `${folder}/planted.${extension}`,
  `${folder}/net/planted.${extension}`,
  `${folder}/a/b/planted.${extension}`,
];

/** The specifier that names repository-relative `target` from `file`. */
function pathTo(file: string, target: string): string {
  const path = relative(dirname(join(root, file)), join(root, target))
    .split('\\')
    .join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** A case: code to plant, given the planted file's path, and the rule it must trip. */
type Planted = { name: string; code: (file: string) => string; rule: string };

const importOf = (target: string): Planted => ({
  name: `import from ${target}`,
  code: (file) => `import * as m from '${pathTo(file, target)}';\nexport { m };\n`,
  rule: 'arbiter/layer-imports',
});
const dynamicImportOf = (target: string): Planted => ({
  name: `import('${target}')`,
  code: (file) => `export const m = import('${pathTo(file, target)}');\n`,
  rule: 'arbiter/layer-imports',
});
const packageImport = (specifier: string): Planted => ({
  name: `import from '${specifier}'`,
  code: () => `import * as m from '${specifier}';\nexport { m };\n`,
  rule: 'arbiter/layer-imports',
});
const source = (name: string, code: string, rule: string): Planted => ({
  name,
  code: () => code,
  rule,
});

const layers: { folder: string; extension?: string; planted: Planted[]; allowed: Planted[] }[] = [
  {
    folder: 'engine',
    planted: [
      importOf('bench/_stats'),
      importOf('package.json'),
      importOf('src/shared/hostApi'),
      importOf('src/main/host/hostCore'),
      importOf('resources/items.json'),
      dynamicImportOf('bench/_stats'),
      {
        name: 'require of bench/_stats',
        code: (file) => `export const m = require('${pathTo(file, 'bench/_stats')}');\n`,
        rule: 'arbiter/layer-imports',
      },
      {
        name: 'export from src/shared/hostApi',
        code: (file) =>
          `export { HOST_API_LIMITS } from '${pathTo(file, 'src/shared/hostApi')}';\n`,
        rule: 'arbiter/layer-imports',
      },
      ...['node:fs', 'fs', 'electron', 'react', 'pixi.js', 'monaco-editor', 'zod'].map(
        packageImport,
      ),
      source(
        "import('electron')",
        "export const m = import('electron');\n",
        'arbiter/layer-imports',
      ),
      source(
        'globalThis.Date.now()',
        'export const t = globalThis.Date.now();\n',
        'no-restricted-globals',
      ),
      source(
        'globalThis.Math.random()',
        'export const r = globalThis.Math.random();\n',
        'no-restricted-globals',
      ),
      source('Date.now()', 'export const t = Date.now();\n', 'no-restricted-globals'),
      source('new Date()', 'export const t = new Date();\n', 'no-restricted-globals'),
      source('performance.now()', 'export const t = performance.now();\n', 'no-restricted-globals'),
      source('Math.random()', 'export const r = Math.random();\n', 'no-restricted-properties'),
      source('setTimeout', 'setTimeout(() => 0, 1);\n', 'no-restricted-globals'),
      importOf('engine/testing/testWorld'),
    ],
    allowed: [importOf('engine/rng'), importOf('engine/net/spec')],
  },
  {
    folder: 'src/main/host',
    planted: [
      importOf('src/main/safeStorageKeyVault'),
      importOf('src/main/ipc'),
      importOf('src/main/index'),
      importOf('src/main/window'),
      importOf('src/renderer/src/App'),
      importOf('src/preload/index'),
      importOf('engine/world'),
      dynamicImportOf('src/main/safeStorageKeyVault'),
      packageImport('electron'),
      packageImport('electron/main'),
      source(
        "import('electron')",
        "export const m = import('electron');\n",
        'arbiter/layer-imports',
      ),
      source(
        "require('electron')",
        "export const m = require('electron');\n",
        'arbiter/layer-imports',
      ),
      source(
        "import type from 'electron'",
        "import type { App } from 'electron';\nexport type A = App;\n",
        'arbiter/layer-imports',
      ),
      source(
        'import() with a computed name',
        "const name = 'electron';\nexport const m = import(name);\n",
        'arbiter/layer-imports',
      ),
      importOf('engine/testing/testWorld'),
      importOf('src/main/host/testing/testHost'),
    ],
    allowed: [
      importOf('engine/index'),
      importOf('engine/behavior/index'),
      importOf('src/shared/hostApi'),
      importOf('src/main/host/hostCore'),
      packageImport('node:fs'),
      packageImport('ws'),
      packageImport('better-sqlite3'),
    ],
  },
  {
    folder: 'src/renderer/src',
    extension: 'tsx',
    planted: [
      ...['better-sqlite3', 'ws', 'os', 'pino', 'fs', 'node:fs', 'node:os', 'path', 'electron'].map(
        packageImport,
      ),
      source(
        "import('electron')",
        "export const m = import('electron');\n",
        'arbiter/layer-imports',
      ),
      source("import('ws')", "export const m = import('ws');\n", 'arbiter/layer-imports'),
      importOf('src/main/host/hostCore'),
      importOf('src/preload/index'),
      importOf('engine/world'),
      importOf('engine/testing/testWorld'),
    ],
    allowed: [
      packageImport('react'),
      packageImport('pixi.js'),
      packageImport('monaco-editor/editor/editor.api'),
      importOf('engine/index'),
      importOf('src/shared/hostApi'),
    ],
  },
  {
    folder: 'src/shared',
    planted: [
      ...['fs', 'node:fs', 'os', 'path', 'ws', 'pino', 'electron'].map(packageImport),
      importOf('src/main/host/match/maps'),
      importOf('src/renderer/src/App'),
      importOf('src/preload/index'),
      importOf('engine/testing/testWorld'),
    ],
    allowed: [packageImport('zod'), importOf('src/shared/hostApi'), importOf('engine/index')],
  },
  {
    folder: 'src/preload',
    planted: [
      ...['fs', 'node:fs', 'ws', 'react', 'zod', 'electron-store'].map(packageImport),
      importOf('src/main/ipc'),
      importOf('src/main/host/hostCore'),
      importOf('src/renderer/src/App'),
      importOf('engine/index'),
      importOf('package.json'),
    ],
    allowed: [packageImport('electron'), importOf('src/shared/bridge')],
  },
];

for (const { folder, extension, planted, allowed } of layers) {
  describe(`${folder}/ layer rules`, () => {
    for (const file of depths(folder, extension)) {
      for (const violation of planted) {
        it(`${file} rejects ${violation.name}`, async () => {
          const rule = violation.name.includes('testing/')
            ? 'arbiter/no-testing-imports'
            : violation.rule;
          expect(await ruleIdsFor(violation.code(file), file)).toContain(rule);
        });
      }
      for (const ok of allowed) {
        it(`${file} allows ${ok.name}`, async () => {
          expect(await ruleIdsFor(ok.code(file), file)).toEqual([]);
        });
      }
    }
  });
}

describe('test support (testing/ folders)', () => {
  it('tests and other test support may import it', async () => {
    for (const file of ['engine/net/planted.test.ts', 'engine/testing/planted.ts']) {
      expect(await ruleIdsFor(importOf('engine/testing/testWorld').code(file), file)).toEqual([]);
    }
  });
});

describe('the Electron glue (src/main/*.ts)', () => {
  it('may import electron, the renderer may not be imported', async () => {
    const file = 'src/main/planted.ts';
    expect(await ruleIdsFor(packageImport('electron').code(file), file)).toEqual([]);
    expect(await ruleIdsFor(importOf('src/renderer/src/App').code(file), file)).toContain(
      'arbiter/layer-imports',
    );
  });
});

describe('engine/ type-checks without DOM or Node types', () => {
  const config = ts.readConfigFile(join(root, 'tsconfig.engine.json'), (path) =>
    readFileSync(path, 'utf8'),
  );
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);

  function diagnosticsFor(code: string): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'arbiter-layer-'));
    const file = join(dir, 'planted.ts');
    writeFileSync(file, code);
    const program = ts.createProgram([file], { ...parsed.options, noEmit: true });
    return ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }

  it('rejects DOM globals', () => {
    expect(diagnosticsFor('export const w = window.innerWidth;\n').join('\n')).toMatch(
      /Cannot find name 'window'/,
    );
    expect(diagnosticsFor('export const d = document.body;\n').join('\n')).toMatch(
      /Cannot find name 'document'/,
    );
  });
  it('rejects Node globals', () => {
    expect(diagnosticsFor('export const p = process.env;\n').join('\n')).toMatch(
      /Cannot find name 'process'/,
    );
    expect(diagnosticsFor('export const b = Buffer.alloc(1);\n').join('\n')).toMatch(
      /Cannot find name 'Buffer'/,
    );
  });
  it('accepts plain ES2022', () => {
    expect(diagnosticsFor('export const a = new Float64Array(4).map((v) => v + 1);\n')).toEqual([]);
  });
});
