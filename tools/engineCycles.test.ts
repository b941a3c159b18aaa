/**
 * engine/ has no import cycle (type-only imports count: a type cycle still
 * ties the files into one knot a reader must take in whole).
 */
import { join } from 'node:path';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { importCycles } from './importCycles';

const root = join(import.meta.dirname, '..');

describe('engine/ import graph', () => {
  it('has no cycle', () => {
    expect(importCycles(join(root, 'engine'), root)).toEqual([]);
  });

  it('finds a planted cycle, type-only imports and folder indexes included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arbiter-cycles-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './sub';\nexport type A = B;\n");
    writeFileSync(join(dir, 'sub', 'index.ts'), "export type { B } from './b';\n");
    writeFileSync(
      join(dir, 'sub', 'b.ts'),
      "import type { A } from '../a';\nexport type B = A[];\n",
    );
    writeFileSync(join(dir, 'c.ts'), "import type { A } from './a';\nexport type C = A;\n");
    expect(importCycles(dir, dir)).toEqual([['a.ts', 'sub/b.ts', 'sub/index.ts']]);
  });
});
