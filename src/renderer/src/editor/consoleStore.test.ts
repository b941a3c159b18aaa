import { describe, expect, it } from 'vitest';
import type { ConsoleLine } from '../../../shared/consoleApi';
import {
  agentsSeen,
  behaviorsSeen,
  emptyConsole,
  visibleLines,
  withDryRun,
  withLines,
  type ConsoleState,
} from './consoleStore';

const line = (over: Partial<ConsoleLine> = {}): ConsoleLine => ({
  tick: 1,
  agentId: 3,
  behaviorId: 'talker',
  behaviorName: 'Talker',
  version: 1,
  author: 'host',
  level: 'log',
  text: 'hi',
  source: 'match',
  ...over,
});

const add = (state: ConsoleState, lines: ConsoleLine[], max?: number): ConsoleState => ({
  ...state,
  ...withLines(state, lines, max),
});

describe('the console store', () => {
  it('keeps only the newest lines, in arrival order', () => {
    let state = emptyConsole();
    for (let i = 0; i < 5; i++) state = add(state, [line({ tick: i }), line({ tick: i })], 6);
    expect(state.lines.map((l) => l.tick)).toEqual([2, 2, 3, 3, 4, 4]);
    // Keys stay unique and increasing after lines fall off.
    const seqs = state.lines.map((l) => l.seq);
    expect(new Set(seqs).size).toBe(6);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('replaces the previous dry run and keeps the match lines', () => {
    let state = add(emptyConsole(), [line({ text: 'match' })]);
    state = { ...state, ...withDryRun(state, [line({ source: 'dry-run', text: 'first' })]) };
    state = { ...state, ...withDryRun(state, [line({ source: 'dry-run', text: 'second' })]) };
    expect(state.lines.map((l) => l.text)).toEqual(['match', 'second']);
  });

  it('filters by agent, behavior and level', () => {
    const state = add(emptyConsole(), [
      line({ agentId: 1, level: 'log', text: 'a' }),
      line({ agentId: 2, level: 'warn', text: 'b' }),
      line({ agentId: 1, level: 'error', behaviorId: 'flood', behaviorName: 'Flood', text: 'c' }),
      line({ agentId: null, level: 'warn', text: 'd' }),
    ]);
    const shown = (filter: Partial<ConsoleState['filter']>) =>
      visibleLines({ ...state, filter: { ...state.filter, ...filter } }).map((l) => l.text);
    expect(shown({})).toEqual(['a', 'b', 'c', 'd']);
    expect(shown({ agent: 1 })).toEqual(['a', 'c']);
    expect(shown({ behavior: 'flood' })).toEqual(['c']);
    expect(shown({ levels: { log: false, info: true, warn: true, error: false } })).toEqual([
      'b',
      'd',
    ]);
    expect(agentsSeen(state)).toEqual([1, 2]);
    expect(behaviorsSeen(state)).toEqual([
      { id: 'flood', name: 'Flood' },
      { id: 'talker', name: 'Talker' },
    ]);
  });
});
