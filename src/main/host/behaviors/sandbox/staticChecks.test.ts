import { describe, expect, it } from 'vitest';
import { staticChecks } from './staticChecks';

describe('staticChecks', () => {
  it('finds what the sandbox lacks, at its line and column', () => {
    const source = [
      'export default function act(obs) {',
      '  const t = Date.now();',
      "  const fs = require('fs');",
      '  setTimeout(() => {}, 1);',
      '  return new Function("return 1")();',
      '}',
    ].join('\n');
    const found = staticChecks(source).map((e) => [e.line, e.column, e.phase]);
    expect(found).toEqual([
      [2, 13, 'static'],
      [3, 14, 'static'],
      [4, 3, 'static'],
      [5, 10, 'static'],
    ]);
  });

  it('ignores comments, strings and property names', () => {
    const source = [
      '// Date.now() would break replays',
      '/* require("x") */',
      'export default function act(obs, memory) {',
      "  memory.note = 'eval(1) and fetch(x)';",
      '  return { say: obs.process ? undefined : `Date.now()` , moveTo: memory.Date };',
      '}',
    ].join('\n');
    expect(staticChecks(source)).toEqual([]);
  });
});
