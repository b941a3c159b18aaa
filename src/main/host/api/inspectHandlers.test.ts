import { describe, expect, it } from 'vitest';
import type { AgentInspection } from '../../../shared/hostApi';
import type { SessionEntry } from './context';
import { visibleTo } from './inspectHandlers';

const inspection = (author: string | null): AgentInspection => ({
  agentId: 4,
  tick: 10,
  paused: false,
  alive: true,
  team: 0,
  x: 1,
  y: 2,
  aimX: 1,
  aimY: 0,
  perception: 300,
  behavior: author === null ? null : { id: 'b', name: 'B', version: 2, author, suspended: false },
  observation: { tick: 10 },
  visible: [],
  lastAction: null,
  memory: '{"n":1}',
  memoryTruncated: false,
  lastError: { phase: 'run', name: 'TypeError', message: 'x', line: 3, column: 1 },
  withheld: null,
});

const session = (role: SessionEntry['role'], author: string) =>
  ({ id: 1, role, author }) as SessionEntry;

describe('what an inspection shows to whom', () => {
  it('shows the host everything', () => {
    expect(visibleTo(session('host', 'host'), inspection('friend-2'))).toEqual(
      inspection('friend-2'),
    );
  });

  it("shows an editing friend their own behavior's memory and errors", () => {
    expect(visibleTo(session('editor', 'friend-2'), inspection('friend-2')).memory).toBe('{"n":1}');
  });

  it("withholds another author's memory and errors from an editing friend, saying why", () => {
    const seen = visibleTo(session('editor', 'friend-2'), inspection('host'));
    expect(seen.memory).toBeNull();
    expect(seen.lastError).toBeNull();
    expect(seen.withheld).toBe("memory and errors are shown only to the behavior's author (host)");
    // What the behavior saw is not a secret: the observation stays.
    expect(seen.observation).toEqual({ tick: 10 });
  });
});
