/**
 * Skills: XP per unit per skill and the level curve. A unit's level in a
 * skill follows from its XP alone (`levelForXp`), so persistence stores XP
 * and levels are rebuilt on load. XP earned during a tick waits in
 * `skills.pending` until the skills system (see systems/progress.ts)
 * credits it, after combat and before scoring.
 */

/** Skill names; a skill's index in this list is its column in the per-unit skill arrays. */
export const SKILLS = ['attack', 'defence', 'vitality'] as const;
export type SkillName = (typeof SKILLS)[number];
/** Skill columns per unit. */
export const SKILL_COUNT = SKILLS.length;
/** Column of each skill. */
export const SKILL_ATTACK = 0;
export const SKILL_DEFENCE = 1;
export const SKILL_VITALITY = 2;
/** Highest level. */
export const MAX_LEVEL = 99;
/** XP never grows past this (fits a Uint32 with room to spare). */
export const MAX_XP = 200_000_000;

/**
 * `XP_TABLE[L]` is the XP at which level L starts (L = 1..MAX_LEVEL): the
 * classic curve `floor(sum_{l<L} floor(l + 300 * 2^(l / 7)) / 4)`, about
 * +10 % per level; level 2 at 83 XP, level 50 at 101,333, level 99 at
 * 13,034,431.
 */
const XP_TABLE = buildXpTable();

function buildXpTable(): Uint32Array {
  const table = new Uint32Array(MAX_LEVEL + 1);
  let points = 0;
  for (let level = 1; level < MAX_LEVEL; level++) {
    points += Math.floor(level + 300 * Math.pow(2, level / 7));
    table[level + 1] = Math.floor(points / 4);
  }
  return table;
}

/** XP at which `level` (integer 1..99, clamped) starts. */
export function xpForLevel(level: number): number {
  const l = level < 1 ? 1 : level > MAX_LEVEL ? MAX_LEVEL : Math.floor(level);
  return XP_TABLE[l];
}

/** Level (1..99) reached with `xp` XP (negative counts as 0). */
export function levelForXp(xp: number): number {
  let lo = 1;
  let hi = MAX_LEVEL;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (XP_TABLE[mid] <= xp) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Column of skill `name`, or -1 when there is no such skill. */
export function skillIndex(name: string): number {
  return (SKILLS as readonly string[]).indexOf(name);
}
