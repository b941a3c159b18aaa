/**
 * Client-side prediction of the own avatar: inputs are applied locally at
 * once; when a snapshot says which input the host applied last, the
 * avatar is put at the host's position and the inputs the host has not
 * applied yet are replayed on top (reconciliation). Walls and pushes are
 * the host's to resolve: a misprediction is corrected by the next snapshot.
 */
export interface Prediction {
  /** Unacknowledged inputs: seq, moveX, moveY, repeated. */
  pending: Array<{ seq: number; moveX: number; moveY: number }>;
  x: number;
  y: number;
  known: boolean;
}

export function createPrediction(): Prediction {
  return { pending: [], x: 0, y: 0, known: false };
}

/** Records an input just sent and moves the prediction by it (speed in world units/s, dt in s). */
export function predictInput(
  p: Prediction,
  seq: number,
  moveX: number,
  moveY: number,
  speed: number,
  dt: number,
): void {
  p.pending.push({ seq, moveX, moveY });
  if (p.pending.length > 64) p.pending.shift();
  if (!p.known) return;
  const [x, y] = step(p.x, p.y, moveX, moveY, speed, dt);
  p.x = x;
  p.y = y;
}

/** A snapshot placed the avatar at (x, y) after input `ackSeq`: replay what came after. */
export function reconcile(
  p: Prediction,
  x: number,
  y: number,
  ackSeq: number,
  speed: number,
  dt: number,
): void {
  p.pending = p.pending.filter((input) => input.seq > ackSeq);
  let px = x;
  let py = y;
  for (const input of p.pending) [px, py] = step(px, py, input.moveX, input.moveY, speed, dt);
  p.x = px;
  p.y = py;
  p.known = true;
}

function step(
  x: number,
  y: number,
  moveX: number,
  moveY: number,
  speed: number,
  dt: number,
): [number, number] {
  const length = Math.hypot(moveX, moveY);
  const scale = length > 1 ? 1 / length : 1;
  return [x + moveX * scale * speed * dt, y + moveY * scale * speed * dt];
}
