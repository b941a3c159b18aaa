/**
 * Friends' netcode, inside the engine worker (it has the world and its
 * view at hand): per client an input queue and a snapshot view. Before a
 * tick each client's next input becomes commands for its own avatar;
 * after it the world's view is committed once and encoded per client,
 * filtered to its area of interest and delta-encoded against the last
 * snapshot that client acknowledged.
 */
import {
  ackSnapshot,
  applyCommand,
  commitNetEntities,
  createAoiGrid,
  createClientView,
  createInputQueue,
  createNetEntities,
  createPacketBuffer,
  encodeSnapshot,
  BUTTON_FIRE,
  BUTTON_PICKUP,
  FLAG_ALIVE,
  KIND_AVATAR,
  MAX_SNAPSHOT_ENTITIES,
  SNAPSHOT_BUDGET_BYTES,
  queryAoi,
  rebuildAoiGrid,
  receiveInputPacket,
  takeInput,
  unitIndexOf,
  type AoiGrid,
  type ClientView,
  type InputCommand,
  type InputQueue,
  type NetEntities,
  type PacketBuffer,
  type ViewBuffers,
  type World,
} from '../../../../engine/index';
import { addNetPackets, type NetPacketBatchWriter } from './netPacketBatch';

/** How far a client sees, world units. */
export const AOI_RADIUS = 600;

interface NetClient {
  id: number;
  unitId: number;
  /** Sees every entity (the host's own window), not only its area of interest. */
  seesAll: boolean;
  view: ClientView;
  inputs: InputQueue;
  packets: PacketBuffer;
  visible: Int32Array;
  /** When the oldest input not yet applied arrived (the caller's clock, ms); NaN when none waits. */
  inputSince: number;
  /**
   * When the oldest input applied at the last tick boundary arrived;
   * Infinity when that tick applied none. Snapshots go out oldest first.
   */
  waitedSince: number;
}

export interface NetClients {
  clients: Map<number, NetClient>;
  entities: NetEntities;
  grid: AoiGrid | null;
  input: InputCommand;
  /** Input packets refused, by reason, over all clients. */
  rejected: Record<string, number>;
  /** This tick's avatar rows, in row order: every client is sent them (`avatarCount` of them). */
  avatarRows: Int32Array;
  avatarCount: number;
  /** Scratch: the clients in the order this tick encodes them. */
  order: NetClient[];
}

export function createNetClients(): NetClients {
  return {
    avatarRows: new Int32Array(64),
    avatarCount: 0,
    clients: new Map(),
    entities: createNetEntities(1024),
    grid: null,
    input: { seq: 0, moveX: 0, moveY: 0, aim: 0, buttons: 0 },
    rejected: {},
    order: [],
  };
}

export function addNetClient(net: NetClients, id: number, unitId: number, seesAll = false): void {
  net.clients.set(id, {
    id,
    unitId,
    seesAll,
    view: budgetedView(seesAll),
    inputs: createInputQueue(),
    packets: createPacketBuffer(),
    visible: new Int32Array(1024),
    inputSince: Number.NaN,
    waitedSince: Number.POSITIVE_INFINITY,
  });
}

/** A friend's view: one packet's budget, entering entities nearest first (the host window: none). */
function budgetedView(seesAll: boolean): ClientView {
  const view = createClientView();
  if (!seesAll) view.budgetBytes = SNAPSHOT_BUDGET_BYTES;
  return view;
}

export function removeNetClient(net: NetClients, id: number): void {
  net.clients.delete(id);
}

/**
 * One input packet from client `id` (untrusted bytes: refusals are counted,
 * never thrown), taken in at `nowMs` (any clock, the same for every call):
 * the client whose input has waited longest for a tick is encoded first.
 */
export function receiveNetInput(net: NetClients, id: number, bytes: Uint8Array, nowMs = 0): void {
  const client = net.clients.get(id);
  if (!client) return;
  const result = receiveInputPacket(client.inputs, bytes);
  if (!result.ok) net.rejected[result.reason] = (net.rejected[result.reason] ?? 0) + 1;
  else if (Number.isNaN(client.inputSince)) client.inputSince = nowMs;
}

/**
 * Before a tick: every input each client has queued since the last tick,
 * oldest first, as commands for its own avatar only (the newest move and
 * aim stand; a fire or pickup in any of them holds for this tick). All of
 * them, not one per tick: an input that arrived is acknowledged in this
 * tick's snapshot, however the packets bunched on the way.
 */
export function applyNetInputs(net: NetClients, world: World): void {
  const input = net.input;
  for (const client of net.clients.values()) {
    const actor = client.unitId;
    client.waitedSince = Number.POSITIVE_INFINITY;
    while (takeInput(client.inputs, input)) {
      client.waitedSince = Number.isNaN(client.inputSince) ? 0 : client.inputSince;
      applyCommand(world, actor, { type: 'move', x: input.moveX, y: input.moveY });
      applyCommand(world, actor, { type: 'aim', angle: input.aim });
      if (input.buttons & BUTTON_FIRE) applyCommand(world, actor, { type: 'fire' });
      if (input.buttons & BUTTON_PICKUP) applyCommand(world, actor, { type: 'pickup' });
    }
    client.inputSince = Number.NaN;
  }
}

/**
 * After a tick: commits the view `rows` of `view` and adds each client's
 * packets to `batch` (begun by the caller), the client whose applied input
 * has waited longest first, then the others with a new input, then those
 * without. `encoded`, when given, is called after each client's packets are
 * in, so the caller can send them before the next clients are encoded (an
 * input's ack goes out as soon as its friend's snapshot is ready, not after
 * every friend's). Returns how many clients got a snapshot.
 */
export function encodeNetSnapshots(
  net: NetClients,
  world: World,
  view: ViewBuffers,
  rows: number,
  batch: NetPacketBatchWriter,
  encoded?: (clientId: number, appliedSeq: number) => void,
): number {
  if (net.clients.size === 0) return 0;
  let entities = net.entities;
  if (rows > entities.capacity)
    entities = net.entities = createNetEntities(Math.max(rows, entities.capacity * 2));
  for (let i = 0; i < rows; i++) {
    entities.id[i] = view.id[i];
    entities.kind[i] = view.kind[i];
    entities.team[i] = view.team[i];
    entities.x[i] = view.x[i];
    entities.y[i] = view.y[i];
    entities.angle[i] = view.aim[i];
    entities.hp[i] = view.hp[i];
    entities.item[i] = view.item[i];
    entities.flags[i] = view.alive[i] ? FLAG_ALIVE : 0;
  }
  entities.count = rows;
  commitNetEntities(entities, world.tick);
  listAvatars(net, entities);
  net.grid ??= createAoiGrid(world.map.width, world.map.height, AOI_RADIUS / 2, rows);
  rebuildAoiGrid(net.grid, entities);

  const order = net.order;
  order.length = 0;
  for (const client of net.clients.values()) order.push(client);
  // Stable: clients that waited alike keep their join order.
  order.sort(byWaitedSince);
  for (const client of order) {
    if (client.inputs.snapshotAck >= 0) ackSnapshot(client.view, client.inputs.snapshotAck);
    client.view.inputAck = client.inputs.appliedSeq;
    if (client.visible.length < rows) client.visible = new Int32Array(rows * 2);
    const unit = unitIndexOf(world, client.unitId);
    const cx = unit >= 0 ? world.x[unit] : world.map.width / 2;
    const cy = unit >= 0 ? world.y[unit] : world.map.height / 2;
    client.view.focusX = cx;
    client.view.focusY = cy;
    let seen: number;
    if (client.seesAll) {
      seen = everyRow(entities, client.visible);
    } else {
      seen = queryAoi(net.grid, entities, cx, cy, AOI_RADIUS, client.visible);
      seen = addAvatars(net, entities, cx, cy, client.visible, seen);
    }
    const packets = encodeSnapshot(
      client.view,
      entities,
      client.visible.subarray(0, seen),
      world.tick,
      client.packets,
    );
    addNetPackets(batch, client.id, packets);
    encoded?.(client.id, client.inputs.appliedSeq);
  }
  order.length = 0;
  return net.clients.size;
}

function byWaitedSince(a: NetClient, b: NetClient): number {
  if (a.waitedSince === b.waitedSince) return 0;
  return a.waitedSince < b.waitedSince ? -1 : 1;
}

/** What one client is told that agents said: those in its area of interest (everything when it sees all). */
export interface ClientSays<Say extends { unitId: number }> {
  clientId: number;
  says: Say[];
}

/**
 * After `encodeNetSnapshots` (which placed each client's focus): `says`
 * split by client, each keeping the says of units within AOI_RADIUS of
 * its focus (a client that sees the whole match gets them all), at most
 * `max` each, oldest first. Units no longer in the world are left out.
 */
export function saysByClient<Say extends { unitId: number }>(
  net: NetClients,
  world: World,
  says: readonly Say[],
  max: number,
): ClientSays<Say>[] {
  const out: ClientSays<Say>[] = [];
  if (says.length === 0) return out;
  const radius2 = AOI_RADIUS * AOI_RADIUS;
  for (const client of net.clients.values()) {
    const kept: Say[] = [];
    for (const say of says) {
      if (kept.length >= max) break;
      const unit = unitIndexOf(world, say.unitId);
      if (unit < 0) continue;
      const dx = world.x[unit] - client.view.focusX;
      const dy = world.y[unit] - client.view.focusY;
      if (client.seesAll || dx * dx + dy * dy <= radius2) kept.push(say);
    }
    if (kept.length > 0) out.push({ clientId: client.id, says: kept });
  }
  return out;
}

/**
 * Every row, for a client that sees the whole match; past what one snapshot
 * can carry, the avatars first and then as many others as fit.
 */
function everyRow(entities: NetEntities, visible: Int32Array): number {
  const rows = entities.count;
  if (rows <= MAX_SNAPSHOT_ENTITIES) {
    for (let row = 0; row < rows; row++) visible[row] = row;
    return rows;
  }
  let n = 0;
  for (let row = 0; row < rows; row++) if (entities.kind[row] === KIND_AVATAR) visible[n++] = row;
  for (let row = 0; row < rows && n < MAX_SNAPSHOT_ENTITIES; row++)
    if (entities.kind[row] !== KIND_AVATAR) visible[n++] = row;
  return n;
}

/** Lists this tick's avatar rows (few: the players) once, for every client's `addAvatars`. */
function listAvatars(net: NetClients, entities: NetEntities): void {
  let n = 0;
  for (let row = 0; row < entities.count; row++) {
    if (entities.kind[row] !== KIND_AVATAR) continue;
    if (n === net.avatarRows.length) {
      const grown = new Int32Array(n * 2);
      grown.set(net.avatarRows);
      net.avatarRows = grown;
    }
    net.avatarRows[n++] = row;
  }
  net.avatarCount = n;
}

/**
 * Players' avatars are few and always matter: every client gets them,
 * wherever they are; the area of interest filters bots, projectiles and items.
 * Appends those the AOI query at (`cx`, `cy`) left out: its test exactly
 * (within AOI_RADIUS, inclusive), so none is listed twice.
 */
function addAvatars(
  net: NetClients,
  entities: NetEntities,
  cx: number,
  cy: number,
  visible: Int32Array,
  seen: number,
): number {
  const r2 = AOI_RADIUS * AOI_RADIUS;
  let n = seen;
  for (let a = 0; a < net.avatarCount && n < visible.length; a++) {
    const row = net.avatarRows[a];
    const dx = entities.x[row] - cx;
    const dy = entities.y[row] - cy;
    if (!(dx * dx + dy * dy <= r2)) visible[n++] = row;
  }
  return n;
}
