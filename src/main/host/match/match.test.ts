/**
 * A Match driven through every state against the real engine worker: the
 * sequence (save players, engine, history, tell everyone) runs in order,
 * every transition is emitted, and what a state does not allow is refused
 * with an error that names both.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInConfig } from '../api/configHandlers';
import { EngineHost } from './engineHost';
import { loadItems } from './gameData';
import { loadMap } from './maps';
import { InvalidTransition, Match, type MatchPlan, type MatchTransition } from './match';

const resourcesDir = join(import.meta.dirname, '..', '..', '..', '..', 'resources');
const engine = new EngineHost(new URL('./engineWorker.ts', import.meta.url));
afterAll(() => engine.dispose());

/** Waits (bounded) until `read` gives something other than `old`. */
async function changed<T>(read: () => Promise<T>, old: T): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (value !== old || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Match', () => {
  it('goes lobby → starting → running ⇄ paused → ended → starting → running → ended', async () => {
    const config = builtInConfig();
    const settings = { config, seed: 7, agents: 4 };
    const plan: MatchPlan = {
      map: await loadMap(resourcesDir, config.map),
      settings,
      items: (await loadItems(resourcesDir)).items,
    };
    const calls: string[] = [];
    const transitions: MatchTransition[] = [];
    let records = 0;
    const match = new Match(
      engine,
      {
        stopping: async () => void calls.push('stopping'),
        started: async () => void calls.push('started'),
        recordStart: () => (calls.push('recordStart'), ++records),
        recordEnd: (id, result) => void calls.push(`recordEnd ${id} ${result}`),
      },
      settings,
    );
    match.on('transition', (transition) => transitions.push(transition));
    expect(match.phase).toBe('lobby');
    await expect(match.pause()).rejects.toThrow(InvalidTransition);
    await expect(match.resume()).rejects.toThrow(
      'cannot resume the match while it is lobby (only when paused)',
    );

    await match.start(plan);
    expect(match.phase).toBe('running');
    expect(match.map?.name).toBe(plan.map.name);
    const tick = () => engine.behaviorStatus().then(() => lastTick);
    let lastTick = -1;
    engine.on('stats', (stats) => (lastTick = stats.tick));
    await changed(tick, -1);

    await match.pause();
    expect(match.phase).toBe('paused');
    expect(match.running).toBe(true);
    await expect(match.pause()).rejects.toThrow('cannot pause the match while it is paused');
    await match.resume();
    expect(match.phase).toBe('running');
    await expect(match.resume()).rejects.toThrow(InvalidTransition);

    await match.stop();
    expect(match.phase).toBe('ended');
    expect(match.running).toBe(false);
    await expect(match.pause()).rejects.toThrow('while it is ended');

    await match.start(plan); // a new match after the last one ended
    await match.start(plan); // replaces the running one
    await match.stop();
    await match.stop(); // nothing left to stop

    expect(transitions.map(({ from, to }) => `${from}>${to}`)).toEqual([
      'lobby>starting',
      'starting>running',
      'running>paused',
      'paused>running',
      'running>ended',
      'ended>starting',
      'starting>running',
      'running>starting',
      'starting>running',
      'running>ended',
    ]);
    expect(calls).toEqual([
      'recordStart',
      'started',
      'stopping',
      'recordEnd 1 stopped',
      'recordStart',
      'started',
      'stopping',
      'recordEnd 2 replaced',
      'recordStart',
      'started',
      'stopping',
      'recordEnd 3 stopped',
    ]);
  });

  it('a start the engine refuses falls back to where it was, with the engine’s reason', async () => {
    const config = builtInConfig();
    const settings = { config, seed: 7, agents: 2 };
    const match = new Match(
      engine,
      {
        stopping: async () => {},
        started: async () => {},
        recordStart: () => null,
        recordEnd: () => {},
      },
      settings,
    );
    const broken: MatchPlan = {
      map: { ...(await loadMap(resourcesDir, config.map)), spawns: [] },
      settings,
      items: [],
    };
    await expect(match.start(broken)).rejects.toThrow(/spawn/);
    expect(match.phase).toBe('lobby');
  });

  it('a failed request rejects only itself: another request in flight still answers', async () => {
    const [paused, status] = await Promise.allSettled([engine.pause(), engine.behaviorStatus()]);
    expect(paused.status).toBe('rejected');
    expect(status.status).toBe('fulfilled');
  });
});
