/**
 * Public surface of the netcode: the snapshot codec (host encode, client
 * decode), the area of interest, and input packets with the host's queue.
 * Pure TypeScript, shared by host and client. Every public name is listed.
 */
export {
  BUTTON_FIRE,
  BUTTON_PICKUP,
  FIELD_COUNT,
  FIELD_INDEX,
  FIELDS,
  FLAG_ALIVE,
  INPUT_AIM_STEPS,
  INPUT_ERRORS,
  INPUT_HEADER_BYTES,
  INPUT_MOVE_SCALE,
  INPUT_RECORD_BYTES,
  MAX_ENTITY_BITS,
  MAX_FRAGMENT_PAYLOAD_BYTES,
  MAX_FRAGMENTS,
  MAX_INPUT_PACKET_BYTES,
  MAX_INPUT_RECORDS,
  MAX_PACKET_BYTES,
  MAX_SNAPSHOT_ENTITIES,
  PACKET_BUDGET_BYTES,
  PACKET_INPUT,
  PACKET_SNAPSHOT,
  PROTOCOL_VERSION,
  SNAPSHOT_BUDGET_BYTES,
  SNAPSHOT_ERRORS,
  SNAPSHOT_HEADER_BYTES,
  SNAPSHOT_MASK,
  SNAPSHOT_RING,
  dequantize,
  fieldMax,
  fieldMin,
  quantize,
} from './spec';
export type { InputError, SnapshotError, WireField } from './spec';
export { createNetEntities, MAX_NET_ROWS } from './netEntities';
export { commitNetEntities } from './netCommit';
export { rowOfId } from './idIndex';
export type { NetEntities, NetFieldName } from './netEntities';
export {
  ackSnapshot,
  createClientView,
  createPacketBuffer,
  encodeSnapshot,
} from './snapshotEncode';
export type { ClientView, PacketBuffer } from './snapshotEncode';
export { createClientState, decodeSnapshot } from './snapshotDecode';
export type { ClientState, DecodedSnapshot, SnapshotResult } from './snapshotDecode';
export { createAoiGrid, queryAoi, rebuildAoiGrid } from './aoi';
export type { AoiGrid } from './aoi';
export {
  createInputPacket,
  decodeInputPacket,
  dequantizeInput,
  encodeInputPacket,
  peekInputSeq,
  pushInput,
  readInput,
} from './inputs';
export type { InputCommand, InputPacket } from './inputs';
export {
  INPUT_QUEUE_CAPACITY,
  MAX_INPUT_AHEAD,
  createInputQueue,
  pendingInputs,
  receiveInputPacket,
  takeInput,
} from './inputQueue';
export type { InputQueue, InputResult } from './inputQueue';
