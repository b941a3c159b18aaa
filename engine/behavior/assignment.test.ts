import { describe, expect, it } from 'vitest';
import { assignAgent, assignTeam, behaviorOf, createAssignments, resolveSlots } from './index';

describe('behavior assignment', () => {
  it('uses the team default, an agent override, and the built-in AI otherwise', () => {
    const a = createAssignments();
    expect(behaviorOf(a, 1, 0)).toBeNull();
    assignTeam(a, 0, 'hunter');
    assignAgent(a, 2, 'kiter');
    assignAgent(a, 3, null);
    expect([
      behaviorOf(a, 1, 0),
      behaviorOf(a, 2, 0),
      behaviorOf(a, 3, 0),
      behaviorOf(a, 4, 1),
    ]).toEqual(['hunter', 'kiter', null, null]);
    assignAgent(a, 3, undefined); // back to the team's
    assignTeam(a, 0, null);
    expect([behaviorOf(a, 3, 0), behaviorOf(a, 2, 0)]).toEqual([null, 'kiter']);
  });

  it('resolves slots per unit, skipping avatars and unloaded behaviors', () => {
    const a = createAssignments();
    assignTeam(a, 0, 'hunter');
    assignTeam(a, 1, 'missing');
    const slots = new Map([['hunter', 4]]);
    const out = new Int32Array(3);
    resolveSlots(a, [10, 11, 12], [0, 1, 0], [1, 1, 0], 3, (id) => slots.get(id) ?? -1, out);
    expect(Array.from(out)).toEqual([4, -1, -1]);
  });
});
