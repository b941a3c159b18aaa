/**
 * The behavior API as TypeScript declarations, derived from api.ts (the one
 * place the API is written) for the editor (Monaco's `addExtraLib`) and the
 * LLM prompt. `declarationsFromApi` turns api.ts's source into a global
 * script (not a module, so a behavior names `Observation` or `Action`
 * without an import): every exported interface and type with its comment,
 * `export` dropped, the runtime constants left out and their numbers written
 * into the comments that name them, `Phrase` spelled out from SAY_PHRASES.
 * scripts/generateApiDeclarations.ts writes its result into
 * apiDeclarations.ts (`npm run build` runs it); api.test.ts fails when that
 * file is not what api.ts gives now. Pure string work, no compiler.
 */

const HEADER = `/**
 * Arbiter behavior API. A behavior module's default export (or export
 * \`act\`) is called once per agent per tick: act(obs, memory) => Action.
 * The sandbox has no Date, timers, eval, Function, import or host objects;
 * Math.random is seeded by the match, so replays stay deterministic.
 */
`;

/** One top-level declaration of api.ts: its doc comment and its own lines. */
interface Chunk {
  doc: string[];
  body: string[];
}

/** The declarations text for `apiSource` (the text of api.ts). Throws on a shape it does not know. */
export function declarationsFromApi(apiSource: string): string {
  const numbers = new Map<string, number>();
  let phrases: string[] | null = null;
  const kept: Chunk[] = [];
  for (const chunk of chunksOf(apiSource)) {
    const first = chunk.body[0];
    const constant = /^export const (\w+)/.exec(first);
    if (constant) {
      const text = chunk.body.join('\n');
      const number = /=\s*([\d_]+);$/.exec(text);
      if (number) numbers.set(constant[1], Number(number[1].replaceAll('_', '')));
      if (constant[1] === 'SAY_PHRASES')
        phrases = [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]);
      continue;
    }
    if (!/^export (interface|type) /.test(first))
      throw new Error(`api.ts: cannot declare "${first}" (only interfaces, types and constants)`);
    kept.push(chunk);
  }
  if (!phrases) throw new Error('api.ts: SAY_PHRASES not found');
  const phraseUnion = phrases.map((phrase) => `'${phrase}'`).join(' | ');
  const out = kept.map(({ doc, body }) => {
    const lines = body.map((line) => withNumbers(line.replace(/^export /, ''), numbers));
    if (/^type Phrase = /.test(lines[0]))
      lines.splice(0, lines.length, `type Phrase = ${phraseUnion};`);
    return [...doc.map((line) => withNumbers(line, numbers)), ...lines].join('\n');
  });
  return `${HEADER}\n${out.join('\n\n')}\n`;
}

/** The file's top-level declarations after its module comment, each with its doc comment. */
function chunksOf(source: string): Chunk[] {
  const lines = source.split('\n');
  let at = 0;
  // The module's own comment speaks to the host's readers, not to behavior authors.
  if (lines[0].startsWith('/**')) while (!lines[at++].trimEnd().endsWith('*/'));
  const chunks: Chunk[] = [];
  let doc: string[] = [];
  while (at < lines.length) {
    const line = lines[at];
    if (line.trim() === '') {
      at++;
      continue;
    }
    if (line.startsWith('/**')) {
      doc = [];
      while (true) {
        doc.push(lines[at]);
        if (lines[at++].trimEnd().endsWith('*/')) break;
      }
      continue;
    }
    // A declaration runs to its first line at the left margin that closes it.
    const body: string[] = [];
    while (at < lines.length) {
      const next = lines[at++];
      body.push(next);
      if (body.length === 1 ? next.endsWith(';') : /^[}\]]/.test(next) && /[;}]$/.test(next)) break;
    }
    chunks.push({ doc, body });
    doc = [];
  }
  return chunks;
}

/** `text` (comments: no code names a constant) with each constant's name, and `NAME - 1`, as its number. */
function withNumbers(text: string, numbers: Map<string, number>): string {
  let out = text;
  for (const [name, value] of numbers) {
    out = out.replaceAll(`${name} - 1`, String(value - 1)).replaceAll(name, String(value));
  }
  return out;
}
