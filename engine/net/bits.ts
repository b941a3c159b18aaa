/**
 * Bit packing over a Uint8Array, least-significant bit first, with the
 * Exp-Golomb and zigzag codes the snapshot body uses (see spec.ts). Neither
 * side throws: a writer past its buffer and a reader past its end set a
 * sticky flag the caller checks once per record, which keeps the hot loops
 * branch-light and lets hostile input end in a typed error.
 */

export interface BitWriter {
  bytes: Uint8Array;
  /** Next byte to write. */
  pos: number;
  /** Pending bits (`acc < 2^accBits`, `accBits < 8` between calls). */
  acc: number;
  accBits: number;
  /** Set once a write ran past `bytes`; the bytes past the end were dropped. */
  overflow: boolean;
}

export interface BitReader {
  bytes: Uint8Array;
  /** Next byte to read, and the end (exclusive) of the readable range. */
  pos: number;
  end: number;
  /** Bits read but not consumed (`acc < 2^accBits`). */
  acc: number;
  accBits: number;
  /** Set once a read needed bytes past `end`. */
  overflow: boolean;
  /** Set when a code was longer than any valid value (an Exp-Golomb prefix). */
  malformed: boolean;
}

const TWO_POW_16 = 65536;

/** A writer over `bytes`, starting at byte 0. */
export function createBitWriter(bytes: Uint8Array): BitWriter {
  return { bytes, pos: 0, acc: 0, accBits: 0, overflow: false };
}

/** Starts `w` again at byte 0 (its bytes are overwritten as it goes). */
export function resetBitWriter(w: BitWriter): void {
  w.pos = 0;
  w.acc = 0;
  w.accBits = 0;
  w.overflow = false;
}

/** Appends the low `bits` (0..24) bits of the non-negative integer `value`. */
export function writeBits(w: BitWriter, value: number, bits: number): void {
  let acc = w.acc | (value << w.accBits);
  let accBits = w.accBits + bits;
  while (accBits >= 8) {
    if (w.pos < w.bytes.length) w.bytes[w.pos++] = acc & 255;
    else w.overflow = true;
    acc >>>= 8;
    accBits -= 8;
  }
  w.acc = acc;
  w.accBits = accBits;
}

/** Appends `bits` (0..32) bits of the integer `value`, 0 <= value < 2^32. */
export function writeBitsLong(w: BitWriter, value: number, bits: number): void {
  if (bits <= 24) {
    writeBits(w, value, bits);
    return;
  }
  writeBits(w, value % TWO_POW_16, 16);
  writeBits(w, Math.floor(value / TWO_POW_16), bits - 16);
}

/** Bit length of `x`, 0 <= x < 2^33. */
export function bitLength(x: number): number {
  return x < 0x100000000 ? 32 - Math.clz32(x) : 33;
}

/**
 * Appends `v` (0 <= v < 2^32) as an order-`k` Exp-Golomb code (k 0..15):
 * with `x = v + 2^k` of bit length n, n-k-1 zero bits, a one, then the low
 * n-1 bits of x.
 */
export function writeEg(w: BitWriter, v: number, k: number): void {
  const x = v + (1 << k);
  const n = bitLength(x);
  const zeros = n - k - 1;
  if (zeros + n <= 24) {
    writeBits(w, (1 << zeros) | ((x - (1 << (n - 1))) << (zeros + 1)), zeros + n);
    return;
  }
  writeBitsLong(w, 0, zeros);
  writeBits(w, 1, 1);
  writeBitsLong(w, x - 2 ** (n - 1), n - 1);
}

/**
 * `writeEg`'s code for `v` as one number, `pattern << 5 | length`, for
 * callers that pack codes themselves; -1 when it is longer than 24 bits.
 */
export function egCode(v: number, k: number): number {
  const x = v + (1 << k);
  if (x >= 0x1000000) return -1;
  const n = 32 - Math.clz32(x);
  const zeros = n - k - 1;
  const length = zeros + n;
  if (length > 24) return -1;
  return (((1 << zeros) | ((x - (1 << (n - 1))) << (zeros + 1))) << 5) | length;
}

/** Pads the last byte with zero bits; returns the bytes written. */
export function flushBits(w: BitWriter): number {
  if (w.accBits > 0) writeBits(w, 0, 8 - w.accBits);
  return w.pos;
}

/** A reader with nothing to read; point it at bytes with `resetBitReader`. */
export function createBitReader(): BitReader {
  return {
    bytes: new Uint8Array(0),
    pos: 0,
    end: 0,
    acc: 0,
    accBits: 0,
    overflow: false,
    malformed: false,
  };
}

/** Points `r` at `bytes[start .. end)`. */
export function resetBitReader(r: BitReader, bytes: Uint8Array, start: number, end: number): void {
  r.bytes = bytes;
  r.pos = start;
  r.end = end;
  r.acc = 0;
  r.accBits = 0;
  r.overflow = false;
  r.malformed = false;
}

/** Reads `bits` (0..24) bits as a non-negative integer; 0 and `overflow` past the end. */
export function readBits(r: BitReader, bits: number): number {
  let acc = r.acc;
  let accBits = r.accBits;
  while (accBits < bits) {
    if (r.pos >= r.end) {
      r.overflow = true;
      r.acc = 0;
      r.accBits = 0;
      return 0;
    }
    acc |= r.bytes[r.pos++] << accBits;
    accBits += 8;
  }
  r.acc = bits === 0 ? acc : acc >>> bits;
  r.accBits = accBits - bits;
  return bits === 0 ? 0 : (acc & (0xffffffff >>> (32 - bits))) >>> 0;
}

/** Reads `bits` (0..32) bits as a non-negative integer below 2^32. */
export function readBitsLong(r: BitReader, bits: number): number {
  if (bits <= 24) return readBits(r, bits);
  const low = readBits(r, 16);
  return low + readBits(r, bits - 16) * TWO_POW_16;
}

/**
 * Reads an order-`k` Exp-Golomb code written by `writeEg`. A prefix longer
 * than any 32-bit value needs sets `malformed` and returns 0.
 */
export function readEg(r: BitReader, k: number): number {
  const maxZeros = 32 - k;
  let zeros = 0;
  for (;;) {
    if (r.accBits === 0) {
      if (r.pos >= r.end) {
        r.overflow = true;
        return 0;
      }
      r.acc = r.bytes[r.pos++];
      r.accBits = 8;
    }
    const acc = r.acc;
    if (acc !== 0) {
      // The lowest set bit ends the prefix; acc < 2^accBits, so it is within accBits.
      const tz = 31 - Math.clz32(acc & -acc);
      zeros += tz;
      r.acc = acc >>> (tz + 1);
      r.accBits -= tz + 1;
      break;
    }
    zeros += r.accBits;
    r.accBits = 0;
    if (zeros > maxZeros) {
      r.malformed = true;
      return 0;
    }
  }
  if (zeros > maxZeros) {
    r.malformed = true;
    return 0;
  }
  const rest = zeros + k;
  if (rest <= 24) return (1 << rest) + readBits(r, rest) - (1 << k);
  return 2 ** rest + readBitsLong(r, rest) - (1 << k);
}

/** Slots a histogram of bit lengths needs (`bitLength` of values below 2^33). */
export const LENGTH_HISTOGRAM_SIZE = 34;

/**
 * The Exp-Golomb order in `0 .. maxK` that codes the values counted in
 * `hist` (by bit length) in about the fewest bits. A value of bit length b
 * costs k+1 bits when b <= k and 2b-k±1 otherwise; the estimate takes 2b-k.
 */
export function chooseEgOrder(hist: Int32Array, maxK: number): number {
  let top = LENGTH_HISTOGRAM_SIZE - 1;
  while (top > 0 && hist[top] === 0) top--;
  // An order past the longest value only adds bits.
  const last = Math.min(maxK, top);
  let best = 0;
  let bestCost = Infinity;
  for (let k = 0; k <= last; k++) {
    let cost = 0;
    for (let b = 0; b <= top; b++) {
      const n = hist[b];
      if (n !== 0) cost += n * (b <= k ? k + 1 : 2 * b - k);
    }
    if (cost < bestCost) {
      bestCost = cost;
      best = k;
    }
  }
  return best;
}

/** Zigzag: 0, -1, 1, -2, … → 0, 1, 2, 3, … for |d| < 2^30. */
export function zigzag(d: number): number {
  return ((d << 1) ^ (d >> 31)) >>> 0;
}

/** Inverse of `zigzag` for z < 2^31. */
export function unzigzag(z: number): number {
  return (z >>> 1) ^ -(z & 1);
}

/** True when `r` consumed its whole range without running past it or meeting a bad code. */
export function readerDone(r: BitReader): boolean {
  return r.pos === r.end && !r.overflow && !r.malformed;
}

/** Writes `v` (0 <= v < 2^32) as 4 little-endian bytes at `bytes[at]`. */
export function writeU32(bytes: Uint8Array, at: number, v: number): void {
  bytes[at] = v & 255;
  bytes[at + 1] = (v >>> 8) & 255;
  bytes[at + 2] = (v >>> 16) & 255;
  bytes[at + 3] = (v >>> 24) & 255;
}

/** Reads 4 little-endian bytes at `bytes[at]` as an unsigned integer. */
export function readU32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}
