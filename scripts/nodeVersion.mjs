// The Node version Arbiter needs has one home: package.json's `engines.node`.
// The start scripts and `npm test` check it here; .nvmrc names the version
// the suite runs on, and scripts/nodeVersion.test.ts keeps the two agreeing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './ensureBuilt.mjs';

/** @returns {string} package.json's `engines.node`, e.g. "^20.19.0 || ^22.13.0 || >=24" */
export function requiredNode() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node;
}

/** @param {string} version "20.19.0" or "v20.19.0" @returns {number[]} */
const parts = (version) =>
  version
    .replace(/^v/, '')
    .split('.')
    .map((n) => Number(n) || 0)
    .concat(0, 0, 0)
    .slice(0, 3);

/** @param {number[]} a @param {number[]} b @returns {number} */
const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * Whether `version` satisfies `range`: alternatives joined by `||`, each a
 * caret (`^20.19.0`: at least that, same major) or a floor (`>=24`). Those
 * are the only forms `engines.node` uses; anything else throws, so a new
 * form is noticed rather than passed.
 * @param {string} version
 * @param {string} range
 */
export function satisfies(version, range) {
  const have = parts(version);
  return range.split('||').some((alternative) => {
    const term = alternative.trim();
    const caret = /^\^(\d+(?:\.\d+){0,2})$/.exec(term);
    if (caret) {
      const floor = parts(caret[1]);
      return have[0] === floor[0] && compare(have, floor) >= 0;
    }
    const atLeast = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(term);
    if (atLeast) return compare(have, parts(atLeast[1])) >= 0;
    throw new Error(`engines.node: cannot read "${term}" (use ^X.Y.Z or >=X)`);
  });
}

/** Exits with one line saying what to do when this Node is not one Arbiter runs on. */
export function checkNodeVersion() {
  const range = requiredNode();
  if (satisfies(process.version, range)) return;
  console.error(
    `Arbiter needs Node ${range} (package.json "engines"); this is ${process.version}. ` +
      'With nvm: `nvm install` in this folder (it reads .nvmrc).',
  );
  process.exit(1);
}
