/**
 * Monaco with its editor contributions and two languages: JavaScript and
 * TypeScript with the behavior API's declarations loaded (completion with
 * docs, hover, parameter hints, code actions, find, folding, type errors
 * as you type, also in .js through checkJs), and its workers built by Vite
 * as same-origin files (the page's CSP allows workers from 'self').
 */
import * as monaco from 'monaco-editor/editor/editor.api';
// editor.api alone registers no contribution: Ctrl+Space opened nothing and every missing
// service logged "depends on UNKNOWN service". This is Monaco's own list, without its 80
// languages (editor.main would bundle them all).
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';
import {
  javascriptDefaults,
  typescriptDefaults,
  ScriptTarget,
} from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { behaviorApiDeclarations } from '../../../../engine/behavior/apiDeclarations';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

let ready = false;

export function setUpMonaco(): typeof monaco {
  if (ready) return monaco;
  ready = true;
  window.MonacoEnvironment = {
    getWorker: (_id, label) =>
      label === 'typescript' || label === 'javascript'
        ? new TypeScriptWorker()
        : new EditorWorker(),
  };
  const options = {
    target: ScriptTarget.ES2020,
    allowJs: true,
    checkJs: true,
    allowNonTsExtensions: true,
    noLib: false,
    lib: ['es2020'],
    strict: false,
  };
  for (const defaults of [javascriptDefaults, typescriptDefaults]) {
    defaults.setCompilerOptions(options);
    defaults.addExtraLib(behaviorApiDeclarations, 'ts:arbiter/behavior-api.d.ts');
    defaults.setEagerModelSync(true);
  }
  return monaco;
}

export type Monaco = typeof monaco;
