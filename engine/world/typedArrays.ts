/** Typed-array columns of the engine's pools (units, projectiles, ground items, batches). */
export type NumericColumn =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/** A column of the same type and `length` elements holding `old`'s values first (a pool growing). */
export function grownCopy<T extends NumericColumn>(old: T, length: number): T {
  const next = new (old.constructor as new (n: number) => T)(length);
  next.set(old);
  return next;
}
