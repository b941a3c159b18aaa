/**
 * Checks a behavior's source before it runs: uses of what the sandbox does
 * not have (require, import(), eval, Function, process, timers, Date,
 * fetch) are reported with their line and column, so the editor can mark
 * them at once. Comments and strings are blanked first, and property
 * names (`obs.process`) do not count.
 */
import { sandboxError, type BehaviorError } from './behaviorError';

const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/\brequire\s*\(/g, 'require() is not available: a behavior is one module with no imports'],
  [/\bimport\s*\(/g, 'import() is not available: a behavior is one module with no imports'],
  [
    /^\s*import\s[^;]*from\s/gm,
    'imports are not available: a behavior is one module with no imports',
  ],
  [/\beval\s*\(/g, 'eval is not available in the sandbox'],
  [/\b(new\s+)?Function\s*\(/g, 'Function() is not available in the sandbox'],
  [/\bprocess\s*\./g, 'process is not available in the sandbox'],
  [
    /\b(setTimeout|setInterval|setImmediate|queueMicrotask)\s*\(/g,
    'timers are not available: a behavior answers within its tick',
  ],
  [
    /\bDate\s*[.(]|\bnew\s+Date\b/g,
    'Date is not available (matches are deterministic): use obs.tick / obs.tickRate',
  ],
  [/\bfetch\s*\(/g, 'fetch is not available: behaviors have no network'],
];

export function staticChecks(source: string): BehaviorError[] {
  const code = blankCommentsAndStrings(source);
  const errors: BehaviorError[] = [];
  for (const [pattern, message] of FORBIDDEN) {
    for (const match of code.matchAll(pattern)) {
      let index = match.index ?? 0;
      while (/\s/.test(code[index] ?? '')) index++;
      if (index > 0 && code[index - 1] === '.') continue;
      const { line, column } = position(code, index);
      errors.push({ ...sandboxError('static', 'StaticCheck', message), line, column });
    }
  }
  return errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Same length and line breaks, with comments and string contents replaced by spaces. */
export function blankCommentsAndStrings(source: string): string {
  let out = '';
  let i = 0;
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      const stop = Math.min(source.length, j + 1);
      out += c + blank(source.slice(i + 1, stop - 1)) + (stop - 1 > i ? source[stop - 1] : '');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}
