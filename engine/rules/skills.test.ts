import { describe, expect, it } from 'vitest';
import { MAX_LEVEL, MAX_XP, SKILLS, levelForXp, skillIndex, xpForLevel } from '../index';

describe('skills and the level curve', () => {
  it('uses the classic curve', () => {
    expect(xpForLevel(1)).toBe(0);
    expect(xpForLevel(2)).toBe(83);
    expect(xpForLevel(10)).toBe(1154);
    expect(xpForLevel(50)).toBe(101_333);
    expect(xpForLevel(MAX_LEVEL)).toBe(13_034_431);
  });

  it('rises by about a tenth per level past the early levels', () => {
    for (let level = 30; level < MAX_LEVEL; level++) {
      const step = xpForLevel(level + 1) - xpForLevel(level);
      const previous = xpForLevel(level) - xpForLevel(level - 1);
      expect(step / previous).toBeGreaterThan(1.08);
      expect(step / previous).toBeLessThan(1.12);
    }
  });

  it('maps XP back to levels at and around every threshold', () => {
    expect(levelForXp(-5)).toBe(1);
    for (let level = 1; level <= MAX_LEVEL; level++) {
      expect(levelForXp(xpForLevel(level))).toBe(level);
      if (level > 1) expect(levelForXp(xpForLevel(level) - 1)).toBe(level - 1);
    }
    expect(levelForXp(MAX_XP)).toBe(MAX_LEVEL);
  });

  it('names its skills', () => {
    expect(SKILLS).toEqual(['attack', 'defence', 'vitality']);
    expect(skillIndex('defence')).toBe(1);
    expect(skillIndex('cooking')).toBe(-1);
  });
});
