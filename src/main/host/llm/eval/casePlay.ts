/**
 * One case played with one behavior: the case's match (map, config, seed,
 * ticks) with the behavior on the case's team and the opponent on every
 * other team, then the case's predicate over the record. A predicate that
 * throws is an error, never a pass.
 */
import { join } from 'node:path';
import type { ItemDef, MapDef } from '../../../../../engine/index';
import { loadDefaultBehaviors } from '../../behaviors/library/index';
import { loadItems, loadMap } from '../../match/index';
import type { EvalCase } from './caseFile';
import { HeadlessArena } from './headlessMatch';
import { judge, PREDICATES, type Predicate } from './predicates';

/** The opponent "idle", and the behavior the tests check every predicate fails with. */
export const DO_NOTHING_BEHAVIOR = 'export default function act() {\n  return {};\n}\n';

export interface CaseOutcome {
  /** Null when the predicate threw or the match could not be played. */
  passed: boolean | null;
  detail: string;
  /** Set when the outcome is an error (predicate threw, map missing…), not a verdict. */
  error: string | null;
  runtimeErrors: number;
  loadError: string | null;
}

/** Game data and sandboxes shared by the cases of a run; `dispose` when done. */
export class CasePlayer {
  private readonly maps = new Map<string, MapDef>();

  private constructor(
    private readonly resourcesDir: string,
    private readonly items: readonly ItemDef[],
    private readonly shipped: ReadonlyMap<string, string>,
    readonly arena: HeadlessArena,
    private readonly predicates: Readonly<Record<string, Predicate>>,
  ) {}

  static async create(
    resourcesDir: string,
    predicates: Readonly<Record<string, Predicate>> = PREDICATES,
  ): Promise<CasePlayer> {
    const items = (await loadItems(resourcesDir)).items as readonly ItemDef[];
    const shipped = new Map(loadDefaultBehaviors(resourcesDir).map((b) => [b.id, b.code]));
    const arena = new HeadlessArena(items.map((item) => item.id));
    return new CasePlayer(resourcesDir, items, shipped, arena, predicates);
  }

  /** Plays `evalCase` with `source` on its team; never throws for a case's own faults. */
  async play(evalCase: EvalCase, source: string): Promise<CaseOutcome> {
    let result;
    try {
      const map = await this.map(evalCase.map);
      const opponent = this.opponent(evalCase.opponent);
      result = await this.arena.play({
        map,
        items: this.items,
        config: evalCase.config,
        seed: evalCase.seed,
        ticks: evalCase.ticks,
        team: evalCase.team,
        teams: evalCase.config.teams.map((_, team) => ({
          team,
          source: team === evalCase.team ? source : opponent,
        })),
      });
    } catch (error) {
      const message = `the match could not be played: ${(error as Error).message}`;
      return { passed: null, detail: message, error: message, runtimeErrors: 0, loadError: null };
    }
    const { runtimeErrors, loadError } = result;
    try {
      const verdict = judge(result.record, evalCase.predicate, this.predicates);
      return { ...verdict, error: null, runtimeErrors, loadError };
    } catch (error) {
      const message = `predicate ${evalCase.predicate.name} threw: ${(error as Error).message}`;
      return { passed: null, detail: message, error: message, runtimeErrors, loadError };
    }
  }

  dispose(): Promise<void> {
    return this.arena.dispose();
  }

  private async map(name: string): Promise<MapDef> {
    let map = this.maps.get(name);
    if (!map) {
      map = await loadMap(this.resourcesDir, name);
      this.maps.set(name, map);
    }
    return map;
  }

  private opponent(name: string): string | null {
    if (name === 'builtin') return null;
    if (name === 'idle') return DO_NOTHING_BEHAVIOR;
    const code = this.shipped.get(name);
    if (code === undefined) {
      throw new Error(
        `unknown opponent "${name}" (builtin, idle, or one of ${[...this.shipped.keys()].join(', ')})`,
      );
    }
    return code;
  }
}

/** resources/ of this checkout. */
export const RESOURCES_DIR = join(import.meta.dirname, '..', '..', '..', '..', '..', 'resources');
