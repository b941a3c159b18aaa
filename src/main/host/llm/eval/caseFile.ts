/**
 * The evaluation case file (JSON, validated with zod): a list of plain-
 * language requests, each with the match to play and the predicate that
 * decides whether the generated behavior did what was asked. A malformed
 * file is refused with a message naming the case and the field.
 *
 * ```json
 * { "version": 1, "cases": [{
 *     "id": "go-top-left", "category": "movement",
 *     "request": "Walk to the top-left corner and stay there.",
 *     "map": "arena", "config": { "botsPerTeam": 4 }, "seed": 1, "ticks": 160,
 *     "team": 0, "opponent": "idle",
 *     "predicate": { "name": "meanDistanceToPointBelow",
 *                    "params": { "point": { "x": 0, "y": 0 }, "below": 200, "lastTicks": 40 } },
 *     "reference": "reference/go-top-left.js" }] }
 * ```
 *
 * `opponent`: "builtin" (the engine's AI), "idle" (stands still) or the id
 * of a shipped behavior (resources/behaviors). `reference`: a hand-written
 * behavior that passes, relative to the case file (used by the tests).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseMatchConfig, type GameConfig } from '../../../../shared/gameConfig';
import { formatIssues } from '../../../../shared/rpcProtocol';
import { PREDICATES, predicateProblem, type Predicate } from './predicates';

export const CASE_CATEGORIES = [
  'movement',
  'combat',
  'items',
  'support',
  'memory',
  'pseudocode',
] as const;

/** Longest match a case may ask for, ticks (10 minutes at 20 ticks a second). */
const MAX_TICKS = 12_000;

const caseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes'),
    category: z.enum(CASE_CATEGORIES),
    /** What the modder would type: plain words or pseudo-code. */
    request: z.string().trim().min(1).max(8000),
    map: z.string().regex(/^[a-z0-9_-]{1,64}$/),
    /** Match config fields over the defaults (teams, botsPerTeam, damageScale…). */
    config: z.record(z.string(), z.unknown()).optional(),
    seed: z.number().int().min(0).max(0xffffffff),
    ticks: z.number().int().positive().max(MAX_TICKS),
    /** The team that runs the generated behavior. */
    team: z.number().int().min(0).max(7),
    opponent: z.string().regex(/^[a-z0-9_-]{1,64}$/),
    predicate: z.object({ name: z.string(), params: z.unknown().optional() }).strict(),
    reference: z.string().optional(),
  })
  .strict();

/** A valid case; `config` is the whole match config (defaults filled in). */
export type EvalCase = Omit<z.output<typeof caseSchema>, 'config'> & { config: GameConfig };

const fileSchema = z.object({ version: z.literal(1), cases: z.array(z.unknown()).min(1) }).strict();

/** Validates a parsed case file; throws an Error naming the case and the field. */
export function parseCaseFile(
  json: unknown,
  predicates: Readonly<Record<string, Predicate>> = PREDICATES,
): EvalCase[] {
  const file = fileSchema.safeParse(json);
  if (!file.success) throw new Error(`the case file: ${formatIssues(file.error)}`);
  const seen = new Set<string>();
  return file.data.cases.map((raw, index) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const name = typeof rawId === 'string' ? `case "${rawId}"` : `case #${index + 1}`;
    const parsed = caseSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`${name}: ${formatIssues(parsed.error)}`);
    const config = parseMatchConfig({ name: 'eval', ...parsed.data.config, map: parsed.data.map });
    if (!config.ok) throw new Error(`${name}: config: ${config.error}`);
    const c: EvalCase = { ...parsed.data, config: config.value };
    if (seen.has(c.id)) throw new Error(`${name}: id: used by an earlier case`);
    seen.add(c.id);
    const problem = predicateProblem(c.predicate, predicates);
    if (problem) throw new Error(`${name}: predicate: ${problem}`);
    const teams = c.config.teams.length;
    if (c.team >= teams) throw new Error(`${name}: team: the match has only ${teams} teams`);
    return c;
  });
}

/** Reads and validates a case file; throws an Error that says which file, case and field. */
export function readCaseFile(
  path: string,
  predicates: Readonly<Record<string, Predicate>> = PREDICATES,
): EvalCase[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the case file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return parseCaseFile(json, predicates);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}
