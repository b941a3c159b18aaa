/**
 * What the arena draws for the inspected agent: its perception radius and a
 * ray to each entity its observation lists (its line of sight), following
 * the interpolated positions the agents are drawn at.
 */
import { Graphics } from 'pixi.js';
import type { WorldStream } from './worldStream';

/** The inspected agent, as the arena needs it. */
export interface InspectTarget {
  agentId: number;
  /** World units. */
  perception: number;
  /** Entities it sees, with where the inspection saw them (used when they are not drawn now). */
  visible: Array<{ id: number; x: number; y: number }>;
}

const RING_COLOR = 0xffd166;
const RAY_COLOR = 0x8ecae6;

export function createInspectLayer(): Graphics {
  return new Graphics();
}

/**
 * Draws `target` into `graphics` (world coordinates; `scale`: screen px per
 * world unit, so lines keep their width on screen). Returns the agent's
 * drawn position, or null when it is not drawn now.
 */
export function drawInspectLayer(
  graphics: Graphics,
  stream: WorldStream,
  target: InspectTarget | null,
  scale: number,
): { x: number; y: number } | null {
  graphics.clear();
  if (!target) return null;
  let at: { x: number; y: number } | null = null;
  const drawn = new Map<number, number>();
  const wanted = new Set(target.visible.map((v) => v.id));
  for (let i = 0; i < stream.count; i++) {
    const id = stream.ids[i];
    if (id === target.agentId) at = { x: stream.xy[2 * i], y: stream.xy[2 * i + 1] };
    else if (wanted.has(id)) drawn.set(id, i);
  }
  if (!at) return null;
  const px = 1 / (scale || 1);
  graphics
    .circle(at.x, at.y, target.perception)
    .fill({ color: RING_COLOR, alpha: 0.06 })
    .stroke({ color: RING_COLOR, width: 1.5 * px, alpha: 0.7 });
  for (const seen of target.visible) {
    const i = drawn.get(seen.id);
    const x = i === undefined ? seen.x : stream.xy[2 * i];
    const y = i === undefined ? seen.y : stream.xy[2 * i + 1];
    graphics.moveTo(at.x, at.y).lineTo(x, y);
  }
  if (target.visible.length) graphics.stroke({ color: RAY_COLOR, width: 1 * px, alpha: 0.8 });
  // A ring around the agent itself, so it stands out among its team.
  graphics
    .circle(at.x, at.y, stream.radius * 1.8)
    .stroke({ color: RING_COLOR, width: 2.5 * px, alpha: 1 });
  return at;
}
