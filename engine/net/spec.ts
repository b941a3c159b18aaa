/**
 * Wire specification of the Arbiter netcode: every constant both ends must
 * agree on, the packet layouts, and the one field table that drives the
 * snapshot encoder and decoder (the model is Quake III's `msg.c`).
 *
 * All multi-byte header integers are little-endian. Snapshot bodies are bit
 * streams, packed least-significant bit first; `EG(k)` is an order-k
 * Exp-Golomb code (small unsigned integers in few bits, any 32-bit value in
 * at most 65 bits) and `zz` is zigzag (0, -1, 1, -2, … → 0, 1, 2, 3, …).
 *
 * Snapshot packet (host → client, unreliable channel)
 *
 *    0        1        2                 6        7                 11       12       13
 *   +--------+--------+-----------------+--------+-----------------+--------+--------+--------------
 *   |version | kind=1 | tick       (u32)|  age   | input ack  (u32)|frag idx|frag cnt| body slice …
 *   +--------+--------+-----------------+--------+-----------------+--------+--------+--------------
 *     age: ticks back to the baseline (tick - age); 0 = full snapshot, else 1..31
 *     input ack: newest input seq the host applied for this client, 0xFFFFFFFF = none
 *     frag idx < frag cnt <= 255; every fragment but the last carries exactly
 *     MAX_FRAGMENT_PAYLOAD_BYTES of the body; all fragments of a tick share
 *     every header byte but the fragment index.
 *
 * Snapshot body (the fragments' slices concatenated; bits, LSB first)
 *
 *   orders    3 bits kc, then 4 bits kf per delta field (table order)
 *   changed   records, each:                                baseline slots, ascending,
 *               EG(kc) slot gap                              never a removed one
 *               1 bit "same mask as the previous record"
 *               [FIELD_COUNT bits mask]                      absent when repeated
 *               present fields in table order:
 *                 delta field  EG(kf) zz(value - baseline)   the short way round if wrap
 *                 other field  raw `bits`
 *             ended by the slot gap that lands on the baseline's count
 *   removed   EG(2) count, [3 bits kr], count × EG(kr) slot gap    ascending
 *   added     EG(4) count, [3 bits ka], then per record:
 *               EG(ka) id gap (id - previous id - 1; the first: id)   ids ascending
 *               1 bit "same mask as the previous record", [mask]
 *               present fields in table order, raw `bits` (absent fields are 0)
 *   padding   zero bits up to the byte boundary; nothing after it
 *
 *   A slot gap is `slot - previous slot - 1` (the first: `slot`); slots
 *   index the baseline's entity list. The new list is the baseline's with
 *   changed records applied in place, removed slots dropped (order kept),
 *   then added records appended in wire order; host and client both store
 *   it that way, so slots mean the same on both. The encoder picks kc and
 *   kf from recent records with the same baseline age, kr and ka from the
 *   list's own values; the decoder just reads them.
 *
 * Input packet (client → host, unreliable channel)
 *
 *    0        1        2                 6                 10       11
 *   +--------+--------+-----------------+-----------------+--------+----------------------------
 *   |version | kind=2 | snapshot ack u32| newest seq (u32)| count  | count × input record …
 *   +--------+--------+-----------------+-----------------+--------+----------------------------
 *     snapshot ack: newest snapshot tick fully decoded, 0xFFFFFFFF = none
 *     count: 1..MAX_INPUT_RECORDS; record k (newest first) has seq newest - k
 *
 *   input record (6 bytes)
 *   +--------+--------+-----------------+-----------------+
 *   | move x | move y | aim        (u16)| buttons    (u16)|
 *   +--------+--------+-----------------+-----------------+
 *     move x/y: i8, -127..127 for -1..1 (-128 is invalid)
 *     aim: u16 turns (65536 per full turn, 0 = +x, towards +y)
 */

/** Names of the wire fields: every `NetEntities` array but `id`. */
export type NetFieldName = 'kind' | 'team' | 'x' | 'y' | 'angle' | 'hp' | 'item' | 'flags';

/** Bumped whenever any layout or table below changes; a mismatch is rejected as `bad_version`. */
export const PROTOCOL_VERSION = 1;

/** Packet kind byte (offset 1) of a snapshot fragment. */
export const PACKET_SNAPSHOT = 1;
/** Packet kind byte (offset 1) of an input packet. */
export const PACKET_INPUT = 2;

/** Hard per-packet budget, bytes: every packet the codecs write is strictly smaller. */
export const PACKET_BUDGET_BYTES = 1200;
/**
 * Largest packet the codecs write or accept, bytes. 20 below the budget
 * leaves room for a transport's own framing without fragmenting again.
 */
export const MAX_PACKET_BYTES = 1180;

/**
 * Default per-friend snapshot budget, bytes, header included: one packet.
 * Entities entering a friend's view past it wait for a later tick, nearest
 * first (see `ClientView.budgetBytes`).
 */
export const SNAPSHOT_BUDGET_BYTES = 1180;

/** Snapshot header bytes (offsets 0..12 above). */
export const SNAPSHOT_HEADER_BYTES = 13;
/** Header byte offsets of a snapshot packet. */
export const SNAPSHOT_OFFSET_TICK = 2;
export const SNAPSHOT_OFFSET_AGE = 6;
export const SNAPSHOT_OFFSET_INPUT_ACK = 7;
export const SNAPSHOT_OFFSET_FRAGMENT = 11;
export const SNAPSHOT_OFFSET_FRAGMENTS = 12;
/** Body bytes in every fragment but the last. */
export const MAX_FRAGMENT_PAYLOAD_BYTES = MAX_PACKET_BYTES - SNAPSHOT_HEADER_BYTES;
/** Most fragments one snapshot may span (the count is a u8). */
export const MAX_FRAGMENTS = 255;
/** Largest snapshot body, bytes. */
export const MAX_BODY_BYTES = MAX_FRAGMENTS * MAX_FRAGMENT_PAYLOAD_BYTES;
/**
 * Bits one entity can cost a body at most, as a baseline slot (a changed
 * record or a removed slot) plus as an added record; spec.test.ts derives
 * the worst case from FIELDS. The encoder sizes its buffers with it.
 */
export const MAX_ENTITY_BITS = 400;

/** Snapshots each end keeps, indexed by `tick & SNAPSHOT_MASK` (Quake III's PACKET_BACKUP). */
export const SNAPSHOT_RING = 32;
export const SNAPSHOT_MASK = SNAPSHOT_RING - 1;
/**
 * Most entities in one snapshot. The encoder leaves the rest out (counted
 * in `ClientView.truncated`); the decoder rejects more as `too_many_entities`.
 */
export const MAX_SNAPSHOT_ENTITIES = 4096;

/** Wire value of "no tick" / "no seq" in u32 header fields. */
export const WIRE_NONE = 0xffffffff;

/** Bit widths of the body's small fixed fields. */
export const GAP_ORDER_BITS = 3;
export const DELTA_ORDER_BITS = 4;
/** Exp-Golomb orders of the section counts. */
export const REMOVED_COUNT_ORDER = 2;
export const RECORD_COUNT_ORDER = 4;

/** Input packet header bytes (offsets 0..10 above), and its field offsets. */
export const INPUT_HEADER_BYTES = 11;
export const INPUT_OFFSET_ACK = 2;
export const INPUT_OFFSET_SEQ = 6;
export const INPUT_OFFSET_COUNT = 10;
/** Bytes per input record. */
export const INPUT_RECORD_BYTES = 6;
/** Input records per packet at most: each input is repeated in this many packets. */
export const MAX_INPUT_RECORDS = 4;
/** Largest input packet, bytes. */
export const MAX_INPUT_PACKET_BYTES = INPUT_HEADER_BYTES + MAX_INPUT_RECORDS * INPUT_RECORD_BYTES;
/** Move axis quantization: -1..1 maps to -127..127. */
export const INPUT_MOVE_SCALE = 127;
/** Aim quantization, steps per full turn. */
export const INPUT_AIM_STEPS = 65536;

/** Input record `buttons` bit: fire the equipped weapon this tick. */
export const BUTTON_FIRE = 1;
/** Input record `buttons` bit: pick up the nearest ground item within reach. */
export const BUTTON_PICKUP = 2;

/** Net entity `flags` bit: the entity is alive (dead units are still sent, drawn fallen). */
export const FLAG_ALIVE = 1;

/**
 * Why a snapshot packet was refused, in the order the decoder checks.
 * `stale` (older than what the client has; normal on an unordered channel)
 * and `unknown_baseline` (its baseline was lost) are expected under loss;
 * the rest mean a damaged or hostile packet.
 */
export const SNAPSHOT_ERRORS = [
  'empty',
  'oversized',
  'truncated',
  'bad_version',
  'bad_kind',
  'bad_tick',
  'bad_baseline',
  'bad_fragment',
  'stale',
  'fragment_mismatch',
  'duplicate_fragment',
  'unknown_baseline',
  'too_many_entities',
  'bad_slot',
  'bad_value',
  'malformed',
  'trailing_bytes',
] as const;
export type SnapshotError = (typeof SNAPSHOT_ERRORS)[number];

/**
 * Why an input packet was refused: the first nine by `decodeInputPacket`,
 * `far_future` by an InputQueue (seqs too far past what it has).
 */
export const INPUT_ERRORS = [
  'empty',
  'oversized',
  'truncated',
  'bad_version',
  'bad_kind',
  'bad_count',
  'bad_length',
  'bad_seq',
  'bad_move',
  'far_future',
] as const;
export type InputError = (typeof INPUT_ERRORS)[number];

/** One entity field on the wire: how it is quantized and how its changes are coded. */
export interface WireField {
  /** The `NetEntities` array it comes from. */
  name: NetFieldName;
  /** Width of an absolute value on the wire, bits (1..24). */
  bits: number;
  /** Two's complement when set; otherwise unsigned. */
  signed: boolean;
  /** Quantized units per unit of the field: `q = round(value * scale)`. */
  scale: number;
  /** Modular: `q` wraps to `0 .. 2^bits - 1` instead of clamping (angles). */
  wrap: boolean;
  /**
   * Changes against the baseline are sent as `EG(kf) zz(q - baseline q)`
   * (the shortest way round when `wrap`); otherwise as raw `bits`.
   */
  delta: boolean;
}

const TURN = 2 * Math.PI;

/**
 * The entity field table, in wire order. Positions are 1/16 world unit in
 * 18 signed bits (±8,192 world units from the map origin: clamped beyond);
 * angles 10 bits per turn (0.35°); HP fraction 8 bits.
 */
export const FIELDS: readonly WireField[] = [
  { name: 'kind', bits: 8, signed: false, scale: 1, wrap: false, delta: false },
  { name: 'team', bits: 8, signed: false, scale: 1, wrap: false, delta: false },
  { name: 'x', bits: 18, signed: true, scale: 16, wrap: false, delta: true },
  { name: 'y', bits: 18, signed: true, scale: 16, wrap: false, delta: true },
  { name: 'angle', bits: 10, signed: false, scale: 1024 / TURN, wrap: true, delta: true },
  { name: 'hp', bits: 8, signed: false, scale: 255, wrap: false, delta: false },
  { name: 'item', bits: 16, signed: true, scale: 1, wrap: false, delta: false },
  { name: 'flags', bits: 8, signed: false, scale: 1, wrap: false, delta: false },
];

/** Fields per entity; also the width of a record's field mask, bits. */
export const FIELD_COUNT = FIELDS.length;

/**
 * Position of each field in `FIELDS` (and in a quantized row). Typed as a
 * full record, so a `NetEntities` field without a wire entry fails to
 * compile here; spec.test.ts checks the table itself.
 */
export const FIELD_INDEX: Readonly<Record<NetFieldName, number>> = {
  kind: 0,
  team: 1,
  x: 2,
  y: 3,
  angle: 4,
  hp: 5,
  item: 6,
  flags: 7,
};

/** Smallest quantized value of `field`. */
export function fieldMin(field: WireField): number {
  return field.signed ? -(2 ** (field.bits - 1)) : 0;
}

/** Largest quantized value of `field`. */
export function fieldMax(field: WireField): number {
  return field.signed ? 2 ** (field.bits - 1) - 1 : 2 ** field.bits - 1;
}

/** `value` quantized for `field`: rounded, then wrapped or clamped; NaN gives 0. */
export function quantize(field: WireField, value: number): number {
  const q = Math.round(value * field.scale);
  if (q !== q) return 0;
  if (field.wrap) return q & (2 ** field.bits - 1);
  const min = fieldMin(field);
  const max = fieldMax(field);
  return q < min ? min : q > max ? max : q;
}

/** The value a quantized `q` stands for (units of the field). */
export function dequantize(field: WireField, q: number): number {
  return q / field.scale;
}

/** Columns of FIELDS as typed arrays, for the codec's hot loops. */
export const FIELD_BITS = Int32Array.from(FIELDS, (f) => f.bits);
export const FIELD_DELTA = Uint8Array.from(FIELDS, (f) => (f.delta ? 1 : 0));
export const FIELD_WRAP = Uint8Array.from(FIELDS, (f) => (f.wrap ? 1 : 0));
export const FIELD_SIGNED = Uint8Array.from(FIELDS, (f) => (f.signed ? 1 : 0));
export const FIELD_MIN = Int32Array.from(FIELDS, fieldMin);
export const FIELD_MAX = Int32Array.from(FIELDS, fieldMax);
