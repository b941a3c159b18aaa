import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SAY_PHRASES, behaviorApiDeclarations } from './index';
import { declarationsFromApi } from './declarationsFromApi';

/** Name → (member → type text) for every interface and type alias in `source`. */
function shapes(source: string, fileName: string): Map<string, Map<string, string>> {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const out = new Map<string, Map<string, string>>();
  const text = (node: ts.Node) => node.getText(file).replace(/\s+/g, ' ');
  for (const statement of file.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      const members = new Map<string, string>();
      for (const m of statement.members) {
        if (ts.isPropertySignature(m) && m.type) {
          members.set(`${m.name.getText(file)}${m.questionToken ? '?' : ''}`, text(m.type));
        }
      }
      out.set(statement.name.text, members);
    } else if (ts.isTypeAliasDeclaration(statement)) {
      out.set(statement.name.text, new Map([['=', text(statement.type)]]));
    }
  }
  return out;
}

describe('behaviorApiDeclarations', () => {
  const api = readFileSync(new URL('./api.ts', import.meta.url), 'utf8');
  const fromApi = shapes(api, 'api.ts');
  const fromDeclarations = shapes(behaviorApiDeclarations, 'behavior.d.ts');

  it('is what api.ts gives now (after changing api.ts: npm run build, or scripts/generateApiDeclarations.ts)', () => {
    expect(behaviorApiDeclarations).toBe(declarationsFromApi(api));
  });

  it('refuses a declaration it cannot carry over rather than dropping it', () => {
    const withFunction = `${api}\n/** A helper. */\nexport function helper(): void {}\n`;
    expect(() => declarationsFromApi(withFunction)).toThrow(
      /cannot declare "export function helper/,
    );
  });

  it('writes the numbers of the constants into the comments that name them', () => {
    expect(behaviorApiDeclarations).toContain('Slot number, 0 .. 27.');
    expect(behaviorApiDeclarations).toContain('nearest first (at most 32)');
    expect(behaviorApiDeclarations).not.toMatch(
      /MAX_SEEN|MAX_WALLS|MEMORY_BYTE_LIMIT|SAY_PHRASES|^export /m,
    );
  });

  it('declares every type of api.ts with the same members and member types', () => {
    // Phrase is derived from SAY_PHRASES in api.ts and spelled out in the declarations.
    fromApi.delete('Phrase');
    const phrase = fromDeclarations.get('Phrase')?.get('=');
    fromDeclarations.delete('Phrase');
    expect(phrase).toBe(SAY_PHRASES.map((p) => `'${p}'`).join(' | '));
    expect([...fromDeclarations.keys()].sort()).toEqual([...fromApi.keys()].sort());
    for (const [name, members] of fromApi) {
      expect(Object.fromEntries(fromDeclarations.get(name) ?? []), name).toEqual(
        Object.fromEntries(members),
      );
    }
  });

  it('type-checks a behavior written against it, and flags a wrong one', () => {
    const diagnostics = (behavior: string) => {
      const files = new Map([
        ['/api.d.ts', behaviorApiDeclarations],
        ['/behavior.ts', behavior],
      ]);
      const options: ts.CompilerOptions = { strict: true, noEmit: true, lib: ['lib.es2022.d.ts'] };
      const host = ts.createCompilerHost(options);
      const read = host.readFile.bind(host);
      host.readFile = (name) => files.get(name) ?? read(name);
      host.fileExists = (name) => files.has(name) || ts.sys.fileExists(name);
      const getSource = host.getSourceFile.bind(host);
      host.getSourceFile = (name, version) =>
        files.has(name)
          ? ts.createSourceFile(name, files.get(name) as string, version)
          : getSource(name, version);
      const program = ts.createProgram(['/api.d.ts', '/behavior.ts'], options, host);
      return ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    };
    const good = `export default function act(obs: Observation, memory: Memory): Action {
      const e = obs.nearby.find((s) => s.kind === 'agent' && s.team !== obs.self.team);
      memory.seen = e?.id ?? null;
      return e ? { moveTo: e, aimAt: e.id, fire: e.distance < obs.self.range, say: 'attack' } : {};
    }`;
    expect(diagnostics(good)).toEqual([]);
    const bad = `export default function act(obs: Observation): Action { return { say: 'hi', fire: obs.self.hp }; }`;
    expect(diagnostics(bad).length).toBeGreaterThan(0);
  });
});
