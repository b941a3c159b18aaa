/**
 * Writes engine/behavior/apiDeclarations.ts: the behavior API's declarations
 * as one string, generated from engine/behavior/api.ts by
 * declarationsFromApi. `npm run build` runs it; api.test.ts fails when the
 * file is stale. After changing api.ts by hand:
 * `node --import tsx scripts/generateApiDeclarations.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { declarationsFromApi } from '../engine/behavior/declarationsFromApi';

const api = new URL('../engine/behavior/api.ts', import.meta.url);
const target = new URL('../engine/behavior/apiDeclarations.ts', import.meta.url);

const declarations = declarationsFromApi(readFileSync(api, 'utf8'));
// One string literal, laid out as Prettier lays it: the file is an artifact, not for reading.
const text = `// Generated from api.ts by scripts/generateApiDeclarations.ts (npm run build runs it): do not edit.
/** The behavior API as TypeScript declarations for the editor and the LLM prompt (declarationsFromApi.ts). */
export const behaviorApiDeclarations =
  ${JSON.stringify(declarations)};
`;
// Written only when it changed, so a build leaves an up-to-date tree untouched.
if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
