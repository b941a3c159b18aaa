/**
 * Proves each layer rule still catches a planted violation: a rule that
 * silently stopped matching would let engine/ grow a Node or DOM dependency.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result.messages.map((message) => message.ruleId ?? message.message);
}

describe('engine/ import rule', () => {
  const planted = [
    "import { readFileSync } from 'node:fs';",
    "import fs from 'fs';",
    "import { app } from 'electron';",
    "import React from 'react';",
    "import { Application } from 'pixi.js';",
    "import * as monaco from 'monaco-editor';",
    "import { z } from 'zod';",
    "import { HOST_API_LIMITS } from '../src/shared/hostApi';",
    "import { createHostCore } from '../../src/main/host/hostCore';",
  ];
  for (const line of planted) {
    it(`rejects ${line}`, async () => {
      expect(await ruleIdsFor(`${line}\nexport const x = 1;\n`, 'engine/planted.ts')).toContain(
        'no-restricted-imports',
      );
    });
  }

  it('allows imports inside engine/', async () => {
    expect(
      await ruleIdsFor(
        "import { createRng } from './rng';\nexport { createRng };\n",
        'engine/planted.ts',
      ),
    ).toEqual([]);
  });

  it('rejects wall-clock time and Math.random in engine/', async () => {
    const ids = await ruleIdsFor(
      'export const a = Date.now();\nexport const b = Math.random();\nexport const c = performance.now();\n',
      'engine/planted.ts',
    );
    expect(ids).toContain('no-restricted-globals');
    expect(ids).toContain('no-restricted-properties');
  });
});

describe('src/main/host/ import rule', () => {
  it('rejects electron', async () => {
    expect(
      await ruleIdsFor(
        "import { app } from 'electron';\nexport { app };\n",
        'src/main/host/planted.ts',
      ),
    ).toContain('no-restricted-imports');
  });
  it('rejects the Electron glue beside it', async () => {
    expect(
      await ruleIdsFor(
        "import { serveHostOverIpc } from '../ipc';\nexport { serveHostOverIpc };\n",
        'src/main/host/planted.ts',
      ),
    ).toContain('no-restricted-imports');
  });
  it('allows electron in the glue (src/main/*.ts)', async () => {
    expect(
      await ruleIdsFor("import { app } from 'electron';\nexport { app };\n", 'src/main/planted.ts'),
    ).toEqual([]);
  });
});

describe('renderer and shared import rules', () => {
  it('the renderer cannot import the host core or node builtins', async () => {
    expect(
      await ruleIdsFor(
        "import { createHostCore } from '../../main/host/hostCore';\nexport { createHostCore };\n",
        'src/renderer/src/planted.ts',
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIdsFor(
        "import fs from 'node:fs';\nexport { fs };\n",
        'src/renderer/src/planted.ts',
      ),
    ).toContain('no-restricted-imports');
  });
  it('src/shared cannot import a process', async () => {
    expect(
      await ruleIdsFor(
        "import { loadMap } from '../main/host/maps';\nexport { loadMap };\n",
        'src/shared/planted.ts',
      ),
    ).toContain('no-restricted-imports');
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
