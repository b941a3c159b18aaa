/**
 * The scene we ship, for the net benchmarks (bench/_*.ts are helpers, not
 * benchmarks): the real engine on resources/maps/arena.json with the
 * default match config, 1,000 bots (500 a team) carrying the default
 * loadout, so projectiles fly and ground items drop, and N friends' avatars
 * on the host's real friend path (src/main/host/match/netClients.ts: input queue,
 * AOI of AOI_RADIUS around the avatar plus every avatar, encodeSnapshot).
 * Friends walk in circles and fire; each acknowledges snapshots `ackLag`
 * ticks late through the inputs it sends, as a real friend does.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import {
  addPlayer,
  collectView,
  createClientState,
  createInputPacket,
  createViewBuffers,
  createWorld,
  decodeSnapshot,
  encodeInputPacket,
  MAX_INPUT_PACKET_BYTES,
  pushInput,
  stepWorld,
  viewSize,
  BUTTON_FIRE,
  type ClientState,
  type InputPacket,
  type ItemDef,
  type MapDef,
  type ViewBuffers,
  type World,
} from '../engine/index';
import {
  addNetClient,
  AOI_RADIUS,
  applyNetInputs,
  createNetClients,
  encodeNetSnapshots,
  receiveNetInput,
  type NetClients,
} from '../src/main/host/match/netClients';
import {
  batchClientId,
  batchPacket,
  beginNetPacketBatch,
  createNetPacketBatchWriter,
  finishNetPacketBatch,
  readNetPacketBatch,
  type NetPacketBatch,
  type NetPacketBatchWriter,
} from '../src/main/host/match/netPacketBatch';
import { round3 } from './_stats';

/** Bots in the shipped load scene (the figure the issue and README quote). */
export const SHIPPED_BOTS = 1000;
export { AOI_RADIUS };

const arena = readJson<MapDef>('../resources/maps/arena.json');
const items = readJson<{ items: ItemDef[] }>('../resources/items.json').items;

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;
}

/** One friend: its avatar, decoder, input packets and the snapshots in flight to it. */
export interface SceneFriend {
  id: number;
  unitId: number;
  client: ClientState;
  input: InputPacket;
  /** Snapshot ticks decoded, oldest first, so an ack can be `ackLag` ticks late. */
  decodedTicks: number[];
  /** Entities in the friend's last decoded snapshot. */
  visible: number;
}

export interface ShippedScene {
  world: World;
  net: NetClients;
  view: ViewBuffers;
  friends: SceneFriend[];
  ackLag: number;
  /** Every friend's packets of a tick, one buffer, as the engine worker builds them. */
  batch: NetPacketBatchWriter;
}

/** The shipped world with `friends` avatars on the host's friend path. */
export function createShippedScene(friends: number, ackLag: number, seed = 12345): ShippedScene {
  const world = createWorld(arena, {
    seed,
    agents: SHIPPED_BOTS,
    items,
    config: { matchSeconds: 0, playerLimit: Math.max(8, friends) },
  });
  const net = createNetClients();
  const list: SceneFriend[] = [];
  for (let k = 0; k < friends; k++) {
    const unitId = addPlayer(world, k % world.config.teams.length);
    addNetClient(net, k + 1, unitId);
    list.push({
      id: k + 1,
      unitId,
      client: createClientState(),
      input: createInputPacket(),
      decodedTicks: [],
      visible: 0,
    });
  }
  // NET_BUDGET=off: main's path before issue 15 (every entering entity at once), for a baseline.
  if (process.env.NET_BUDGET === 'off') {
    for (const client of net.clients.values()) client.view.budgetBytes = Infinity;
  }
  const view = createViewBuffers(viewSize(world) * 2);
  return { world, net, view, friends: list, ackLag, batch: createNetPacketBatchWriter() };
}

const wire = new Uint8Array(MAX_INPUT_PACKET_BYTES);

/** Each friend's input for the next tick, carrying its (late) snapshot ack. */
export function sendInputs(scene: ShippedScene): void {
  const tick = scene.world.tick;
  for (const f of scene.friends) {
    const angle = (tick * 0.05 + f.id) % (2 * Math.PI);
    pushInput(f.input, Math.cos(angle), Math.sin(angle), angle, tick % 10 === 0 ? BUTTON_FIRE : 0);
    // The ack this input carries: the newest snapshot decoded `ackLag` ticks ago.
    while (f.decodedTicks.length > 1 && f.decodedTicks[1] <= tick - scene.ackLag) {
      f.decodedTicks.shift();
    }
    const acked = f.decodedTicks.length > 0 && f.decodedTicks[0] <= tick - scene.ackLag;
    f.input.ackTick = acked ? f.decodedTicks[0] : -1;
    receiveNetInput(scene.net, f.id, wire.slice(0, encodeInputPacket(f.input, wire)));
  }
}

/** Applies inputs and steps the world (the tick's step phase). */
export function stepScene(scene: ShippedScene): void {
  applyNetInputs(scene.net, scene.world);
  stepWorld(scene.world);
}

/**
 * Collects the view and encodes every friend's snapshot into one batch (the
 * tick's encode phase, as the engine worker runs it); its buffer is the
 * batch's, ready to transfer.
 */
export function encodeScene(scene: ShippedScene): NetPacketBatch {
  const needed = viewSize(scene.world);
  if (needed > scene.view.capacity) scene.view = createViewBuffers(needed * 2);
  const rows = collectView(scene.world, scene.view);
  beginNetPacketBatch(scene.batch);
  encodeNetSnapshots(scene.net, scene.world, scene.view, rows, scene.batch);
  return readNetPacketBatch(finishNetPacketBatch(scene.batch));
}

/** A batch's packets grouped per friend, in order (for the untimed checks). */
export function sendsOf(batch: NetPacketBatch): Array<{ clientId: number; packets: Uint8Array[] }> {
  const sends: Array<{ clientId: number; packets: Uint8Array[] }> = [];
  for (let i = 0; i < batch.packets; i++) {
    const clientId = batchClientId(batch, i);
    if (sends.at(-1)?.clientId !== clientId) sends.push({ clientId, packets: [] });
    sends.at(-1)!.packets.push(batchPacket(batch, i));
  }
  return sends;
}

/** Delivers each friend its packets (no loss) and decodes them; throws on a refused packet. */
export function deliver(
  scene: ShippedScene,
  sends: Array<{ clientId: number; packets: Uint8Array[] }>,
): void {
  for (const send of sends) {
    const f = scene.friends[send.clientId - 1];
    for (const packet of send.packets) {
      const result = decodeSnapshot(f.client, packet);
      if (!result.ok) throw new Error(`friend ${f.id}: snapshot refused (${result.reason})`);
      if (result.snapshot) {
        f.decodedTicks.push(result.snapshot.tick);
        f.visible = result.snapshot.entities.count;
      }
    }
  }
}

/** Entities in the world now, by kind of thing the issue names. */
export function sceneCounts(world: World): Record<string, number> {
  return {
    units: world.count,
    projectiles: world.projectiles.count,
    ground_items: world.groundItems.count,
  };
}

/** The 1-, 5- and 15-minute load averages, for every bench line. */
export function loadAvg(): number[] {
  return loadavg().map(round3);
}
