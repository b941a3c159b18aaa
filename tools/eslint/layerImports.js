// @ts-check
/**
 * ESLint rules that hold the layers of ../../../shared/DESIGN.md ("Layers").
 *
 * Why a local rule and not `no-restricted-imports` patterns: a pattern sees
 * the specifier as text, so `'../../ipc'` from a nested folder, or
 * `'../bench/_stats'` from engine/, slips past a pattern written for one
 * depth. This rule resolves every relative specifier against the importing
 * file (lexically, so a target that does not exist yet is judged too) and
 * asks one question of the result: which folder does it land in? It sees
 * every way a module is named: `import`, `export … from`, `import()`,
 * `require()`, `import x = require()` and `import('x').T` types.
 * (eslint-plugin-import-x's `no-restricted-paths` resolves through a module
 * resolver and silently skips a specifier the resolver cannot find, and it
 * would add a native resolver binary for what is forty lines here.)
 */
import { builtinModules } from 'node:module';
import { dirname, isAbsolute, join, posix, relative, sep } from 'node:path';

const builtins = new Set(builtinModules);

/**
 * @typedef {object} LayerOptions
 * @property {string} layer  the layer's name in messages, e.g. "engine/"
 * @property {string[]} folders  repository-relative folders (or files) a path import may land in
 * @property {string[] | '*'} packages  npm packages it may import ('*': any)
 * @property {string[]} [deniedPackages]  packages it may never import, even under '*'
 * @property {boolean} builtins  whether Node built-ins (`fs`, `node:fs`) are allowed
 * @property {Record<string, string[]>} [entries]  folder → the only files in it an outsider may import
 * @property {string} [why]  appended to every message: the reason for the layer
 */

/** The package a bare specifier names: `@scope/name/x` → `@scope/name`, `react-dom/client` → `react-dom`. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Whether a repository-relative path lies inside `folder` (or is that file, without extension). */
function inside(path, folder) {
  return path === folder || path.startsWith(`${folder}/`) || path.startsWith(`${folder}.`);
}

/** A specifier string, when `node` is a literal (or a template with no expressions). */
function literalOf(node) {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    return node.quasis[0].value.cooked ?? undefined;
  }
  return undefined;
}

/**
 * Calls `check(specifierNode, specifier)` for every module the file names, and
 * `computed(node)` for an `import()`/`require()` whose specifier is not a literal.
 */
function visitModuleNames(check, computed) {
  const fromSource = (node) => {
    const value = literalOf(node.source);
    if (value !== undefined) check(node.source, value);
  };
  const fromCall = (node, argument) => {
    const value = literalOf(argument);
    if (value !== undefined) check(argument, value);
    else computed(node);
  };
  return {
    ImportDeclaration: fromSource,
    ExportNamedDeclaration: fromSource,
    ExportAllDeclaration: fromSource,
    ImportExpression: (node) => fromCall(node, node.source),
    CallExpression(node) {
      if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
        fromCall(node, node.arguments[0]);
      }
    },
    TSExternalModuleReference: (node) => fromCall(node, node.expression),
    TSImportType(node) {
      const argument = node.argument?.type === 'TSLiteralType' ? node.argument.literal : undefined;
      const value = literalOf(argument ?? node.source);
      if (value !== undefined) check(node, value);
    },
  };
}

/** The repository root, two folders above this file: paths are judged from there, whatever the cwd. */
const root = join(import.meta.dirname, '..', '..');

/** `file` as a repository-relative path with forward slashes. */
function repositoryPath(file) {
  return relative(root, file).split(sep).join('/');
}

/** @type {import('eslint').Rule.RuleModule} */
const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'A layer imports only the folders and packages its layer allows.' },
    schema: [{ type: 'object' }],
    messages: {
      escapes: '{{layer}} may not import "{{specifier}}": it resolves to {{target}}. {{why}}',
      entry:
        '{{layer}} may not import "{{specifier}}": {{folder}}/ is imported only through {{entries}}.',
      builtin: '{{layer}} may not import the Node built-in "{{specifier}}". {{why}}',
      package: '{{layer}} may not import the package "{{specifier}}". {{why}}',
      computed: '{{layer}}: a module named by a computed expression cannot be checked; name it.',
    },
  },
  create(context) {
    /** @type {LayerOptions} */
    const options = context.options[0];
    const why = options.why ?? '';
    const file = repositoryPath(context.filename);
    const report = (node, messageId, data) =>
      context.report({ node, messageId, data: { layer: options.layer, why, ...data } });

    return visitModuleNames(
      (node, raw) => {
        const specifier = raw.replace(/\?.*$/, ''); // vite's `?raw`, `?worker` suffixes
        if (specifier.startsWith('.') || isAbsolute(specifier)) {
          const target = isAbsolute(specifier)
            ? repositoryPath(specifier)
            : posix.normalize(posix.join(dirname(file), specifier));
          if (!options.folders.some((folder) => inside(target, folder))) {
            report(node, 'escapes', { specifier: raw, target });
            return;
          }
          for (const [folder, entries] of Object.entries(options.entries ?? {})) {
            const fromOutside = !inside(file, folder);
            if (fromOutside && inside(target, folder) && !entries.some((e) => target === e)) {
              report(node, 'entry', { specifier: raw, folder, entries: entries.join(', ') });
            }
          }
          return;
        }
        if (specifier.startsWith('node:') || builtins.has(specifier)) {
          if (!options.builtins) report(node, 'builtin', { specifier: raw });
          return;
        }
        const name = packageOf(specifier);
        const allowed =
          options.packages === '*' ? true : options.packages.some((allowed) => allowed === name);
        if (!allowed || options.deniedPackages?.includes(name)) {
          report(node, 'package', { specifier: raw });
        }
      },
      (node) => report(node, 'computed', {}),
    );
  },
};

/** @type {import('eslint').Rule.RuleModule} */
const noTestingImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Production code never imports test support (a `testing/` folder).' },
    schema: [],
    messages: {
      testing:
        '"{{specifier}}" is test support (a testing/ folder): only tests, benchmarks and other test support may import it.',
    },
  },
  create(context) {
    const file = repositoryPath(context.filename);
    return visitModuleNames(
      (node, specifier) => {
        if (!specifier.startsWith('.')) return;
        const target = posix.normalize(posix.join(dirname(file), specifier));
        if (target.split('/').includes('testing')) {
          context.report({ node, messageId: 'testing', data: { specifier } });
        }
      },
      () => {},
    );
  },
};

/** The plugin eslint.config.js registers as `arbiter`. */
export default {
  meta: { name: 'arbiter-layers' },
  rules: { 'layer-imports': layerImports, 'no-testing-imports': noTestingImports },
};
