import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import arena from '../../resources/maps/arena.json';
import itemsFile from '../../resources/items.json';
import {
  addPlayer,
  applyCommand,
  createRng,
  createWorld,
  nextFloat,
  nextInt,
  removePlayer,
  replay,
  setAgentCount,
  startRecording,
  stateHash,
  stepWorld,
  type Command,
  type ItemDef,
  type MapDef,
  type ReplayLog,
  type WorldOptions,
} from '../index';

const TICKS = 10_000;
const map: MapDef = {
  ...arena,
  pickups: [
    { x: 560, y: 500, item: 'health_potion', respawnSeconds: 8 },
    { x: 1040, y: 500, item: 'health_potion', respawnSeconds: 8 },
    { x: 800, y: 300, item: 'longbow', respawnSeconds: 30 },
  ],
};
const options: WorldOptions = {
  seed: 20240611,
  items: itemsFile.items as ItemDef[],
  config: { botsPerTeam: 16, matchSeconds: 600, respawnSeconds: 2 },
};

/**
 * Plays a 10,000-tick match with every system busy: 32 bots, players
 * joining and leaving, a scripted stream of commands (valid and hostile)
 * from a separate generator, and a bot count change. Returns the recorded
 * log and the final hash.
 */
function recordMatch(): { log: ReplayLog; hash: string; kills: number } {
  const world = createWorld(map, options);
  const log = startRecording(world);
  const script = createRng(7);
  const players: number[] = [];
  const kinds = ['move', 'aim', 'fire', 'pickup', 'equip', 'use', 'drop', 'moveItem', 'unequip'];
  for (let t = 0; t < TICKS; t++) {
    if (t === 5) players.push(addPlayer(world, 0), addPlayer(world, 1));
    if (t === 2000) players.push(addPlayer(world, 1));
    if (t === 4000) removePlayer(world, players.shift()!);
    if (t === 6000) setAgentCount(world, 24);
    for (const id of players) {
      if (nextFloat(script) < 0.6) continue;
      const type = kinds[nextInt(script, 0, kinds.length - 1)];
      const command: Record<string, unknown> = { type };
      command.x = nextFloat(script) * 2 - 1;
      command.y = nextFloat(script) * 2 - 1;
      command.angle = nextFloat(script) * 8 - 4; // sometimes out of range
      command.slot = type === 'unequip' ? 'weapon' : nextInt(script, -1, 29);
      command.from = nextInt(script, 0, 27);
      command.to = nextInt(script, 0, 27);
      applyCommand(world, id, command as Command);
    }
    // An actor acting for someone else, now and then.
    if (t % 97 === 0) applyCommand(world, 12345, { type: 'fire' });
    stepWorld(world);
  }
  const kills = world.teamScore.kills[0] + world.teamScore.kills[1];
  return { log, hash: stateHash(world), kills };
}

/** Replays `log` in a worker thread (TypeScript through tsx) and returns its hash. */
function replayInWorker(log: ReplayLog): Promise<string> {
  const url = new URL('../index.ts', import.meta.url).href;
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    import('tsx/esm/api')
      .then(({ tsImport }) => tsImport(workerData.url, workerData.url))
      .then((engine) => {
        const world = engine.replay(workerData.map, workerData.options, workerData.log, workerData.ticks);
        parentPort.postMessage({ hash: engine.stateHash(world) });
      })
      .catch((error) => parentPort.postMessage({ error: String((error && error.stack) || error) }));
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, {
      eval: true,
      workerData: { url, map, options, log, ticks: TICKS },
    });
    worker.once('message', (message: { hash?: string; error?: string }) => {
      void worker.terminate();
      if (message.hash) resolve(message.hash);
      else reject(new Error(message.error));
    });
    worker.once('error', reject);
  });
}

describe('determinism', () => {
  const recorded = recordMatch();

  it('plays a real match (the replay has something to reproduce)', () => {
    expect(recorded.kills).toBeGreaterThan(100);
    expect(recorded.log.entries.length).toBeGreaterThan(5000);
  });

  it('replays a recorded command log to the same state hash after 10,000 ticks', () => {
    const world = replay(map, options, recorded.log, TICKS);
    expect(world.tick).toBe(TICKS);
    expect(stateHash(world)).toBe(recorded.hash);
    // And the log matters: one command changed, another hash.
    const entries = recorded.log.entries.map((e) => ({ ...e }));
    const k = entries.findIndex(
      (e) => e.op === 'command' && e.tick > 100 && e.command.type === 'move',
    );
    entries[k] = {
      ...entries[k],
      command: { type: 'move', x: 1, y: 1 },
    } as (typeof entries)[number];
    expect(stateHash(replay(map, options, { entries }, TICKS))).not.toBe(recorded.hash);
  });

  it('gives the same hash in a worker thread as on the main thread', async () => {
    const mainThread = stateHash(replay(map, options, recorded.log, TICKS));
    expect(await replayInWorker(recorded.log)).toBe(mainThread);
  }, 60_000);

  it('rejects a log out of tick order', () => {
    const entries = [
      { tick: 5, op: 'setAgentCount' as const, count: 3 },
      { tick: 2, op: 'setAgentCount' as const, count: 4 },
    ];
    expect(() => replay(map, options, { entries }, 10)).toThrow(/out of tick order/);
  });
});
