/**
 * TypeScript to JavaScript for behaviors, with amaro (the Node.js project's
 * type stripper, swc's strip-only mode, used by Node's own
 * `--experimental-strip-types`). Strip-only replaces every type with
 * whitespace, so each line and column of the output is the same line and
 * column of the input: errors QuickJS reports in the stripped code point at
 * the modder's TypeScript without a source map. TypeScript-only runtime
 * constructs (enum, namespace, parameter properties) are refused with
 * their position; behaviors do not need them.
 */
import { transformSync } from 'amaro';
import type { BehaviorError } from './behaviorError';

/** Source language of a behavior. */
export type BehaviorLanguage = 'javascript' | 'typescript';

/** The JavaScript to run, or why the TypeScript could not be stripped. */
export type StripResult = { ok: true; code: string } | { ok: false; error: BehaviorError };

interface SwcError {
  code: string;
  message: string;
  startLine: number;
  startColumn: number;
}

function isSwcError(value: unknown): value is SwcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SwcError).message === 'string' &&
    typeof (value as SwcError).startLine === 'number'
  );
}

/** `source` as JavaScript: as it is for 'javascript', types stripped for 'typescript'. */
export function toJavaScript(source: string, language: BehaviorLanguage): StripResult {
  if (language === 'javascript') return { ok: true, code: source };
  try {
    const { code } = transformSync(source, { mode: 'strip-only' });
    return { ok: true, code };
  } catch (error) {
    if (isSwcError(error)) {
      return {
        ok: false,
        error: {
          phase: 'strip',
          name: error.code === 'UnsupportedSyntax' ? 'UnsupportedSyntax' : 'SyntaxError',
          message: error.message,
          line: error.startLine,
          // swc counts columns from 0; QuickJS and editors from 1.
          column: error.startColumn + 1,
          stack: '',
        },
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { phase: 'strip', name: 'SyntaxError', message, line: null, column: null, stack: '' },
    };
  }
}
