import { describe, expect, it } from 'vitest';
import {
  commitNetEntities,
  createClientView,
  createInputQueue,
  createNetEntities,
  createPacketBuffer,
  encodeSnapshot,
  FLAG_ALIVE,
  receiveInputPacket,
  takeInput,
  type InputCommand,
} from '../../../../engine/index';
import type { EventData, EventName, HostClient, MapDef } from '../../../shared/hostApi';
import { packBundle, unpackBundle } from '../../../shared/stateLane';
import type { ClientLink } from './clientLink';
import { connectHostWindow } from './hostWindow';
import { openPlayerClient, type PlayerClient } from './playerClient';

/**
 * The one client over in-memory links: the host's side is the engine's real
 * snapshot encoder and input queue, as the host's worker runs them.
 */
function createHostSide() {
  let entities = createNetEntities(16);
  let view = createClientView();
  const packets = createPacketBuffer();
  const inputs = createInputQueue();
  return {
    inputs,
    /** Tick `tick` of a world holding units `ids` at (x, 100): its snapshot packets. */
    snapshot(tick: number, units: Array<{ id: number; x: number }>): Uint8Array[] {
      units.forEach(({ id, x }, row) => {
        entities.id[row] = id;
        entities.kind[row] = 1;
        entities.team[row] = row % 2;
        entities.x[row] = x;
        entities.y[row] = 100;
        entities.hp[row] = 1;
        entities.flags[row] = FLAG_ALIVE;
      });
      entities.count = units.length;
      commitNetEntities(entities, tick);
      view.inputAck = inputs.appliedSeq;
      return encodeSnapshot(view, entities, null, tick, packets).map((p) => p.slice());
    },
    /** A new match: snapshot ticks start over. */
    restart() {
      entities = createNetEntities(16);
      view = createClientView();
    },
  };
}

/** A link whose far end the test drives: what the client sent, and lanes to push into it. */
function createTestLink() {
  const state: Array<(bytes: Uint8Array) => void> = [];
  const control: Array<(text: string) => void> = [];
  const close: Array<(reason: string) => void> = [];
  const sent: Uint8Array[] = [];
  const link: ClientLink = {
    transport: 'websocket',
    sendState: (bytes) => sent.push(bytes.slice()),
    onState: (listener) => state.push(listener),
    onControl: (listener) => control.push(listener),
    onClose: (listener) => close.push(listener),
    rttMs: async () => null,
    close: () => close.forEach((listener) => listener('left')),
  };
  return {
    link,
    sent,
    pushState: (bytes: Uint8Array) => state.forEach((listener) => listener(bytes)),
    pushControl: (message: object) => control.forEach((l) => l(JSON.stringify(message))),
  };
}

const MAP: MapDef = {
  name: 'arena',
  width: 1600,
  height: 1000,
  walls: [],
  spawns: [{ team: 0, x: 0, y: 0, w: 100, h: 100 }],
};

function ticksOf(client: PlayerClient): number[] {
  const ticks: number[] = [];
  client.onSnapshot((snapshot) => ticks.push(snapshot.tick));
  return ticks;
}

describe('the one player client', () => {
  it('decodes snapshots, predicts its avatar and sends inputs the host queue accepts', () => {
    const host = createHostSide();
    const test = createTestLink();
    const client = openPlayerClient(test.link, { unitId: 7, tickRate: 20, map: MAP });
    const ticks = ticksOf(client);
    for (const packet of host.snapshot(1, [
      { id: 7, x: 100 },
      { id: 8, x: 300 },
    ]))
      test.pushState(packet);
    expect(ticks).toEqual([1]);
    expect(client.prediction).toMatchObject({ known: true, x: 100, y: 100 });

    client.sendInput(1, 0, 0, 0);
    client.sendInput(1, 0, 0, 0);
    expect(test.sent).toHaveLength(2);
    for (const bytes of test.sent) expect(receiveInputPacket(host.inputs, bytes).ok).toBe(true);
    const command: InputCommand = { seq: 0, moveX: 0, moveY: 0, aim: 0, buttons: 0 };
    expect(takeInput(host.inputs, command)).toBe(true);
    expect(command).toMatchObject({ seq: 0, moveX: 1 });
    // Predicted ahead of the host until the host acknowledges the inputs.
    expect(client.prediction.x).toBeGreaterThan(100);
    client.close();
  });

  it('starts over on the host’s reset and ends on its bye', () => {
    const host = createHostSide();
    const test = createTestLink();
    const client = openPlayerClient(test.link, { unitId: 7, tickRate: 20, map: null });
    const ticks = ticksOf(client);
    const resets: number[] = [];
    client.onReset(() => resets.push(client.play.unitId ?? -1));
    for (const packet of host.snapshot(50, [{ id: 7, x: 100 }])) test.pushState(packet);

    host.restart();
    test.pushControl({ t: 'reset', unitId: 3, tickRate: 30, map: MAP });
    expect(resets).toEqual([3]);
    expect(client.play).toEqual({ unitId: 3, tickRate: 30, map: MAP });
    // Tick 1 of the new match is news to the new decoder, not older than tick 50.
    for (const packet of host.snapshot(1, [{ id: 3, x: 40 }])) test.pushState(packet);
    expect(ticks).toEqual([50, 1]);

    const closed: string[] = [];
    client.onClose((reason) => closed.push(reason));
    test.pushControl({ t: 'bye', reason: 'kicked by the host' });
    expect(closed).toEqual(['kicked by the host']);
    client.sendInput(1, 0, 0, 0);
    expect(test.sent).toHaveLength(0);
  });

  it('keeps the host’s players and score, and holds deaths until the HUD listens', () => {
    const test = createTestLink();
    const client = openPlayerClient(test.link, { unitId: 7, tickRate: 20, map: null });
    const board = {
      tick: 40,
      phase: 'running',
      ticksLeft: 100,
      secondsLeft: 5,
      winner: null,
      teams: [],
      entities: [],
    };
    // Before the page has mounted its HUD: nothing listens yet.
    test.pushControl({ t: 'players', players: [{ id: 2, name: 'Ada', team: 1, unitId: 7 }] });
    test.pushControl({
      t: 'score',
      board,
      kills: [{ victim: 7, victimTeam: 1, killer: 9, killerTeam: 0 }],
    });
    // A score that fails its schema changes nothing.
    test.pushControl({ t: 'score', board: { ...board, tick: -1 }, kills: [] });
    expect(client.hud.players.map((player) => player.name)).toEqual(['Ada']);
    expect(client.hud.board?.tick).toBe(40);

    const heard: number[][] = [];
    const stop = client.onHud((kills) => heard.push(kills.map((kill) => kill.victim)));
    expect(heard).toEqual([[7]]);
    test.pushControl({ t: 'score', board: { ...board, tick: 50 }, kills: [] });
    expect(heard).toEqual([[7], []]);
    stop();
    client.close();
  });

  it('plays the host window over its host API connection: link events, binary lane', async () => {
    const host = createHostSide();
    const events = new Map<string, Set<(data: unknown) => void>>();
    const bytesListeners = new Set<(bytes: Uint8Array) => void>();
    const sent: Uint8Array[] = [];
    const requests: string[] = [];
    const emit = (event: string, data: unknown) => events.get(event)?.forEach((l) => l(data));
    const connection: HostClient = {
      async request(method, params) {
        requests.push(`${method} ${JSON.stringify(params)}`);
        // The host answers a new link with its reset, on the ordered lane, before any packet.
        if (method === 'subscribe')
          queueMicrotask(() =>
            emit('link', JSON.stringify({ t: 'reset', unitId: 5, tickRate: 20, map: MAP })),
          );
        return {} as never;
      },
      on<E extends EventName>(event: E, listener: (data: EventData<E>) => void) {
        const set = events.get(event) ?? new Set();
        events.set(event, set);
        set.add(listener as (data: unknown) => void);
        return () => set.delete(listener as (data: unknown) => void);
      },
      stateLane: {
        send: (bytes) => sent.push(bytes.slice()),
        onBytes(listener) {
          bytesListeners.add(listener);
          return () => bytesListeners.delete(listener);
        },
      },
    };
    const client = await connectHostWindow(connection);
    expect(client.transport).toBe('local');
    expect(client.play).toEqual({ unitId: 5, tickRate: 20, map: MAP });
    const ticks = ticksOf(client);
    // The tick's fragments arrive as one bundle.
    const bundle = packBundle(host.snapshot(4, [{ id: 5, x: 10 }]));
    bytesListeners.forEach((listener) => listener(bundle));
    expect(ticks).toEqual([4]);
    client.sendInput(0, 1, 0, 0);
    const inputs: Uint8Array[] = [];
    expect(unpackBundle(sent[0], (packet) => inputs.push(packet))).toBe(true);
    expect(inputs).toHaveLength(1);
    expect(receiveInputPacket(host.inputs, inputs[0]).ok).toBe(true);

    client.close();
    expect(requests).toEqual([
      'subscribe {"topics":["snapshots"]}',
      'unsubscribe {"topics":["snapshots"]}',
    ]);
    // Closed: nothing more reaches the client.
    const late = packBundle(host.snapshot(5, [{ id: 5, x: 12 }]));
    bytesListeners.forEach((listener) => listener(late));
    expect(ticks).toEqual([4]);
  });
});
