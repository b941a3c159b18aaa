/**
 * Every starter case's predicate, checked against the real engine and
 * sandbox: its hand-written reference behavior passes it and a do-nothing
 * behavior fails it (a predicate either cannot pass is measuring nothing).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_CATEGORIES,
  CasePlayer,
  DO_NOTHING_BEHAVIOR,
  RESOURCES_DIR,
  readCaseFile,
} from './index';

const STARTER = join(RESOURCES_DIR, 'eval', 'starter.json');
const cases = readCaseFile(STARTER);
let player: CasePlayer;

beforeAll(async () => {
  player = await CasePlayer.create(RESOURCES_DIR);
});
afterAll(async () => {
  await player.dispose();
});

describe('the starter cases', () => {
  it('number at least 25 and cover every category', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    for (const category of CASE_CATEGORIES) {
      expect(cases.filter((c) => c.category === category).length).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(cases.map((c) => [c.id, c] as const))(
    '%s: the reference passes, doing nothing fails',
    async (_, evalCase) => {
      expect(evalCase.reference).toBeDefined();
      const reference = readFileSync(join(dirname(STARTER), evalCase.reference ?? ''), 'utf8');
      const good = await player.play(evalCase, reference);
      expect(good, good.detail).toMatchObject({
        passed: true,
        error: null,
        loadError: null,
        runtimeErrors: 0,
      });
      const idle = await player.play(evalCase, DO_NOTHING_BEHAVIOR);
      expect(idle, idle.detail).toMatchObject({ passed: false, error: null });
    },
  );
});
