/**
 * The predicates a case can name: small functions over a MatchRecord (see
 * matchRecord.ts) that say whether the tested team did what was asked.
 * They run on the host, never in the sandbox. A case names one by `name`
 * and gives its `params`, checked here with zod. Distances are world units,
 * `lastTicks` counts the record's final ticks (all when absent).
 */
import { z } from 'zod';
import { formatIssues } from '../../../../shared/rpcProtocol';
import type { MatchRecord, TickFrame, UnitFrame } from './matchRecord';

export interface Verdict {
  passed: boolean;
  /** What was measured, in words: why it passed or failed. */
  detail: string;
}

export interface Predicate<P = unknown> {
  params: z.ZodType<P>;
  check(record: MatchRecord, params: P): Verdict;
}

const point = z.object({ x: z.number(), y: z.number() }).strict();
const lastTicks = z.number().int().positive().optional();

function define<S extends z.ZodType>(
  params: S,
  check: (record: MatchRecord, params: z.output<S>) => Verdict,
): Predicate {
  return { params, check: check as Predicate['check'] };
}

/** The frames a predicate looks at: the last `n`, or all. */
function tail(record: MatchRecord, n: number | undefined): TickFrame[] {
  return n === undefined ? record.frames : record.frames.slice(-n);
}

function ours(record: MatchRecord, frame: TickFrame): UnitFrame[] {
  return frame.units.filter((u) => u.team === record.team && u.alive);
}

function theirs(record: MatchRecord, frame: TickFrame): UnitFrame[] {
  return frame.units.filter((u) => u.team !== record.team && u.alive);
}

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y);

/** Mean over the frames of a per-unit measure of the tested team's live agents. */
function meanOver(
  record: MatchRecord,
  frames: TickFrame[],
  measure: (unit: UnitFrame, frame: TickFrame) => number | null,
): number {
  let sum = 0;
  let n = 0;
  for (const frame of frames) {
    for (const unit of ours(record, frame)) {
      const value = measure(unit, frame);
      if (value === null) continue;
      sum += value;
      n++;
    }
  }
  return n === 0 ? Number.NaN : sum / n;
}

const round = (v: number) => Math.round(v * 10) / 10;

function below(what: string, value: number, limit: number): Verdict {
  return { passed: value < limit, detail: `${what} ${round(value)} (wanted below ${limit})` };
}

function atLeast(what: string, value: number, limit: number): Verdict {
  return { passed: value >= limit, detail: `${what} ${round(value)} (wanted at least ${limit})` };
}

function atMost(what: string, value: number, limit: number): Verdict {
  return { passed: value <= limit, detail: `${what} ${round(value)} (wanted at most ${limit})` };
}

function nearestEnemy(record: MatchRecord, unit: UnitFrame, frame: TickFrame): number | null {
  let best: number | null = null;
  for (const other of theirs(record, frame)) {
    const d = dist(unit, other);
    if (best === null || d < best) best = d;
  }
  return best;
}

/** Per agent of the tested team, its frames in order (alive ones). */
function tracks(record: MatchRecord): Map<number, UnitFrame[]> {
  const byId = new Map<number, UnitFrame[]>();
  for (const frame of record.frames) {
    for (const unit of ours(record, frame)) {
      const list = byId.get(unit.id) ?? [];
      list.push(unit);
      byId.set(unit.id, list);
    }
  }
  return byId;
}

const team = (record: MatchRecord, events: MatchRecord['shots'], mine: boolean) =>
  events.filter((e) => (e.team === record.team) === mine).length;

const base: Record<string, Predicate> = {
  /** Mean distance of the team's agents to a point falls below `below`. */
  meanDistanceToPointBelow: define(
    z.object({ point, below: z.number().positive(), lastTicks }).strict(),
    (record, p) =>
      below(
        `mean distance to (${p.point.x}, ${p.point.y})`,
        meanOver(record, tail(record, p.lastTicks), (u) => dist(u, p.point)),
        p.below,
      ),
  ),
  /** The fraction of agent-ticks inside a rectangle is at least `atLeast` (0..1). */
  fractionInRegion: define(
    z
      .object({
        x: z.number(),
        y: z.number(),
        width: z.number().positive(),
        height: z.number().positive(),
        atLeast: z.number().min(0).max(1),
        lastTicks,
      })
      .strict(),
    (record, p) =>
      atLeast(
        'fraction inside the region',
        meanOver(record, tail(record, p.lastTicks), (u) =>
          u.x >= p.x && u.x <= p.x + p.width && u.y >= p.y && u.y <= p.y + p.height ? 1 : 0,
        ),
        p.atLeast,
      ),
  ),
  /** Mean distance of each agent to its team's centre is at most `within` (grouped up). */
  meanDistanceToTeamCentreAtMost: define(
    z.object({ within: z.number().positive(), lastTicks }).strict(),
    (record, p) =>
      atMost(
        'mean distance to the team centre',
        meanOver(record, tail(record, p.lastTicks), (u, frame) => {
          const team = ours(record, frame);
          const cx = team.reduce((s, t) => s + t.x, 0) / team.length;
          const cy = team.reduce((s, t) => s + t.y, 0) / team.length;
          return dist(u, { x: cx, y: cy });
        }),
        p.within,
      ),
  ),
  /** Mean distance of each agent to its nearest teammate is at least `apart` (spread out). */
  meanDistanceToNearestAllyAtLeast: define(
    z.object({ apart: z.number().positive(), lastTicks }).strict(),
    (record, p) =>
      atLeast(
        'mean distance to the nearest ally',
        meanOver(record, tail(record, p.lastTicks), (u, frame) => {
          let best: number | null = null;
          for (const other of ours(record, frame)) {
            if (other.id !== u.id && (best === null || dist(u, other) < best))
              best = dist(u, other);
          }
          return best;
        }),
        p.apart,
      ),
  ),
  /** Mean distance to the nearest live enemy is at least `min`. */
  meanDistanceToEnemiesAtLeast: define(
    z.object({ min: z.number().positive(), lastTicks }).strict(),
    (record, p) =>
      atLeast(
        'mean distance to the nearest enemy',
        meanOver(record, tail(record, p.lastTicks), (u, f) => nearestEnemy(record, u, f)),
        p.min,
      ),
  ),
  /** Mean distance to the nearest live enemy is at most `max` (closing in). */
  meanDistanceToEnemiesAtMost: define(
    z.object({ max: z.number().positive(), lastTicks }).strict(),
    (record, p) =>
      atMost(
        'mean distance to the nearest enemy',
        meanOver(record, tail(record, p.lastTicks), (u, f) => nearestEnemy(record, u, f)),
        p.max,
      ),
  ),
  /** Mean distance to the weakest teammate (lowest HP fraction, not itself) is at most `within`. */
  meanDistanceToWeakestAllyAtMost: define(
    z.object({ within: z.number().positive(), lastTicks }).strict(),
    (record, p) =>
      atMost(
        'mean distance to the weakest ally',
        meanOver(record, tail(record, p.lastTicks), (u, frame) => {
          let weakest: UnitFrame | null = null;
          for (const other of ours(record, frame)) {
            if (other.id === u.id) continue;
            if (weakest === null || other.hp / other.maxHp < weakest.hp / weakest.maxHp) {
              weakest = other;
            }
          }
          return weakest ? dist(u, weakest) : null;
        }),
        p.within,
      ),
  ),
  /** Mean distance each agent walked is at least `units`. */
  distanceTravelledAtLeast: define(
    z.object({ units: z.number().positive() }).strict(),
    (record, p) => {
      const all = [...tracks(record).values()];
      const walked = all.map((t) => t.slice(1).reduce((s, u, i) => s + dist(u, t[i]), 0));
      const mean = walked.reduce((s, w) => s + w, 0) / Math.max(1, walked.length);
      return atLeast('mean distance walked', mean, p.units);
    },
  ),
  /** No agent of the team strays farther than `within` from where it started (in the first `firstTicks`, or ever). */
  stayedWithin: define(
    z
      .object({ within: z.number().positive(), firstTicks: z.number().int().positive().optional() })
      .strict(),
    (record, p) => {
      let worst = 0;
      for (const t of tracks(record).values()) {
        const looked = p.firstTicks === undefined ? t : t.slice(0, p.firstTicks);
        for (const u of looked) worst = Math.max(worst, dist(u, t[0]));
      }
      return atMost('farthest any agent strayed', worst, p.within);
    },
  ),
  /**
   * Every agent alternates between the points (each within `radius`) at
   * least `visits` times in all: a patrol, which needs memory across ticks.
   */
  patrolVisits: define(
    z
      .object({
        points: z.array(point).min(2).max(8),
        radius: z.number().positive(),
        visits: z.number().int().positive(),
      })
      .strict(),
    (record, p) => {
      let fewest = Number.POSITIVE_INFINITY;
      for (const t of tracks(record).values()) {
        let visits = 0;
        let next = 0;
        for (const u of t) {
          if (dist(u, p.points[next]) <= p.radius) {
            visits++;
            next = (next + 1) % p.points.length;
          }
        }
        fewest = Math.min(fewest, visits);
      }
      return atLeast(
        'fewest patrol visits by one agent',
        fewest === Infinity ? 0 : fewest,
        p.visits,
      );
    },
  ),
  shotsAtLeast: define(z.object({ count: z.number().int().positive() }).strict(), (record, p) =>
    atLeast('shots fired by the team', team(record, record.shots, true), p.count),
  ),
  shotsAtMost: define(z.object({ count: z.number().int().min(0) }).strict(), (record, p) =>
    atMost('shots fired by the team', team(record, record.shots, true), p.count),
  ),
  pickupsAtLeast: define(z.object({ count: z.number().int().positive() }).strict(), (record, p) =>
    atLeast('items picked up by the team', team(record, record.pickups, true), p.count),
  ),
  enemyDeathsAtLeast: define(
    z.object({ count: z.number().int().positive() }).strict(),
    (record, p) => atLeast('enemy deaths', team(record, record.deaths, false), p.count),
  ),
  deathsAtMost: define(z.object({ count: z.number().int().min(0) }).strict(), (record, p) =>
    atMost('deaths of the team', team(record, record.deaths, true), p.count),
  ),
  /** Mean HP fraction (0..1) of the team over the last ticks is at least `atLeast`. */
  meanHealthAtLeast: define(
    z.object({ atLeast: z.number().min(0).max(1), lastTicks }).strict(),
    (record, p) =>
      atLeast(
        'mean HP fraction',
        meanOver(record, tail(record, p.lastTicks), (u) => u.hp / u.maxHp),
        p.atLeast,
      ),
  ),
};

export interface PredicateCall {
  name: string;
  params?: unknown;
}

/** Every predicate a case may name, `all` (each of `of` must pass) included. */
export const PREDICATES: Readonly<Record<string, Predicate>> = {
  ...base,
  all: define(
    z
      .object({
        of: z.array(z.object({ name: z.string(), params: z.unknown().optional() })).min(1),
      })
      .strict(),
    (record, p) => {
      const verdicts = p.of.map((call) => judge(record, call));
      return {
        passed: verdicts.every((v) => v.passed),
        detail: verdicts.map((v) => `${v.passed ? 'ok' : 'FAIL'}: ${v.detail}`).join('; '),
      };
    },
  ),
};

/** Why a predicate call is malformed (null: it is fine): an unknown name or bad params. */
export function predicateProblem(
  call: PredicateCall,
  registry: Readonly<Record<string, Predicate>> = PREDICATES,
): string | null {
  const predicate = registry[call.name];
  if (!predicate) {
    return `unknown predicate "${call.name}" (known: ${Object.keys(registry).join(', ')})`;
  }
  const parsed = predicate.params.safeParse(call.params ?? {});
  if (!parsed.success) return `params: ${formatIssues(parsed.error)}`;
  if (call.name === 'all') {
    for (const inner of (parsed.data as { of: PredicateCall[] }).of) {
      const problem = predicateProblem(inner, registry);
      if (problem) return `${inner.name}: ${problem}`;
    }
  }
  return null;
}

/** Applies a predicate call to a record. Throws on a malformed call (check with predicateProblem first). */
export function judge(
  record: MatchRecord,
  call: PredicateCall,
  registry: Readonly<Record<string, Predicate>> = PREDICATES,
): Verdict {
  const problem = predicateProblem(call, registry);
  if (problem) throw new Error(problem);
  const predicate = registry[call.name];
  return predicate.check(record, predicate.params.parse(call.params ?? {}));
}
